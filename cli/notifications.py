"""`novex notifications …`: the outbox: list, redeliver dead letters, run the dispatcher."""

from __future__ import annotations

import typer
from rich.table import Table

from cli.common import KEY, checked_key, console, fail, print_json, run, settings, with_services
from notify.outbox import list_notifications
from service.redelivery import redeliver_once

app = typer.Typer(help="Notifications: list, redeliver, run the dispatcher.")


@app.command("list")
def notifications_list(
    status_filter: str | None = typer.Option(None, "--status", help="pending, delivered or dead"),
    limit: int = typer.Option(50, help="how many, newest first"),
    as_json: bool = typer.Option(False, "--json", help="print JSON"),
) -> None:
    """Notifications with their delivery state; dead-lettered ones need a redeliver."""
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


@app.command("redeliver")
def notifications_redeliver(
    ids: list[str] = typer.Argument(None, help="notification ids; none: every dead-lettered one"),
    actor: str = typer.Option("regieteam", help="who asks"),
    key: str | None = KEY,
) -> None:
    """Send dead-lettered notifications again."""
    key = checked_key(key)
    try:
        chosen = with_services(lambda s: redeliver_once(s.store, ids or None, actor, key))
    except ValueError as exc:
        fail(str(exc))
        return
    console.print(f"{len(chosen)} notification(s) queued again")


@app.command("run")
def notifications_run() -> None:
    """Run the dispatcher against the configured database (Ctrl-C stops)."""
    from runtime.parts import run_dispatcher

    run(run_dispatcher(settings()))
