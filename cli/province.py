"""`novex province …`: show a province's journey and give it commands, through the API; the
actor is always the token's holder, the code is matched by the server (in any case)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import typer

from cli.client import call, my_scope
from cli.common import (
    AS_KNOWN_AT,
    AS_OF,
    CORRECTION,
    KEY,
    ON,
    checked_key,
    console,
    dated,
    fail,
    iso,
    print_recorded,
)
from cli.status import show_detail

app = typer.Typer(help="A province's journey: show it, give it commands.")
ACTOR = "token"
"""Commands name their actor; the API puts the token's holder in its place."""


def send(code: str, command: dict[str, Any], key: str | None) -> None:
    """One command to a province's journey; prints what it recorded."""
    body = {"actor": ACTOR, **command}
    path = f"/api/provinces/{quote(code)}/commands"
    print_recorded(call("POST", path, body=body, key=checked_key(key)))


@app.command("show")
def province_show(
    code: str,
    as_of: datetime | None = AS_OF,
    known_at: datetime | None = AS_KNOWN_AT,
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """A province's timeline and history."""
    show_detail(f"/api/provinces/{quote(code)}", as_of, as_json, known_at)


@app.command("draft")
def province_draft(
    code: str,
    checkpoint: int,
    document: str = typer.Option(..., help="document reference"),
    summary: str = typer.Option(..., help="summary"),
    on: datetime | None = ON,
    correction: str | None = CORRECTION,
    key: str | None = KEY,
) -> None:
    """Submit a draft for an ijkmoment (review requests follow)."""
    command = {"checkpoint": checkpoint, "document_ref": document, "summary": summary}
    send(code, dated({"type": "SubmitDraft", **command}, on, correction), key)


@app.command("startpakket")
def province_startpakket(
    code: str,
    path: Path = typer.Argument(..., help="YAML list of opgaven"),
    key: str | None = KEY,
) -> None:
    """Load the province's opgaven (id, title, programme, kind) from a file into its journey;
    the server checks every entry against its catalog first (with a key, each opgave is sent
    under ``KEY/<opgave id>``)."""
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        fail(f"{path}: cannot read the startpakket: {exc.strerror}")
    except yaml.YAMLError as exc:
        fail(f"{path}: not valid YAML: {exc}")
    entries = data.get("opgaven") if isinstance(data, dict) else data
    body = {"source": path.name, "opgaven": entries}
    answer = call(
        "POST", f"/api/provinces/{quote(code)}/startpakket", body=body, key=checked_key(key)
    )
    console().print(f"{answer['added']} opgaven added")


@app.command("review")
def province_review(
    code: str,
    checkpoint: int,
    party: str | None = typer.Option(None, help="default: your token's scope"),
    outcome: str = typer.Option(
        ..., help="akkoord | akkoord met opmerkingen | aanvullen | schuurpunt"
    ),
    remarks: str = typer.Option(""),
    on: datetime | None = ON,
    correction: str | None = CORRECTION,
    key: str | None = KEY,
) -> None:
    """Submit a review for an ijkmoment."""
    command = {"checkpoint": checkpoint, "party": party or my_scope("--party"), "remarks": remarks}
    send(code, dated({"type": "SubmitReview", "outcome": outcome, **command}, on, correction), key)


@app.command("friction")
def province_friction(
    code: str,
    description: str = typer.Option(...),
    checkpoint: int | None = typer.Option(None),
    theme: str | None = typer.Option(
        None, help="the national programme it touches (a catalog programme id, e.g. nplg)"
    ),
    on: datetime | None = ON,
    correction: str | None = CORRECTION,
    key: str | None = KEY,
) -> None:
    """Raise a schuurpunt (without --theme its programme is onbekend)."""
    command = {"description": description, "checkpoint": checkpoint, "theme": theme}
    send(code, dated({"type": "RaiseFriction", **command}, on, correction), key)


@app.command("escalate")
def province_escalate(
    code: str,
    friction: str,
    note: str = typer.Option(""),
    on: datetime | None = ON,
    correction: str | None = CORRECTION,
    key: str | None = KEY,
) -> None:
    """Escalate a schuurpunt to the ladder (the first level gets it)."""
    command = {"friction_id": friction, "status": "geëscaleerd", "note": note}
    send(code, dated({"type": "ChangeFriction", **command}, on, correction), key)


@app.command("move")
def province_move(
    code: str,
    target: str,
    due: datetime,
    reason: str = typer.Option(...),
    on: datetime | None = ON,
    correction: str | None = CORRECTION,
    key: str | None = KEY,
) -> None:
    """Move a due date (ijkmoment-N, voorstel, arrangement); timers follow."""
    send(
        code,
        dated(
            {"type": "MoveDueDate", "target": target, "due": iso(due), "reason": reason},
            on,
            correction,
        ),
        key,
    )


@app.command("sign")
def province_sign(
    code: str,
    signatory: str | None = typer.Option(None, help="default: your token's scope"),
    text_hash: str = typer.Option(..., "--hash"),
    on: datetime | None = ON,
    correction: str | None = CORRECTION,
    key: str | None = KEY,
) -> None:
    """Sign the arrangement text with this hash."""
    who = signatory or my_scope("--signatory")
    send(
        code,
        dated(
            {"type": "SignArrangement", "signatory": who, "text_hash": text_hash}, on, correction
        ),
        key,
    )


@app.command("refuse")
def province_refuse(
    code: str,
    signatory: str | None = typer.Option(None, help="default: your token's scope"),
    reason: str = typer.Option(...),
    on: datetime | None = ON,
    correction: str | None = CORRECTION,
    key: str | None = KEY,
) -> None:
    """Refuse to sign (back to negotiation)."""
    who = signatory or my_scope("--signatory")
    send(
        code,
        dated({"type": "RefuseArrangement", "signatory": who, "reason": reason}, on, correction),
        key,
    )


@app.command("command")
def province_command(
    code: str,
    command_json: str = typer.Argument(..., help="a command as JSON"),
    on: datetime | None = ON,
    correction: str | None = CORRECTION,
    key: str | None = KEY,
) -> None:
    """Any province command as JSON, e.g. '{"type": "AdoptProposal"}'."""
    send(code, dated(parsed_command(command_json), on, correction), key)


def parsed_command(text: str) -> dict[str, Any]:
    """A command typed as a JSON object; the command ends on anything else."""
    try:
        command = json.loads(text)
    except ValueError as exc:
        fail(f"not JSON: {exc}")
    if not isinstance(command, dict) or "type" not in command:
        fail('a command is a JSON object with a "type", e.g. {"type": "AdoptProposal"}')
    return command
