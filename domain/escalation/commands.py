"""Commands (imperative) to an escalation: propose, agree, disagree, extend, and its timers."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from domain.escalation.events import Decision
from domain.shared.commands import Command, ShortText, Text
from domain.shared.ladder import LadderRung


class StartEscalation(Command):
    """Open an escalation (given by the parent workflow)."""

    type: Literal["StartEscalation"] = "StartEscalation"
    parent_workflow_id: str
    subject: ShortText
    reason: Text
    friction_id: str | None = None
    target: str | None = None
    ladder: tuple[LadderRung, ...] = Field(min_length=1)


# Commands


class ProposeDecision(Command):
    type: Literal["ProposeDecision"] = "ProposeDecision"
    member: ShortText
    decision: Decision


class AgreeToProposal(Command):
    type: Literal["AgreeToProposal"] = "AgreeToProposal"
    member: ShortText
    proposal_id: ShortText


class DisagreeWithProposal(Command):
    type: Literal["DisagreeWithProposal"] = "DisagreeWithProposal"
    member: ShortText
    proposal_id: ShortText
    reason: ShortText


class RequestExtension(Command):
    type: Literal["RequestExtension"] = "RequestExtension"
    member: ShortText
    days: int = Field(ge=1, le=365)
    reason: ShortText


class RemindLevel(Command):
    type: Literal["RemindLevel"] = "RemindLevel"
    level: int
    days_before: int


class PassLevelDeadline(Command):
    type: Literal["PassLevelDeadline"] = "PassLevelDeadline"
    level: int


EscalationCommand = Annotated[
    ProposeDecision | AgreeToProposal | DisagreeWithProposal | RequestExtension,
    Field(discriminator="type"),
]
