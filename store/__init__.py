"""PostgreSQL persistence: the append-only event store, read models and their projector."""
