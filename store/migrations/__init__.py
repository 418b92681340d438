"""Alembic migrations of the novex schema."""
