"""`novex area …`: show a NOVEX area's process and give it commands, through the API."""

from __future__ import annotations

from datetime import datetime

import typer

from cli.client import call
from cli.common import AS_KNOWN_AT, AS_OF, CORRECTION, KEY, ON, checked_key, dated, print_recorded
from cli.province import ACTOR, parsed_command
from cli.status import show_detail

app = typer.Typer(help="A NOVEX area's process: show it, give it commands.")


@app.command("show")
def area_show(
    key: str,
    as_of: datetime | None = AS_OF,
    known_at: datetime | None = AS_KNOWN_AT,
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """An area's timeline and history (by id, number or name)."""
    from urllib.parse import quote

    show_detail(f"/api/areas/{quote(key)}", as_of, as_json, known_at)


@app.command("command")
def area_command(
    key: str,
    command_json: str = typer.Argument(..., help="a command as JSON"),
    on: datetime | None = ON,
    correction: str | None = CORRECTION,
    idempotency_key: str | None = KEY,
) -> None:
    """Any area command as JSON, e.g. '{"type": "AdoptPerspective"}'."""
    from urllib.parse import quote

    body = {"actor": ACTOR, **dated(parsed_command(command_json), on, correction)}
    path = f"/api/areas/{quote(key)}/commands"
    print_recorded(call("POST", path, body=body, key=checked_key(idempotency_key)))
