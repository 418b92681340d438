"""`novex province …`: show a province's journey and give it commands."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import typer

from cli.common import KEY, checked_key, console, fail, print_recorded, starting, utc, with_services
from cli.status import show_detail
from config.catalog_file import load_catalog
from config.settings import Settings
from domain.catalog.model import CatalogError
from domain.province import commands as cmd
from domain.shared.commands import ChangeFriction, Command, MoveDueDate, RaiseFriction
from service import queries
from service.commands import send_command, vet
from service.context import Services
from workflows.messages import CommandResult

app = typer.Typer(help="A province's journey: show it, give it commands.")


@app.command("show")
def province_show(
    code: str,
    as_of: datetime | None = typer.Option(None, "--as-of"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """A province's timeline and history."""
    detail = with_services(lambda s: queries.detail(s, s.province_stream(code.upper()), utc(as_of)))
    show_detail(detail, as_json, f"the journey of {code}")


def _send(code: str, command: Command, key: str | None) -> None:
    key = checked_key(key)

    async def work(s: Services) -> CommandResult:
        province = s.catalog.province(code.upper()).code
        vet(s.catalog, command)
        return await send_command(
            s.temporal, province, command, s.label, key=key, start=starting(s, command.actor)
        )

    print_recorded(with_services(work, temporal=True))


@app.command("draft")
def province_draft(
    code: str,
    checkpoint: int,
    document: str = typer.Option(..., help="document reference"),
    summary: str = typer.Option(..., help="summary"),
    actor: str = typer.Option("provincie"),
    key: str | None = KEY,
) -> None:
    """Submit a draft for an ijkmoment (review requests follow)."""
    _send(
        code,
        cmd.SubmitDraft(actor=actor, checkpoint=checkpoint, document_ref=document, summary=summary),
        key,
    )


@app.command("startpakket")
def province_startpakket(
    code: str,
    path: Path = typer.Argument(..., help="YAML list of opgaven"),
    actor: str = typer.Option("regieteam"),
    key: str | None = KEY,
) -> None:
    """Load the province's opgaven (id, title, programme, kind) from a file into its journey
    (with a key, each opgave is sent under ``KEY/<opgave id>``)."""
    from config.startpakket_file import load_startpakket

    key = checked_key(key)

    try:
        tasks = load_startpakket(path, load_catalog(Settings().catalog))
    except CatalogError as exc:
        fail(str(exc))
        return

    async def work(services: Services) -> int:
        province = services.catalog.province(code.upper()).code
        for task in tasks:
            command = cmd.AddTask(actor=actor, task=task)
            await send_command(
                services.temporal,
                province,
                command,
                services.label,
                key=f"{key}/{task.id}" if key else None,
                start=starting(services, actor),
            )
        return len(tasks)

    console.print(f"{with_services(work, temporal=True)} opgaven added")


@app.command("review")
def province_review(
    code: str,
    checkpoint: int,
    party: str = typer.Option(...),
    outcome: str = typer.Option(
        ..., help="akkoord | akkoord met opmerkingen | aanvullen | schuurpunt"
    ),
    remarks: str = typer.Option(""),
    actor: str | None = typer.Option(None),
    key: str | None = KEY,
) -> None:
    """Submit a review for an ijkmoment."""
    _send(
        code,
        cmd.SubmitReview(
            actor=actor or party,
            checkpoint=checkpoint,
            party=party,
            outcome=outcome,
            remarks=remarks,
        ),
        key,
    )


@app.command("friction")
def province_friction(
    code: str,
    description: str = typer.Option(...),
    checkpoint: int | None = typer.Option(None),
    theme: str | None = typer.Option(
        None, help="the national programme it touches (a catalog programme id, e.g. nplg)"
    ),
    actor: str = typer.Option("regieteam"),
    key: str | None = KEY,
) -> None:
    """Raise a schuurpunt (without --theme its programme is onbekend)."""
    friction = RaiseFriction(
        actor=actor, description=description, checkpoint=checkpoint, theme=theme
    )
    _send(code, friction, key)


@app.command("escalate")
def province_escalate(
    code: str,
    friction: str,
    note: str = typer.Option(""),
    actor: str = typer.Option("regieteam"),
    key: str | None = KEY,
) -> None:
    """Escalate a schuurpunt to the ladder (the first level gets it)."""
    _send(
        code,
        ChangeFriction(actor=actor, friction_id=friction, status="geëscaleerd", note=note),
        key,
    )


@app.command("move")
def province_move(
    code: str,
    target: str,
    due: datetime,
    reason: str = typer.Option(...),
    actor: str = typer.Option("regieteam"),
    key: str | None = KEY,
) -> None:
    """Move a due date (ijkmoment-N, voorstel, arrangement); timers follow."""
    _send(code, MoveDueDate(actor=actor, target=target, due=utc(due), reason=reason), key)


@app.command("sign")
def province_sign(
    code: str,
    signatory: str = typer.Option(...),
    text_hash: str = typer.Option(..., "--hash"),
    key: str | None = KEY,
) -> None:
    """Sign the arrangement text with this hash."""
    _send(code, cmd.SignArrangement(actor=signatory, signatory=signatory, text_hash=text_hash), key)


@app.command("refuse")
def province_refuse(
    code: str,
    signatory: str = typer.Option(...),
    reason: str = typer.Option(...),
    key: str | None = KEY,
) -> None:
    """Refuse to sign (back to negotiation)."""
    _send(code, cmd.RefuseArrangement(actor=signatory, signatory=signatory, reason=reason), key)


@app.command("command")
def province_command(
    code: str,
    command_json: str = typer.Argument(..., help="a command as JSON"),
    key: str | None = KEY,
) -> None:
    """Any province command as JSON, e.g. '{"type": "AdoptProposal", "actor": "minister-vro"}'."""
    try:
        command = cmd.province_command_adapter.validate_json(command_json)
    except ValueError as exc:
        fail(str(exc))
        return
    _send(code, command, key)
