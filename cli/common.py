"""What every command shares: settings, the services it runs on, errors, JSON and results."""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Awaitable, Callable, Coroutine
from datetime import UTC, datetime
from typing import Any, TypeVar

import typer
from rich.console import Console

from config.catalog_file import load_catalog
from config.logging import configure_logging
from config.settings import Settings
from domain.catalog.model import CatalogError
from runtime.connections import connect_temporal, create_engine
from runtime.embedded_pg import database_url
from service.commands import CommandRefused, StartWith
from service.context import Services
from service.idempotency import InvalidKey, KeyConflict, parse_key
from workflows.messages import CommandResult

T = TypeVar("T")
console = Console()
KEY = typer.Option(
    None,
    "--idempotency-key",
    help="any text of yours (e.g. a UUID): run again with the same key and the same command, "
    "it answers as the first time and records nothing twice",
)


def settings() -> Settings:
    """The settings, with logging configured as they say."""
    found = Settings()
    configure_logging(found.log_format, found.log_level)
    return found


def run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


def fail(message: str) -> None:
    """End the command with exit code 2 and the message on stderr."""
    Console(stderr=True).print(f"[red]error:[/red] {message}")
    raise typer.Exit(2)


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
        raise  # unreachable: fail() exits


def checked_key(raw: str | None) -> str | None:
    """The --idempotency-key as given, or the command ends naming what is wrong with it."""
    try:
        return parse_key(raw)
    except InvalidKey as exc:
        fail(str(exc))
        raise  # unreachable: fail() exits


def starting(services: Services, actor: str) -> StartWith:
    """A command from the CLI starts the process it goes to when that is not there yet."""
    return StartWith(services.catalog, services.settings.task_queue, actor)


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, indent=2, default=str, ensure_ascii=False)
    print()


def print_recorded(result: CommandResult) -> None:
    """What a command recorded, and the process's version after it."""
    console.print(f"recorded: {', '.join(result.events)} (version {result.version})")


def utc(value: datetime | None) -> datetime | None:
    """An instant typed without a zone is taken as UTC."""
    return value.replace(tzinfo=UTC) if value and value.tzinfo is None else value
