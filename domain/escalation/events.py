"""Events (past tense) of an escalation, and the decision and proposal models they carry."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, TypeAdapter

from domain.shared.base import Frozen
from domain.shared.commands import Text
from domain.shared.events import Event, ProcessResumed, ProcessStuck
from domain.shared.ladder import LadderRung


class DecisionKind(StrEnum):
    """What a decision does in the process that escalated."""

    RESOLVE = "schuurpunt beslecht"
    OVERRIDE_REVIEW = "reviewuitkomst herzien"
    MOVE_DEADLINE = "termijn verzet"
    REASSIGN = "opgave herverdeeld"


class Decision(Frozen):
    """The content of a decision; ``new_due`` moves the escalated deadline."""

    kind: DecisionKind
    text: Text
    new_due: datetime | None = None


class Proposal(Frozen):
    """A decision proposed by one member of a duo level."""

    id: str
    level: int
    by: str
    decision: Decision
    status: Literal["open", "agreed", "disagreed"] = "open"


# Events


class EscalationOpened(Event):
    type: Literal["EscalationOpened"] = "EscalationOpened"
    parent_workflow_id: str
    subject: str
    reason: str
    friction_id: str | None = None
    target: str | None = None
    ladder: tuple[LadderRung, ...]
    due: datetime


class DecisionProposed(Event):
    type: Literal["DecisionProposed"] = "DecisionProposed"
    proposal: Proposal


class ProposalAgreed(Event):
    type: Literal["ProposalAgreed"] = "ProposalAgreed"
    proposal_id: str
    member: str


class ProposalDisagreed(Event):
    type: Literal["ProposalDisagreed"] = "ProposalDisagreed"
    proposal_id: str
    member: str
    reason: str


class ExtensionGranted(Event):
    type: Literal["ExtensionGranted"] = "ExtensionGranted"
    level: int
    member: str
    days: int
    due: datetime
    reason: str


class LevelReminderIssued(Event):
    type: Literal["LevelReminderIssued"] = "LevelReminderIssued"
    level: int
    days_before: int
    due: datetime
    members: tuple[str, ...]


class EscalatedToLevel(Event):
    type: Literal["EscalatedToLevel"] = "EscalatedToLevel"
    level: int
    name: str
    members: tuple[str, ...]
    due: datetime
    reason: str


class TopLevelOverdue(Event):
    type: Literal["TopLevelOverdue"] = "TopLevelOverdue"
    level: int
    due: datetime


class EscalationDecided(Event):
    type: Literal["EscalationDecided"] = "EscalationDecided"
    level: int
    decision: Decision
    decided_by: tuple[str, ...]


EscalationEvent = Annotated[
    EscalationOpened
    | DecisionProposed
    | ProposalAgreed
    | ProposalDisagreed
    | ExtensionGranted
    | LevelReminderIssued
    | EscalatedToLevel
    | TopLevelOverdue
    | EscalationDecided
    | ProcessStuck
    | ProcessResumed,
    Field(discriminator="type"),
]

escalation_event_adapter: TypeAdapter[EscalationEvent] = TypeAdapter(EscalationEvent)


def parse_escalation_event(data: dict[str, object]) -> Event:
    """Rebuild an escalation event from its stored form."""
    return escalation_event_adapter.validate_python(data)
