"""`novex province|area|escalation|token|report`: show processes and give them commands."""

from __future__ import annotations

import asyncio
import json
import sys
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import typer
from rich.console import Console
from rich.table import Table

from api.process import CommandRefused, send_area_command, send_command, send_escalation_command
from api.services import Services
from config.catalog_file import load_catalog
from config.logging import configure_logging
from config.settings import Settings
from domain.catalog.model import CatalogError
from domain.escalation.commands import AgreeToProposal, DisagreeWithProposal, ProposeDecision
from domain.escalation.events import Decision
from domain.province import commands as cmd
from domain.shared.commands import (
    ChangeEscalationLadder,
    ChangeFriction,
    Command,
    MoveDueDate,
    RaiseFriction,
)

T = TypeVar("T")
console = Console()
province_app = typer.Typer(help="A province's journey: show it, give it commands.")
area_app = typer.Typer(help="A NOVEX area's process: show it, give it commands.")
escalation_app = typer.Typer(help="Decide escalations (duo members and forums).")
token_app = typer.Typer(help="API tokens.")


def fail(message: str) -> None:
    Console(stderr=True).print(f"[red]error:[/red] {message}")
    raise typer.Exit(2)


def with_services(work: Callable[[Services], Awaitable[T]], *, temporal: bool = False) -> T:
    """Run ``work`` against the configured (or embedded) database and, if asked, Temporal;
    a refused command or an unknown province or area ends the command with its message."""
    from worker import connect_temporal, create_engine

    settings = Settings()
    configure_logging(settings.log_format, "WARNING")
    if settings.database_url:
        url = settings.database_url
    else:
        from store.embedded import start_embedded_postgres

        url = start_embedded_postgres(settings.data_dir.resolve() / "postgres")

    async def main() -> T:
        engine = create_engine(url)
        try:
            client = await connect_temporal(settings) if temporal else None
            services = Services(
                engine, client, load_catalog(settings.catalog), settings, settings.label
            )
            try:
                return await work(services)
            finally:
                await services.close()
        finally:
            await engine.dispose()

    try:
        return asyncio.run(main())
    except (CommandRefused, CatalogError) as exc:
        fail(str(exc))
        raise  # unreachable: fail() exits


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, indent=2, default=str, ensure_ascii=False)
    print()


def show_detail(detail: dict[str, Any] | None, as_json: bool, what: str) -> None:
    if detail is None:
        fail(f"{what} has not started")
        return
    if as_json:
        print_json(detail)
        return
    console.print(
        f"[bold]{detail['summary'].get('name') or detail['stream_id']}[/bold] — {detail['phase']}"
    )
    table = Table(title="tijdlijn: gepland tegen werkelijk")
    for column in ("stap", "gepland", "termijn", "gereed", "verschoven", "te laat"):
        table.add_column(column)
    for t in detail["timeline"]:
        table.add_row(
            t["target"],
            f"{t['planned']:%d-%m-%Y}",
            f"{t['due']:%d-%m-%Y}",
            f"{t['done']:%d-%m-%Y}" if t["done"] else "",
            str(t["moves"]),
            "[red]ja[/red]" if t["overdue"] else "nee",
        )
    console.print(table)
    history = Table(title="verloop")
    for column in ("#", "vastgelegd", "gebeurtenis", "door"):
        history.add_column(column)
    for h in detail["history"][-25:]:
        history.add_row(
            str(h["version"]), f"{h['recorded_at']:%d-%m-%Y %H:%M}", h["type"], str(h["actor"])
        )
    console.print(history)


def _as_of(value: datetime | None) -> datetime | None:
    return value.replace(tzinfo=UTC) if value and value.tzinfo is None else value


