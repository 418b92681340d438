"""An escalation of a schuurpunt or overdue step up the ladder: messages, state, evolve."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, TypeAdapter

from domain.base import Frozen
from domain.commands import Command, ShortText, Text
from domain.events import Event
from domain.ladder import LadderRung


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


class EscalationState(Frozen):
    """Where an escalation stands: its level, deadline, proposals and outcome."""

    parent_workflow_id: str = ""
    subject: str = ""
    reason: str = ""
    friction_id: str | None = None
    target: str | None = None
    ladder: tuple[LadderRung, ...] = ()
    level: int = 0
    due: datetime | None = None
    reminded: tuple[int, ...] = ()
    overdue: bool = False
    proposals: tuple[Proposal, ...] = ()
    extensions: tuple[tuple[int, str], ...] = ()
    decision: Decision | None = None
    decided_by: tuple[str, ...] = ()
    version: int = 0
    history: tuple[str, ...] = ()

    @property
    def open(self) -> bool:
        return self.level > 0 and self.decision is None

    @property
    def rung(self) -> LadderRung:
        return self.ladder[self.level - 1]

    def proposal(self, proposal_id: str) -> Proposal | None:
        return next((p for p in self.proposals if p.id == proposal_id), None)


def _note(s: EscalationState, e: Event, text: str) -> tuple[str, ...]:
    return (*s.history, f"{e.occurred_at.isoformat()} {e.actor}: {text}")


def evolve(s: EscalationState, e: Event) -> EscalationState:
    """Apply one event to the escalation."""
    changes: dict[str, object]
    match e:
        case EscalationOpened():
            changes = {
                "parent_workflow_id": e.parent_workflow_id,
                "subject": e.subject,
                "reason": e.reason,
                "friction_id": e.friction_id,
                "target": e.target,
                "ladder": e.ladder,
                "level": 1,
                "due": e.due,
                "history": _note(s, e, f"geopend op niveau 1 ({e.ladder[0].name}): {e.reason}"),
            }
        case DecisionProposed():
            changes = {
                "proposals": (*s.proposals, e.proposal),
                "history": _note(s, e, f"voorstel {e.proposal.id}: {e.proposal.decision.text}"),
            }
        case ProposalAgreed():
            changes = {
                "proposals": _set_status(s, e.proposal_id, "agreed"),
                "history": _note(s, e, f"akkoord met {e.proposal_id}"),
            }
        case ProposalDisagreed():
            changes = {
                "proposals": _set_status(s, e.proposal_id, "disagreed"),
                "history": _note(s, e, f"niet akkoord met {e.proposal_id}: {e.reason}"),
            }
        case ExtensionGranted():
            changes = {
                "due": e.due,
                "reminded": (),
                "extensions": (*s.extensions, (e.level, e.member)),
                "history": _note(s, e, f"uitstel {e.days} dagen: {e.reason}"),
            }
        case LevelReminderIssued():
            changes = {"reminded": (*s.reminded, e.days_before)}
        case EscalatedToLevel():
            changes = {
                "level": e.level,
                "due": e.due,
                "reminded": (),
                "history": _note(s, e, f"naar niveau {e.level} ({e.name}): {e.reason}"),
            }
        case TopLevelOverdue():
            changes = {
                "overdue": True,
                "history": _note(s, e, "besluittermijn hoogste niveau verstreken"),
            }
        case EscalationDecided():
            changes = {
                "decision": e.decision,
                "decided_by": e.decided_by,
                "history": _note(s, e, f"besloten op niveau {e.level}: {e.decision.text}"),
            }
        case _:
            raise TypeError(f"not an escalation event: {type(e).__name__}")
    return s.model_copy(update={**changes, "version": s.version + 1})


def _set_status(s: EscalationState, proposal_id: str, status: str) -> tuple[Proposal, ...]:
    return tuple(
        p.model_copy(update={"status": status}) if p.id == proposal_id else p for p in s.proposals
    )


def fold(events: Iterable[Event], state: EscalationState | None = None) -> EscalationState:
    result = state or EscalationState()
    for event in events:
        result = evolve(result, event)
    return result


EscalationEvent = Annotated[
    EscalationOpened
    | DecisionProposed
    | ProposalAgreed
    | ProposalDisagreed
    | ExtensionGranted
    | LevelReminderIssued
    | EscalatedToLevel
    | TopLevelOverdue
    | EscalationDecided,
    Field(discriminator="type"),
]

escalation_event_adapter: TypeAdapter[EscalationEvent] = TypeAdapter(EscalationEvent)


def parse_escalation_event(data: dict[str, object]) -> Event:
    """Rebuild an escalation event from its stored form."""
    return escalation_event_adapter.validate_python(data)


def phase_of(s: EscalationState) -> str:
    """A one-line status, in the coordinators' words."""
    if s.decision is not None:
        return f"besloten op niveau {s.level}"
    if not s.level:
        return "niet gestart"
    return f"niveau {s.level}: {s.rung.name}" + (" (termijn verstreken)" if s.overdue else "")
