"""The event store, projector, outbox and audit against a real PostgreSQL."""
