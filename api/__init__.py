"""Edges of novex: the CLI, the HTTP API and the client-side process operations."""
