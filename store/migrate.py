"""Brings a database to the newest schema with Alembic."""

from __future__ import annotations

import asyncio
from importlib import resources

from alembic import command
from alembic.config import Config

from config.settings import to_async_url


def alembic_config(database_url: str) -> Config:
    """An Alembic config pointing at the migrations shipped in this package."""
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("store") / "migrations"))
    cfg.set_main_option("sqlalchemy.url", to_async_url(database_url).replace("%", "%%"))
    return cfg


def upgrade(database_url: str, revision: str = "heads") -> None:
    """Run every pending migration, up to ``revision`` (every head by default, so revisions made
    side by side apply in either order; blocking: call from a thread inside an event loop)."""
    command.upgrade(alembic_config(database_url), revision)


async def upgrade_async(database_url: str, revision: str = "heads") -> None:
    """Run every pending migration (up to ``revision``) from async code."""
    await asyncio.to_thread(upgrade, database_url, revision)