@province_app.command("show")
def province_show(
    code: str,
    as_of: datetime | None = typer.Option(None, "--as-of"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """A province's timeline and history."""
    detail = with_services(lambda s: s.detail(s.province_stream(code.upper()), _as_of(as_of)))
    show_detail(detail, as_json, f"the journey of {code}")


@area_app.command("show")
def area_show(
    key: str,
    as_of: datetime | None = typer.Option(None, "--as-of"),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """An area's timeline and history (by id, number or name)."""
    detail = with_services(lambda s: s.detail(s.area_stream(key), _as_of(as_of)))
    show_detail(detail, as_json, f"the process of {key}")


def _send_province(code: str, command: Command) -> None:
    result = with_services(
        lambda s: send_command(s.client, s.catalog.province(code.upper()).code, command, s.label),  # type: ignore[arg-type]
        temporal=True,
    )
    console.print(f"recorded: {', '.join(result.events)} (version {result.version})")


@province_app.command("draft")
def province_draft(
    code: str,
    checkpoint: int,
    document: str = typer.Option(..., help="document reference"),
    summary: str = typer.Option(..., help="summary"),
    actor: str = typer.Option("provincie"),
) -> None:
    """Submit a draft for an ijkmoment (review requests follow)."""
    _send_province(
        code,
        cmd.SubmitDraft(actor=actor, checkpoint=checkpoint, document_ref=document, summary=summary),
    )


@province_app.command("startpakket")
def province_startpakket(
    code: str,
    path: Path = typer.Argument(..., help="YAML list of opgaven"),
    actor: str = typer.Option("regieteam"),
) -> None:
    """Load the province's opgaven (id, title, programme, kind) from a file into its journey."""
    from config.startpakket_file import load_startpakket

    settings = Settings()
    try:
        tasks = load_startpakket(path, load_catalog(settings.catalog))
    except CatalogError as exc:
        fail(str(exc))
        return

    async def work(services: Services) -> int:
        for task in tasks:
            await send_command(
                services.client,  # type: ignore[arg-type]
                services.catalog.province(code.upper()).code,
                cmd.AddTask(actor=actor, task=task),
                services.label,
            )
        return len(tasks)

    console.print(f"{with_services(work, temporal=True)} opgaven added")


@province_app.command("review")
def province_review(
    code: str,
    checkpoint: int,
    party: str = typer.Option(...),
    outcome: str = typer.Option(
        ..., help="akkoord | akkoord met opmerkingen | aanvullen | schuurpunt"
    ),
    remarks: str = typer.Option(""),
    actor: str | None = typer.Option(None),
) -> None:
    """Submit a review for an ijkmoment."""
    _send_province(
        code,
        cmd.SubmitReview(
            actor=actor or party,
            checkpoint=checkpoint,
            party=party,
            outcome=outcome,
            remarks=remarks,
        ),
    )


@province_app.command("friction")
def province_friction(
    code: str,
    description: str = typer.Option(...),
    checkpoint: int | None = typer.Option(None),
    actor: str = typer.Option("regieteam"),
) -> None:
    """Raise a schuurpunt."""
    _send_province(code, RaiseFriction(actor=actor, description=description, checkpoint=checkpoint))


@province_app.command("escalate")
def province_escalate(
    code: str, friction: str, note: str = typer.Option(""), actor: str = typer.Option("regieteam")
) -> None:
    """Escalate a schuurpunt to the ladder (the first level gets it)."""
    _send_province(
        code, ChangeFriction(actor=actor, friction_id=friction, status="geëscaleerd", note=note)
    )


@province_app.command("move")
def province_move(
    code: str,
    target: str,
    due: datetime,
    reason: str = typer.Option(...),
    actor: str = typer.Option("regieteam"),
) -> None:
    """Move a due date (ijkmoment-N, voorstel, arrangement); timers follow."""
    _send_province(code, MoveDueDate(actor=actor, target=target, due=_as_of(due), reason=reason))


@province_app.command("sign")
def province_sign(
    code: str,
    signatory: str = typer.Option(...),
    text_hash: str = typer.Option(..., "--hash"),
) -> None:
    """Sign the arrangement text with this hash."""
    _send_province(
        code, cmd.SignArrangement(actor=signatory, signatory=signatory, text_hash=text_hash)
    )


@province_app.command("refuse")
def province_refuse(
    code: str, signatory: str = typer.Option(...), reason: str = typer.Option(...)
) -> None:
    """Refuse to sign (back to negotiation)."""
    _send_province(code, cmd.RefuseArrangement(actor=signatory, signatory=signatory, reason=reason))


@province_app.command("command")
def province_command(
    code: str, command_json: str = typer.Argument(..., help="a command as JSON")
) -> None:
    """Any province command as JSON, e.g. '{"type": "AdoptProposal", "actor": "minister-vro"}'."""
    try:
        command = cmd.province_command_adapter.validate_json(command_json)
    except ValueError as exc:
        fail(str(exc))
        return
    _send_province(code, command)


@area_app.command("command")
def area_command(
    key: str, command_json: str = typer.Argument(..., help="a command as JSON")
) -> None:
    """Any area command as JSON, e.g. '{"type": "AdoptPerspective", "actor": "duo"}'."""
    from domain.area.commands import area_command_adapter

    try:
        command = area_command_adapter.validate_json(command_json)
    except ValueError as exc:
        fail(str(exc))
        return
    result = with_services(
        lambda s: send_area_command(s.client, s.catalog.area(key).id, command, s.label),  # type: ignore[arg-type]
        temporal=True,
    )
    console.print(f"recorded: {', '.join(result.events)} (version {result.version})")


def _send_escalation(escalation_id: str, command: Command) -> None:
    result = with_services(
        lambda s: send_escalation_command(s.client, escalation_id, command),  # type: ignore[arg-type]
        temporal=True,
    )
    console.print(f"recorded: {', '.join(result.events)}; decision: {result.status['decision']}")


@escalation_app.command("propose")
def escalation_propose(
    escalation_id: str,
    member: str = typer.Option(...),
    text: str = typer.Option(...),
    kind: str = typer.Option("schuurpunt beslecht"),
    new_due: datetime | None = typer.Option(None),
) -> None:
    """Propose a decision (a forum member's proposal decides at once)."""
    decision = Decision(kind=kind, text=text, new_due=_as_of(new_due))
    _send_escalation(escalation_id, ProposeDecision(actor=member, member=member, decision=decision))


@escalation_app.command("agree")
def escalation_agree(
    escalation_id: str, member: str = typer.Option(...), proposal: str = typer.Option(...)
) -> None:
    """Agree with the other duo member's proposal: a joint decision."""
    _send_escalation(
        escalation_id, AgreeToProposal(actor=member, member=member, proposal_id=proposal)
    )


@escalation_app.command("disagree")
def escalation_disagree(
    escalation_id: str,
    member: str = typer.Option(...),
    proposal: str = typer.Option(...),
    reason: str = typer.Option(...),
) -> None:
    """Record disagreement with a proposal."""
    _send_escalation(
        escalation_id,
        DisagreeWithProposal(actor=member, member=member, proposal_id=proposal, reason=reason),
    )


def ladder_apply(
    reason: str = typer.Option(..., help="why the ladder changes"),
    actor: str = typer.Option("regieteam"),
) -> None:
    """Give every running journey and area the catalog's current escalation ladder."""
    from domain.catalog.planning import resolve_ladder

    async def work(services: Services) -> list[str]:
        catalog, lines = services.catalog, []
        send: Callable[..., Awaitable[Any]]
        for row in await services.status():
            if row["kind"] == "province":
                place = catalog.province(row["subject"])
                ladder = resolve_ladder(catalog, place.duo, place.civil_duo)
                send = send_command
            elif row["kind"] == "area":
                area = catalog.area(row["subject"])
                ladder = resolve_ladder(catalog, area.duo, area.civil_duo)
                send = send_area_command
            else:
                continue
            command = ChangeEscalationLadder(actor=actor, ladder=ladder, reason=reason)
            try:
                await send(services.client, row["subject"], command, services.label)  # type: ignore[arg-type]
                lines.append(f"{row['stream_id']}: ladder changed")
            except CommandRefused as exc:
                lines.append(f"{row['stream_id']}: {exc}")
        return lines

    for line in with_services(work, temporal=True):
        console.print(line)


@token_app.command("create")
def token_create(
    actor: str = typer.Option(..., help="who the token stands for"),
    role: str = typer.Option(
        ...,
        help="coordinator, province_official, rijk_official, reviewer, duo_member, signatory, "
        "viewer",
    ),
    scope: str | None = typer.Option(None, help="province code, party, member or signatory id"),
) -> None:
    """Issue an API token; it is shown once and stored only as a hash."""
    from api.auth import Role
    from store.tokens import create_token

    if role not in {r.value for r in Role}:
        fail(f"unknown role {role!r}; roles: {', '.join(r.value for r in Role)}")
    if role in ("province_official", "reviewer", "duo_member", "signatory") and not scope:
        fail(f"role {role} needs a --scope")
    token = with_services(lambda s: create_token(s.engine, actor, role, scope))
    print(token)


def report(
    as_of: datetime | None = typer.Option(None, "--as-of"),
    fmt: str = typer.Option("md", "--format", help="md, html or csv"),
    output: Path | None = typer.Option(None, "--output", "-o"),
) -> None:
    """The voortgangsrapportage (Markdown, HTML or CSV) for now or any instant."""
    from api.reports import build_report, render

    if fmt not in ("md", "html", "csv"):
        fail("format must be md, html or csv")

    async def work(services: Services) -> str:
        return render(await build_report(services, _as_of(as_of)), fmt)[0]

    text = with_services(work)
    if output:
        output.write_text(text, encoding="utf-8")
        console.print(f"written to {output}")
    else:
        print(text)


def audit_export(stream: str, output: Path | None = typer.Option(None, "--output", "-o")) -> None:
    """A stream's events as JSON lines with their hash chain."""
    from api.app import audit_line

    async def work(services: Services) -> list[dict[str, Any]]:
        return [audit_line(e) for e in await services.store.read_stream(stream)]

    lines = with_services(work)
    if not lines:
        fail(f"no stream {stream!r}")
    text = "".join(json.dumps(line, default=str, ensure_ascii=False) + "\n" for line in lines)
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
