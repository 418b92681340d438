"""The embedded PostgreSQL (pgserver) used when no database URL is configured."""

from __future__ import annotations

from pathlib import Path


def start_embedded_postgres(data_dir: Path) -> str:
    """Start (or reuse) an embedded server in ``data_dir``; returns its plain postgres URL."""
    import pgserver

    data_dir.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(data_dir, cleanup_mode=None)
    return str(server.get_uri())
