"""`novex notifications …`: the outbox through the API (list, redeliver dead letters); the
dispatcher itself runs on the server (`notifications run`)."""

from __future__ import annotations

import typer

from cli.client import call
from cli.common import AS_JSON, KEY, checked_key, console, print_json, table

app = typer.Typer(help="Notifications: list, redeliver, run the dispatcher.")


@app.command("list")
def notifications_list(
    status_filter: str | None = typer.Option(None, "--status", help="pending, delivered or dead"),
    limit: int = typer.Option(50, help="how many, newest first"),
    as_json: bool = AS_JSON,
) -> None:
    """Notifications with their delivery state; dead-lettered ones need a redeliver."""
    rows = call("GET", "/api/notifications", params={"status": status_filter, "limit": limit})
    if as_json:
        print_json(rows)
        return
    shown = table("meldingen", "id", "soort", "ontvanger", "kanaal", "status", "pogingen", "fout")
    for row in rows:
        shown.add_row(
            str(row["id"])[:8],
            row["kind"],
            row["recipient"],
            row["channel"],
            row["status"],
            str(row["attempts"]),
            row["last_error"] or "",
        )
    console().print(shown)


@app.command("redeliver")
def notifications_redeliver(
    ids: list[str] = typer.Argument(None, help="notification ids; none: every dead-lettered one"),
    key: str | None = KEY,
) -> None:
    """Send dead-lettered notifications again (a coordinator's token)."""
    body = {"ids": ids or None}
    chosen = call("POST", "/api/notifications/redeliver", body=body, key=checked_key(key))
    console().print(f"{len(chosen['redelivered'])} notification(s) queued again")


@app.command("run")
def notifications_run() -> None:
    """Run the dispatcher against the configured database (on the server; Ctrl-C stops)."""
    from cli.local import run, settings
    from runtime.parts import run_dispatcher

    run(run_dispatcher(settings()))
