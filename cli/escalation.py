"""`novex escalation …`: one escalation in full, and the duo members' and forums' decisions on
it; an escalation is named as lists show it (``area-de-peel~1``) or in full."""

from __future__ import annotations

from datetime import datetime

import typer

from cli.common import KEY, checked_key, console, fail, print_json, utc, with_services
from domain.escalation.commands import AgreeToProposal, DisagreeWithProposal, ProposeDecision
from domain.escalation.events import Decision
from domain.shared.commands import Command
from domain.shared.ids import StreamId
from service import queries
from service.commands import send_escalation_command

app = typer.Typer(help="Decide escalations (duo members and forums).")


def escalation_stream(escalation_id: str) -> str:
    """The stream id of an escalation written either way; the command fails on anything else."""
    try:
        return str(StreamId.of_escalation(escalation_id))
    except ValueError as exc:
        fail(str(exc))
        raise  # unreachable: fail() exits


def _send(escalation_id: str, command: Command, key: str | None) -> None:
    escalation_id = escalation_stream(escalation_id)
    key = checked_key(key)
    result = with_services(
        lambda s: send_escalation_command(s.temporal, escalation_id, command, key=key),
        temporal=True,
    )
    console.print(f"recorded: {', '.join(result.events)}; decision: {result.status['decision']}")


@app.command("propose")
def escalation_propose(
    escalation_id: str,
    member: str = typer.Option(...),
    text: str = typer.Option(...),
    kind: str = typer.Option("schuurpunt beslecht"),
    new_due: datetime | None = typer.Option(None),
    key: str | None = KEY,
) -> None:
    """Propose a decision (a forum member's proposal decides at once)."""
    decision = Decision(kind=kind, text=text, new_due=utc(new_due))
    _send(escalation_id, ProposeDecision(actor=member, member=member, decision=decision), key)


@app.command("agree")
def escalation_agree(
    escalation_id: str,
    member: str = typer.Option(...),
    proposal: str = typer.Option(...),
    key: str | None = KEY,
) -> None:
    """Agree with the other duo member's proposal: a joint decision."""
    _send(escalation_id, AgreeToProposal(actor=member, member=member, proposal_id=proposal), key)


@app.command("disagree")
def escalation_disagree(
    escalation_id: str,
    member: str = typer.Option(...),
    proposal: str = typer.Option(...),
    reason: str = typer.Option(...),
    key: str | None = KEY,
) -> None:
    """Record disagreement with a proposal."""
    _send(
        escalation_id,
        DisagreeWithProposal(actor=member, member=member, proposal_id=proposal, reason=reason),
        key,
    )


@app.command("show")
def escalation_show(
    escalation_id: str, as_json: bool = typer.Option(False, "--json", help="print JSON")
) -> None:
    """Level, members, proposals, deadline, what the deadline will do, and the ladder."""
    stream = escalation_stream(escalation_id)
    detail = with_services(lambda s: queries.detail(s, stream))
    if detail is None:
        fail(f"no escalation {escalation_id!r}")
        return
    if as_json:
        print_json(detail)
        return
    s = detail["summary"]
    console.print(
        f"[bold]escalatie {stream.removeprefix('escalation-')}[/bold] — {detail['phase']}"
    )
    console.print(f"onderwerp: {s['subject']} ({s['parent']}); reden: {s.get('reason') or ''}")
    if s["open"]:
        console.print(f"niveau {s['level']}: {s['level_name']}; leden: {', '.join(s['members'])}")
        console.print(f"besluittermijn: {str(s['due'])[:10]}")
        console.print(s.get("at_deadline") or "")
    else:
        console.print(f"besluit: {s['decision']} (door {', '.join(s['decided_by'])})")
    for p in s["proposals"]:
        console.print(
            f"  voorstel {p['id']} (niveau {p['level']}, {p['by']}, {p['status']}): {p['text']}"
        )
    for line in s["history"]:
        console.print(f"  {line}")
