"""Server administration runs on the server itself, against its database and Temporal: the
settings, and the services a command runs on. Imported only by the commands that need it."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeVar

from cli.common import fail
from config.catalog_file import load_catalog
from config.logging import configure_logging
from config.settings import Settings
from domain.catalog.ids import process_stream
from domain.catalog.model import CatalogError
from runtime.connections import connect_temporal, create_engine
from runtime.embedded_pg import database_url
from service.commands import CommandRefused
from service.context import Services
from service.idempotency import KeyConflict

T = TypeVar("T")


def settings() -> Settings:
    """The settings, with logging configured as they say."""
    found = Settings()
    configure_logging(found.log_format, found.log_level)
    return found


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


def with_services(work: Callable[[Services], Awaitable[T]], *, temporal: bool = False) -> T:
    """Run ``work`` against the configured (or embedded) database and, if asked, Temporal;
    a refused command or an unknown province or area ends the command with its message."""
    found = Settings()
    configure_logging(found.log_format, "WARNING")
    url = database_url(found)

    async def main() -> T:
        engine = create_engine(url)
        try:
            client = await connect_temporal(found) if temporal else None
            catalog = load_catalog(found.catalog)
            services = Services(engine, client, catalog, found, found.label)
            try:
                return await work(services)
            finally:
                await services.close()
        finally:
            await engine.dispose()

    try:
        return asyncio.run(main())
    except (CommandRefused, CatalogError, KeyConflict) as exc:
        fail(str(exc))


def named_stream(services: Services, text: str) -> str:
    """A stream id as typed, spelled as the catalog spells it (``province-gr`` is
    ``province-GR``: domain/catalog/ids.py); the command ends naming what is wrong."""
    try:
        return str(process_stream(services.catalog, text))
    except ValueError as exc:  # CatalogError too: it names the known codes
        fail(str(exc))
