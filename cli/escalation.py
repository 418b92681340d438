"""`novex escalation …`: the duo members' and forums' decisions on an escalation."""

from __future__ import annotations

from datetime import datetime

import typer

from cli.common import KEY, checked_key, console, utc, with_services
from domain.escalation.commands import AgreeToProposal, DisagreeWithProposal, ProposeDecision
from domain.escalation.events import Decision
from domain.shared.commands import Command
from service.commands import send_escalation_command

app = typer.Typer(help="Decide escalations (duo members and forums).")


def _send(escalation_id: str, command: Command, key: str | None) -> None:
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
