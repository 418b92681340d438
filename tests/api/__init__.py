"""The HTTP API over the real database and Temporal dev server; schemathesis against `novex api`."""
