"""`novex escalation …`: one escalation in full, and the duo members' and forums' decisions on
it, through the API; an escalation is named as lists show it (``area-de-peel~1``) or in full."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import quote

import typer

from cli.client import call, my_scope
from cli.common import (
    AS_JSON,
    CORRECTION,
    KEY,
    ON,
    checked_key,
    console,
    dated,
    day,
    iso,
    print_json,
)
from cli.province import ACTOR

app = typer.Typer(help="Decide escalations (duo members and forums).")
MEMBER = typer.Option(None, "--member", help="default: your token's scope")


def _send(escalation_id: str, command: dict[str, Any], key: str | None) -> None:
    member = command.get("member") or my_scope("--member")
    body = {"actor": ACTOR, **command, "member": member}
    path = f"/api/escalations/{quote(escalation_id)}/commands"
    result = call("POST", path, body=body, key=checked_key(key))
    events = ", ".join(result["events"])
    console().print(f"recorded: {events}; decision: {result['status'].get('decision')}")


@app.command("propose")
def escalation_propose(
    escalation_id: str,
    member: str | None = MEMBER,
    text: str = typer.Option(...),
    kind: str = typer.Option("schuurpunt beslecht"),
    new_due: datetime | None = typer.Option(None),
    on: datetime | None = ON,
    correction: str | None = CORRECTION,
    key: str | None = KEY,
) -> None:
    """Propose a decision (a forum member's proposal decides at once)."""
    decision = {"kind": kind, "text": text, "new_due": iso(new_due)}
    _send(
        escalation_id,
        dated({"type": "ProposeDecision", "member": member, "decision": decision}, on, correction),
        key,
    )


@app.command("agree")
def escalation_agree(
    escalation_id: str,
    member: str | None = MEMBER,
    proposal: str = typer.Option(...),
    on: datetime | None = ON,
    correction: str | None = CORRECTION,
    key: str | None = KEY,
) -> None:
    """Agree with the other duo member's proposal: a joint decision."""
    command = {"type": "AgreeToProposal", "member": member, "proposal_id": proposal}
    _send(escalation_id, dated(command, on, correction), key)


@app.command("disagree")
def escalation_disagree(
    escalation_id: str,
    member: str | None = MEMBER,
    proposal: str = typer.Option(...),
    reason: str = typer.Option(...),
    on: datetime | None = ON,
    correction: str | None = CORRECTION,
    key: str | None = KEY,
) -> None:
    """Record disagreement with a proposal."""
    command = {"type": "DisagreeWithProposal", "member": member, "proposal_id": proposal}
    _send(escalation_id, dated({**command, "reason": reason}, on, correction), key)


@app.command("show")
def escalation_show(escalation_id: str, as_json: bool = AS_JSON) -> None:
    """Level, members, proposals, deadline, what the deadline will do, and the ladder."""
    detail = call("GET", f"/api/escalations/{quote(escalation_id)}")
    if as_json:
        print_json(detail)
        return
    s, out = detail["summary"], console()
    short = detail["stream_id"].removeprefix("escalation-")
    out.print(f"[bold]escalatie {short}[/bold] — {detail['phase']}")
    out.print(f"onderwerp: {s['subject']} ({s['parent']}); reden: {s.get('reason') or ''}")
    if s["open"]:
        out.print(f"niveau {s['level']}: {s['level_name']}; leden: {', '.join(s['members'])}")
        out.print(f"besluittermijn: {day(s['due'])}")
        out.print(s.get("at_deadline") or "")
    else:
        out.print(f"besluit: {s['decision']} (door {', '.join(s['decided_by'])})")
    for p in s["proposals"]:
        out.print(
            f"  voorstel {p['id']} (niveau {p['level']}, {p['by']}, {p['status']}): {p['text']}"
        )
    for line in s["history"]:
        out.print(f"  {line}")
