"""The `novex` command line (Typer + Rich)."""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Coroutine
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import typer
from rich.console import Console
from rich.table import Table

from api import cli_process
from api.cli_process import fail, print_json, with_services
from config.catalog_file import load_catalog
from config.logging import configure_logging
from config.settings import Settings
from domain.catalog.model import CatalogError

T = TypeVar("T")
app = typer.Typer(
    help="novex: regie op de ruimte, as an event-sourced workflow engine.", no_args_is_help=True
)
catalog_app = typer.Typer(help="The catalog of provinces, areas, schedule and ladder.")
audit_app = typer.Typer(help="Tamper evidence of the event store.")
projector_app = typer.Typer(help="Read models.")
app.add_typer(catalog_app, name="catalog")
app.add_typer(audit_app, name="audit")
app.add_typer(projector_app, name="projector")
notifications_app = typer.Typer(help="Notifications: list, redeliver, run the dispatcher.")
app.add_typer(notifications_app, name="notifications")
app.add_typer(cli_process.province_app, name="province")
app.add_typer(cli_process.area_app, name="area")
app.add_typer(cli_process.escalation_app, name="escalation")
app.add_typer(cli_process.token_app, name="token")
app.command("report")(cli_process.report)
ladder_app = typer.Typer(help="The escalation ladder of running processes.")
app.add_typer(ladder_app, name="ladder")
ladder_app.command("apply")(cli_process.ladder_apply)
audit_app.command("export")(cli_process.audit_export)
console = Console()


def _settings() -> Settings:
    settings = Settings()
    configure_logging(settings.log_format, settings.log_level)
    return settings


def _run(coro: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coro)


def _database_url(settings: Settings) -> str:
    if settings.database_url:
        return settings.database_url
    from store.embedded import start_embedded_postgres

    return start_embedded_postgres(settings.data_dir.resolve() / "postgres")


@app.command()
def up() -> None:
    """Start everything on the embedded default (or the configured services); Ctrl-C stops it."""
    from api.stack import run_stack

    settings = _settings()

    async def main() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await run_stack(settings, stop)

    _run(main())


@app.command()
def demo() -> None:
    """Start the programme from the catalog and drive it to a living picture (needs `novex up`)."""
    from api.demo import run_demo
    from worker import connect_temporal

    settings = _settings()

    async def main() -> list[str]:
        client = await connect_temporal(settings)
        return await run_demo(
            client, load_catalog(settings.catalog), settings.task_queue, settings.label
        )

    for line in _run(main()):
        console.print(f"• {line}")


@app.command("api")
def serve_api() -> None:
    """Serve the HTTP API and dashboard against configured services (NOVEX_API_PORT)."""
    import uvicorn

    from api.app import create_app
    from api.services import Services
    from worker import connect_temporal, create_engine

    settings = _settings()
    url = _database_url(settings)

    async def main() -> None:
        engine = create_engine(url)
        try:
            client = await connect_temporal(settings)
            services = Services(
                engine, client, load_catalog(settings.catalog), settings, settings.label
            )
            config = uvicorn.Config(
                create_app(services),
                host=settings.api_host,
                port=settings.api_port,
                log_level="warning",
            )
            try:
                await uvicorn.Server(config).serve()
            finally:
                await services.close()
        finally:
            await engine.dispose()

    _run(main())


@app.command()
def worker() -> None:
    """Run only a worker against configured services (NOVEX_DATABASE_URL, …_TEMPORAL_ADDRESS)."""
    import worker as worker_module

    _run(worker_module.main())


@app.command()
def migrate() -> None:
    """Bring the database to the newest schema."""
    from store.migrate import upgrade

    upgrade(_database_url(_settings()))
    console.print("database is at the newest schema")


@catalog_app.command("check")
def catalog_check(
    path: Path | None = typer.Argument(None, help="catalog file; default: the configured one"),
) -> None:
    """Validate a catalog file; errors name the file, the entry and the problem."""
    settings = _settings()
    try:
        catalog = load_catalog(path or settings.catalog)
    except CatalogError as exc:
        fail(str(exc))
        return
    console.print(
        f"catalog ok: {len(catalog.provinces)} provinces, {len(catalog.areas)} NOVEX areas, "
        f"{len(catalog.programmes)} programmes, {len(catalog.escalation_ladder)} escalation levels"
    )


@app.command()
def start(
    province: list[str] = typer.Option(
        None, "--province", "-p", help="province code; default: all"
    ),
    actor: str = typer.Option("regieteam", help="who starts the journeys"),
) -> None:
    """Start the province journeys from the catalog; running ones are reported, not duplicated."""
    from api.process import start_journeys
    from worker import connect_temporal

    settings = _settings()
    try:
        catalog = load_catalog(settings.catalog)
        for code in province or []:
            catalog.province(code)
    except CatalogError as exc:
        fail(str(exc))
        return

    async def main() -> dict[str, str]:
        client = await connect_temporal(settings)
        return await start_journeys(
            client, catalog, actor=actor, task_queue=settings.task_queue, codes=province or None
        )

    for code, outcome in _run(main()).items():
        console.print(f"{code}: {outcome}")


