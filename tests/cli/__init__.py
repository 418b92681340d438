"""The CLI as a client of the HTTP API."""
