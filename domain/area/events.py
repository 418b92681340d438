"""Events (past tense) of a NOVEX area's process; shared ones come from domain.events."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import Field, TypeAdapter

from domain.area.agenda import Action, Dependency, External
from domain.catalog.model import Duo
from domain.shared import events as shared
from domain.shared.amounts import PositiveMoney
from domain.shared.base import Frozen
from domain.shared.events import Event, PlannedCheckpoint
from domain.shared.ladder import LadderRung
from domain.shared.models import Agreement, InvestmentDecision, PartySide, Review


class AreaStarted(Event):
    type: Literal["AreaStarted"] = "AreaStarted"
    area: str
    name: str
    provinces: tuple[str, ...]
    review_parties: tuple[str, ...]
    duo: Duo
    checkpoints: tuple[PlannedCheckpoint, ...] = ()
    perspective_due: datetime | None = None
    reminder_lead_days: int
    review_days: int
    label: str | None = None
    escalation_ladder: tuple[LadderRung, ...] = ()


class PerspectiveDrafted(Event):
    type: Literal["PerspectiveDrafted"] = "PerspectiveDrafted"
    version: int
    document_ref: str
    summary: str
    readiness: int


class PerspectiveReviewRequested(Event):
    type: Literal["PerspectiveReviewRequested"] = "PerspectiveReviewRequested"
    version: int
    parties: tuple[str, ...]
    respond_by: datetime


class PerspectiveReviewed(Event):
    type: Literal["PerspectiveReviewed"] = "PerspectiveReviewed"
    version: int
    review: Review


class PerspectiveAdopted(Event):
    type: Literal["PerspectiveAdopted"] = "PerspectiveAdopted"
    version: int
    document_ref: str
    readiness: int


class PerspectiveDeliveredToProvince(Event):
    type: Literal["PerspectiveDeliveredToProvince"] = "PerspectiveDeliveredToProvince"
    province: str
    version: int


class CheckpointReached(Event):
    type: Literal["CheckpointReached"] = "CheckpointReached"
    checkpoint: int
    note: str = ""


class ActionAdded(Event):
    type: Literal["ActionAdded"] = "ActionAdded"
    action: Action


class ActionRescheduled(Event):
    type: Literal["ActionRescheduled"] = "ActionRescheduled"
    action_id: str
    planned_start: date
    planned_end: date
    deadline: date | None = None
    reason: str


class ActionStarted(Event):
    type: Literal["ActionStarted"] = "ActionStarted"
    action_id: str
    on: date


class ActionCompleted(Event):
    type: Literal["ActionCompleted"] = "ActionCompleted"
    action_id: str
    on: date


class DependencyAdded(Event):
    type: Literal["DependencyAdded"] = "DependencyAdded"
    dependency: Dependency


class DependencyRemoved(Event):
    type: Literal["DependencyRemoved"] = "DependencyRemoved"
    dependency: Dependency


class ExternalMilestoneRecorded(Event):
    type: Literal["ExternalMilestoneRecorded"] = "ExternalMilestoneRecorded"
    milestone: External


class ActionsFlaggedLate(Event):
    type: Literal["ActionsFlaggedLate"] = "ActionsFlaggedLate"
    action_ids: tuple[str, ...]
    cause: str


class Contribution(Frozen):
    """A party's contribution to an action in the regionale investeringsagenda."""

    id: str = Field(min_length=1, max_length=80)
    action_id: str
    side: PartySide
    amount: PositiveMoney
    fund: str = Field(min_length=1)


class ContributionAdded(Event):
    type: Literal["ContributionAdded"] = "ContributionAdded"
    contribution: Contribution


class ProportionAgreed(Event):
    type: Literal["ProportionAgreed"] = "ProportionAgreed"
    rijk_share: Decimal


class InvestmentDecided(Event):
    type: Literal["InvestmentDecided"] = "InvestmentDecided"
    decision: InvestmentDecision


class AgreementProposed(Event):
    type: Literal["AgreementProposed"] = "AgreementProposed"
    agreement: Agreement


class AgreementConfirmed(Event):
    type: Literal["AgreementConfirmed"] = "AgreementConfirmed"
    agreement_id: str
    member: str


class AgreementConcluded(Event):
    type: Literal["AgreementConcluded"] = "AgreementConcluded"
    agreement_id: str


AreaEvent = Annotated[
    AreaStarted
    | PerspectiveDrafted
    | PerspectiveReviewRequested
    | PerspectiveReviewed
    | PerspectiveAdopted
    | PerspectiveDeliveredToProvince
    | CheckpointReached
    | ActionAdded
    | ActionRescheduled
    | ActionStarted
    | ActionCompleted
    | DependencyAdded
    | DependencyRemoved
    | ExternalMilestoneRecorded
    | ActionsFlaggedLate
    | ContributionAdded
    | ProportionAgreed
    | InvestmentDecided
    | AgreementProposed
    | AgreementConfirmed
    | AgreementConcluded
    | shared.FrictionRaised
    | shared.FrictionStatusChanged
    | shared.DueDateMoved
    | shared.ReminderIssued
    | shared.DeadlineMissed
    | shared.EscalationRequested
    | shared.EscalationDecisionRecorded
    | shared.EscalationLadderChanged
    | shared.ProcessStuck
    | shared.ProcessResumed,
    Field(discriminator="type"),
]

area_event_adapter: TypeAdapter[AreaEvent] = TypeAdapter(AreaEvent)


def parse_area_event(data: dict[str, object]) -> Event:
    """Rebuild an area event from its stored form."""
    return area_event_adapter.validate_python(data)
