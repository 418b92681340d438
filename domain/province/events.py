"""Events (past tense) of a province journey; shared ones come from domain.shared.events."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field, TypeAdapter

from domain.shared.events import (
    DeadlineMissed,
    DueDateMoved,
    EscalationDecisionRecorded,
    EscalationLadderChanged,
    EscalationRequested,
    Event,
    FrictionRaised,
    FrictionStatusChanged,
    PlannedCheckpoint,
    ProcessResumed,
    ProcessStuck,
    ReminderIssued,
)
from domain.shared.ladder import LadderRung
from domain.shared.models import (
    Agreement,
    ProcessAgreement,
    Review,
    Signatory,
    Signature,
    Task,
    TaskKind,
)


class JourneyStarted(Event):
    type: Literal["JourneyStarted"] = "JourneyStarted"
    province: str
    name: str
    round: int = 1
    tasks: tuple[Task, ...] = ()
    checkpoints: tuple[PlannedCheckpoint, ...]
    proposal_due: datetime
    arrangement_due: datetime
    reminder_lead_days: int
    review_days: int
    review_parties: tuple[str, ...]
    signatories: tuple[Signatory, ...]
    areas: tuple[str, ...] = ()
    escalation_ladder: tuple[LadderRung, ...] = ()


class TaskAdded(Event):
    type: Literal["TaskAdded"] = "TaskAdded"
    task: Task


class TaskReclassified(Event):
    type: Literal["TaskReclassified"] = "TaskReclassified"
    task_id: str
    previous: TaskKind
    kind: TaskKind
    reason: str


class DraftSubmitted(Event):
    type: Literal["DraftSubmitted"] = "DraftSubmitted"
    checkpoint: int
    draft_no: int
    document_ref: str
    summary: str
    positions: dict[str, str] = Field(default_factory=dict)


class ReviewRequested(Event):
    type: Literal["ReviewRequested"] = "ReviewRequested"
    checkpoint: int
    draft_no: int
    parties: tuple[str, ...]
    respond_by: datetime


class ReviewSubmitted(Event):
    type: Literal["ReviewSubmitted"] = "ReviewSubmitted"
    checkpoint: int
    draft_no: int
    review: Review


class RevisionRequested(Event):
    type: Literal["RevisionRequested"] = "RevisionRequested"
    checkpoint: int
    draft_no: int
    parties: tuple[str, ...]


class CheckpointPassed(Event):
    type: Literal["CheckpointPassed"] = "CheckpointPassed"
    checkpoint: int


class CheckpointClosed(Event):
    type: Literal["CheckpointClosed"] = "CheckpointClosed"
    checkpoint: int
    decision: str
    reason: str


class ProposalSubmitted(Event):
    type: Literal["ProposalSubmitted"] = "ProposalSubmitted"
    document_ref: str
    summary: str
    builds_on: tuple[str, ...] = ()


class PerspectiveDelivered(Event):
    type: Literal["PerspectiveDelivered"] = "PerspectiveDelivered"
    area: str
    document_ref: str


class PerspectiveWaived(Event):
    type: Literal["PerspectiveWaived"] = "PerspectiveWaived"
    area: str
    reason: str


class ProposalAdopted(Event):
    type: Literal["ProposalAdopted"] = "ProposalAdopted"


class ArrangementDrafted(Event):
    type: Literal["ArrangementDrafted"] = "ArrangementDrafted"
    text: str
    agreements: tuple[Agreement, ...]
    text_hash: str


class ArrangementSigned(Event):
    type: Literal["ArrangementSigned"] = "ArrangementSigned"
    signature: Signature


class ArrangementRefused(Event):
    type: Literal["ArrangementRefused"] = "ArrangementRefused"
    signatory: str
    reason: str


class SignatureWithdrawn(Event):
    type: Literal["SignatureWithdrawn"] = "SignatureWithdrawn"
    signatory: str
    reason: str


class ArrangementConcluded(Event):
    type: Literal["ArrangementConcluded"] = "ArrangementConcluded"
    text_hash: str


class ProcessAgreementConcluded(Event):
    type: Literal["ProcessAgreementConcluded"] = "ProcessAgreementConcluded"
    agreement: ProcessAgreement


class AmendmentStarted(Event):
    type: Literal["AmendmentStarted"] = "AmendmentStarted"
    round: int
    reason: str
    due: datetime | None = None


ProvinceEvent = Annotated[
    JourneyStarted
    | TaskAdded
    | TaskReclassified
    | DraftSubmitted
    | ReviewRequested
    | ReviewSubmitted
    | RevisionRequested
    | FrictionRaised
    | FrictionStatusChanged
    | CheckpointPassed
    | CheckpointClosed
    | DueDateMoved
    | ReminderIssued
    | DeadlineMissed
    | EscalationRequested
    | EscalationDecisionRecorded
    | EscalationLadderChanged
    | ProposalSubmitted
    | PerspectiveDelivered
    | PerspectiveWaived
    | ProposalAdopted
    | ArrangementDrafted
    | ArrangementSigned
    | ArrangementRefused
    | SignatureWithdrawn
    | ArrangementConcluded
    | ProcessAgreementConcluded
    | AmendmentStarted
    | ProcessStuck
    | ProcessResumed,
    Field(discriminator="type"),
]

province_event_adapter: TypeAdapter[ProvinceEvent] = TypeAdapter(ProvinceEvent)


def parse_province_event(data: dict[str, object]) -> Event:
    """Rebuild a province event from its stored form (type + payload)."""
    return province_event_adapter.validate_python(data)
