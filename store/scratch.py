"""Scratch databases with the newest schema, for tests and benchmarks."""

from __future__ import annotations

import secrets

import asyncpg

from store.migrate import upgrade_async


async def create_scratch_database(
    server: str, prefix: str = "novex_scratch", revision: str = "heads"
) -> str:
    """A new database on ``server``, migrated up to ``revision``; returns its URL."""
    name = f"{prefix}_{secrets.token_hex(4)}"
    admin = await asyncpg.connect(server)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    base, _, query = server.partition("?")
    url = base.rsplit("/", 1)[0] + "/" + name + (f"?{query}" if query else "")
    await upgrade_async(url, revision)
    return url


async def drop_scratch_database(server: str, url: str) -> None:
    """Drop a database made by create_scratch_database, connections and all."""
    name = url.partition("?")[0].rsplit("/", 1)[1]
    admin = await asyncpg.connect(server)
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()
