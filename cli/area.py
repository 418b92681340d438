"""`novex area …`: show a NOVEX area's process and give it commands."""

from __future__ import annotations

from datetime import datetime

import typer

from cli.common import KEY, checked_key, fail, print_recorded, starting, utc, with_services
from cli.status import show_detail
from domain.area.commands import area_command_adapter
from service import queries
from service.commands import send_area_command, vet
from service.context import Services
from workflows.messages import CommandResult

app = typer.Typer(help="A NOVEX area's process: show it, give it commands.")


@app.command("show")
def area_show(
    key: str,
    as_of: datetime | None = typer.Option(None, "--as-of"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """An area's timeline and history (by id, number or name)."""
    detail = with_services(lambda s: queries.detail(s, s.area_stream(key), utc(as_of)))
    show_detail(detail, as_json, f"the process of {key}")


@app.command("command")
def area_command(
    key: str,
    command_json: str = typer.Argument(..., help="a command as JSON"),
    idempotency_key: str | None = KEY,
) -> None:
    """Any area command as JSON, e.g. '{"type": "AdoptPerspective", "actor": "duo"}'."""
    try:
        command = area_command_adapter.validate_json(command_json)
    except ValueError as exc:
        fail(str(exc))
        return
    idempotency_key = checked_key(idempotency_key)

    async def work(s: Services) -> CommandResult:
        area_id = s.catalog.area(key).id
        vet(s.catalog, command)
        return await send_area_command(
            s.temporal,
            area_id,
            command,
            s.label,
            key=idempotency_key,
            start=starting(s, command.actor),
        )

    print_recorded(with_services(work, temporal=True))
