"""Temporal activities: the event store append and the outbox rows it commits with the events."""
