"""The embedded PostgreSQL (pgserver) used when no database URL is configured."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from config.settings import Settings

_servers: dict[Path, Any] = {}


def start_embedded_postgres(data_dir: Path) -> str:
    """Start (or join) the embedded server in ``data_dir``; returns its plain postgres URL.

    The server is shared by every novex process using the same folder and stops when the
    last of them exits.
    """
    with warnings.catch_warnings():  # pgserver asks for a runtime dir it does not use here
        warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
        import pgserver

    data_dir = data_dir.resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    server = _servers.get(data_dir)
    if server is None:
        server = pgserver.get_server(data_dir, cleanup_mode="stop")
        _servers[data_dir] = server
    return str(server.get_uri())


def database_url(settings: Settings) -> str:
    """The configured database URL, else the embedded server's under the data folder."""
    if settings.database_url:
        return settings.database_url
    return start_embedded_postgres(settings.data_dir.resolve() / "postgres")


def stop_embedded_postgres(data_dir: Path) -> None:
    """Let go of the embedded server; it stops if no other novex process uses it."""
    server = _servers.pop(data_dir.resolve(), None)
    if server is not None:
        server.cleanup()


async def find_server(env_var: str, data_dir: Path) -> str:
    """A PostgreSQL server for tests and benchmarks: the URL in ``env_var``, else the one on
    127.0.0.1:5432 if it answers, else an embedded one in ``data_dir``."""
    import os

    import asyncpg

    url = os.environ.get(env_var)
    if url:
        return url
    local = "postgresql://postgres@127.0.0.1:5432/postgres"
    try:
        conn = await asyncpg.connect(local, timeout=3)
        await conn.close()
        return local
    except (OSError, asyncpg.PostgresError):
        return start_embedded_postgres(data_dir)
