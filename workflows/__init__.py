"""Temporal workflows: they own time, waiting and ordering; the rules live in domain/."""
