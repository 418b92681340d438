"""Events (past tense) every process records, each with a stable ``type`` and a schema version."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from pydantic import Field

from domain.shared.base import Frozen
from domain.shared.effective import day_of
from domain.shared.ladder import LadderRung
from domain.shared.models import (
    Friction,
    FrictionStatus,
)


class Event(Frozen):
    """Something that happened; the event id makes a retried append a no-op.

    Schema 2 of every event: ``occurred_at`` is the moment it took effect and ``occurred_on``
    its date (domain.shared.effective); ``decided_at`` is set when it was dated in the past (the
    moment novex decided it), ``correction_reason`` when it corrects the past. Schema 1 events
    are read through the upcasters: they took effect when they were recorded.
    """

    type: str
    schema_version: int = Field(default=2, ge=2)
    event_id: UUID
    occurred_at: datetime
    occurred_on: date = Field(default_factory=lambda data: day_of(data["occurred_at"]))
    actor: str
    decided_at: datetime | None = None
    correction_reason: str | None = None


class PlannedCheckpoint(Frozen):
    """An ijkmoment as planned when a journey starts."""

    number: int
    name: str
    due: datetime


class FrictionRaised(Event):
    """Schema 2: the schuurpunt carries its theme; schema 3: its effective date (older schemas
    are read through the upcasters)."""

    type: Literal["FrictionRaised"] = "FrictionRaised"
    schema_version: Literal[3] = 3
    friction: Friction


class FrictionStatusChanged(Event):
    type: Literal["FrictionStatusChanged"] = "FrictionStatusChanged"
    friction_id: str
    status: FrictionStatus
    note: str = ""


class DueDateMoved(Event):
    type: Literal["DueDateMoved"] = "DueDateMoved"
    target: str
    previous: datetime
    due: datetime
    reason: str


class ReminderIssued(Event):
    type: Literal["ReminderIssued"] = "ReminderIssued"
    target: str
    due: datetime


class DeadlineMissed(Event):
    type: Literal["DeadlineMissed"] = "DeadlineMissed"
    target: str
    due: datetime


class EscalationRequested(Event):
    type: Literal["EscalationRequested"] = "EscalationRequested"
    subject: str
    reason: str
    friction_id: str | None = None


class EscalationDecisionRecorded(Event):
    type: Literal["EscalationDecisionRecorded"] = "EscalationDecisionRecorded"
    escalation_id: str
    subject: str
    decision: str
    decided_by: tuple[str, ...]
    level: int


class EscalationLadderChanged(Event):
    type: Literal["EscalationLadderChanged"] = "EscalationLadderChanged"
    ladder: tuple[LadderRung, ...]
    reason: str


class ProcessStuck(Event):
    """The process could not do its own work (store, child, message) and keeps retrying:
    ``vastgelopen``; ``since`` is its first failed attempt."""

    type: Literal["ProcessStuck"] = "ProcessStuck"
    operation: str
    cause: str
    since: datetime


class ProcessResumed(Event):
    """The cause is gone: the process did the work it was stuck on and carries on."""

    type: Literal["ProcessResumed"] = "ProcessResumed"
    operation: str
    stuck_since: datetime