@app.command()
def status(
    as_json: bool = typer.Option(False, "--json", help="print JSON"),
    as_of: datetime | None = typer.Option(
        None, "--as-of", help="status as it stood at this instant"
    ),
) -> None:
    """Where every process stands, from the read model (or as of a past instant)."""
    rows = with_services(lambda s: s.status(as_of))
    if as_json:
        print_json(rows)
        return
    table = Table(title="novex status" + (f" per {as_of:%Y-%m-%d %H:%M}" if as_of else ""))
    for column in ("proces", "fase", "volgende termijn", "te laat", "schuurpunten", "versie"):
        table.add_column(column)
    for row in rows:
        summary = row["summary"]
        due = summary.get("next_due") or {}
        table.add_row(
            row["stream_id"],
            row["phase"],
            f"{due.get('target', '')} {str(due.get('due', ''))[:10]}".strip(),
            ", ".join(summary.get("overdue", [])),
            str(len(summary.get("open_frictions", []))),
            str(row["version"]),
        )
    console.print(table)


@audit_app.command("verify")
def audit_verify(stream: str | None = typer.Option(None, help="only this stream")) -> None:
    """Recompute every hash chain and report the first broken link of each stream."""
    from store.audit import verify

    report = with_services(lambda s: verify(s.engine, stream))
    for link in report.broken:
        console.print(
            f"[red]broken[/red] {link.stream_id} version {link.version} "
            f"(position {link.position}): {link.reason}"
        )
    console.print(f"checked {report.events} events in {report.streams} streams")
    if not report.ok:
        raise typer.Exit(1)


@projector_app.command("rebuild")
def projector_rebuild() -> None:
    """Throw the read models away and rebuild them from the event store."""
    from store.projector import Projector

    applied = with_services(lambda s: Projector(s.engine).rebuild())
    console.print(f"rebuilt from {applied} events")


@projector_app.command("run")
def projector_run() -> None:
    """Follow the event store and keep the read models current (Ctrl-C stops)."""
    from store.projector import Projector
    from worker import create_engine

    url = _database_url(_settings())

    async def main() -> None:
        engine = create_engine(url)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        try:
            await Projector(engine).run(stop)
        finally:
            await engine.dispose()

    _run(main())


@notifications_app.command("list")
def notifications_list(
    status_filter: str | None = typer.Option(None, "--status", help="pending, delivered or dead"),
    limit: int = typer.Option(50, help="how many, newest first"),
    as_json: bool = typer.Option(False, "--json", help="print JSON"),
) -> None:
    """Notifications with their delivery state; dead-lettered ones need a redeliver."""
    from activities.notify import list_notifications

    rows = with_services(lambda s: list_notifications(s.engine, status_filter, limit))
    if as_json:
        print_json(rows)
        return
    table = Table(title="meldingen")
    for column in ("id", "soort", "ontvanger", "kanaal", "status", "pogingen", "fout"):
        table.add_column(column)
    for row in rows:
        table.add_row(
            str(row["id"])[:8],
            row["kind"],
            row["recipient"],
            row["channel"],
            row["status"],
            str(row["attempts"]),
            row["last_error"] or "",
        )
    console.print(table)


@notifications_app.command("redeliver")
def notifications_redeliver(
    ids: list[str] = typer.Argument(None, help="notification ids; none: every dead-lettered one"),
    actor: str = typer.Option("regieteam", help="who asks"),
) -> None:
    """Send dead-lettered notifications again."""
    from activities.notify import redeliver

    try:
        chosen = with_services(lambda s: redeliver(s.engine, ids or None, actor))
    except ValueError as exc:
        fail(str(exc))
        return
    console.print(f"{len(chosen)} notification(s) queued again")


@notifications_app.command("run")
def notifications_run() -> None:
    """Run the dispatcher against the configured database (Ctrl-C stops)."""
    from activities.dispatch_setup import dispatcher_from
    from worker import create_engine

    settings = _settings()
    url = _database_url(settings)

    async def main() -> None:
        engine = create_engine(url)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        try:
            async with dispatcher_from(settings, engine) as dispatcher:
                await dispatcher.run(stop)
        finally:
            await engine.dispose()

    _run(main())


@app.command()
def escalations(
    everything: bool = typer.Option(False, "--all", help="also decided ones"),
    as_json: bool = typer.Option(False, "--json", help="print JSON"),
) -> None:
    """Every open escalation: its level, members, deadline and history."""
    rows = [
        r
        for r in with_services(lambda s: s.status())
        if r["kind"] == "escalation" and (everything or r["summary"].get("open"))
    ]
    if as_json:
        print_json(rows)
        return
    table = Table(title="escalaties")
    for column in ("escalatie", "onderwerp", "niveau", "leden", "termijn", "besluit"):
        table.add_column(column)
    for row in rows:
        s = row["summary"]
        table.add_row(
            row["stream_id"],
            s["subject"],
            f"{s['level']} {s['level_name'] or ''}",
            ", ".join(s["members"]),
            str(s["due"])[:10],
            s["decision"] or "",
        )
    console.print(table)


def main() -> None:
    """Entry point of the ``novex`` console script."""
    app()
