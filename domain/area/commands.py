"""Commands (imperative) to a NOVEX area's process; friction and deadline commands are shared."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field, TypeAdapter, model_validator

from domain.area.agenda import Action, Dependency, External
from domain.area.events import Contribution
from domain.catalog.model import Duo
from domain.shared import commands as shared
from domain.shared.amounts import Share
from domain.shared.commands import Command, ShortText, Text
from domain.shared.events import PlannedCheckpoint
from domain.shared.ladder import LadderRung
from domain.shared.models import Agreement, ReviewOutcome
from domain.shared.plausible import Day, check_day


class StartArea(Command):
    """Start an area's process with its catalog data."""

    type: Literal["StartArea"] = "StartArea"
    area: str
    name: str
    provinces: tuple[str, ...] = Field(min_length=1)
    review_parties: tuple[str, ...] = Field(min_length=1)
    duo: Duo
    checkpoints: tuple[PlannedCheckpoint, ...] = ()
    perspective_due: datetime | None = None  # the catalog's plan, as StartJourney's
    reminder_lead_days: int = Field(ge=0)
    review_days: int = Field(ge=1)
    label: str | None = None
    escalation_ladder: tuple[LadderRung, ...] = ()


class DraftPerspective(Command):
    type: Literal["DraftPerspective"] = "DraftPerspective"
    document_ref: ShortText
    summary: Text
    readiness: int = Field(ge=0, le=100)


class ReviewPerspective(Command):
    type: Literal["ReviewPerspective"] = "ReviewPerspective"
    party: ShortText
    outcome: ReviewOutcome
    remarks: str = Field(default="", max_length=20_000)


class AdoptPerspective(Command):
    type: Literal["AdoptPerspective"] = "AdoptPerspective"


class ReachCheckpoint(Command):
    type: Literal["ReachCheckpoint"] = "ReachCheckpoint"
    checkpoint: int
    note: str = Field(default="", max_length=2_000)


class AddAction(Command):
    type: Literal["AddAction"] = "AddAction"
    action: Action

    @model_validator(mode="after")
    def _dates_in_the_window(self) -> AddAction:
        a = self.action
        for what, day in (("planned start", a.planned_start), ("planned end", a.planned_end),
                          ("deadline", a.deadline), ("started on", a.started_on),
                          ("done on", a.done_on)):  # fmt: skip
            if day is not None:
                check_day(day, f"action {a.id}: {what}")
        return self


class RescheduleAction(Command):
    type: Literal["RescheduleAction"] = "RescheduleAction"
    action_id: ShortText
    planned_start: Day
    planned_end: Day
    deadline: Day | None = None
    reason: ShortText


class StartAction(Command):
    type: Literal["StartAction"] = "StartAction"
    action_id: ShortText
    on: Day


class CompleteAction(Command):
    type: Literal["CompleteAction"] = "CompleteAction"
    action_id: ShortText
    on: Day


class AddDependency(Command):
    type: Literal["AddDependency"] = "AddDependency"
    dependency: Dependency


class RemoveDependency(Command):
    type: Literal["RemoveDependency"] = "RemoveDependency"
    dependency: Dependency


class RecordExternalMilestone(Command):
    type: Literal["RecordExternalMilestone"] = "RecordExternalMilestone"
    milestone: External

    @model_validator(mode="after")
    def _expected_in_the_window(self) -> RecordExternalMilestone:
        check_day(self.milestone.expected, f"milestone {self.milestone.ref}: expected")
        return self


class CompleteExternal(Command):
    """A milestone this agenda depends on was reached (a province adopted its voorstel)."""

    type: Literal["CompleteExternal"] = "CompleteExternal"
    ref: ShortText
    on: Day


class AddContribution(Command):
    type: Literal["AddContribution"] = "AddContribution"
    contribution: Contribution


class AgreeProportion(Command):
    type: Literal["AgreeProportion"] = "AgreeProportion"
    rijk_share: Share


class DecideInvestment(Command):
    type: Literal["DecideInvestment"] = "DecideInvestment"
    decision_id: ShortText
    action_id: ShortText
    description: Text


class ProposeAgreement(Command):
    type: Literal["ProposeAgreement"] = "ProposeAgreement"
    agreement: Agreement


class ConfirmAgreement(Command):
    type: Literal["ConfirmAgreement"] = "ConfirmAgreement"
    agreement_id: ShortText
    member: ShortText


class ConfirmDelivery(Command):
    """The area's workflow confirms its adopted perspective reached a province's journey."""

    type: Literal["ConfirmDelivery"] = "ConfirmDelivery"
    province: ShortText


AreaCommands = (
    DraftPerspective
    | ReviewPerspective
    | AdoptPerspective
    | ReachCheckpoint
    | AddAction
    | RescheduleAction
    | StartAction
    | CompleteAction
    | AddDependency
    | RemoveDependency
    | RecordExternalMilestone
    | CompleteExternal
    | AddContribution
    | AgreeProportion
    | DecideInvestment
    | ProposeAgreement
    | ConfirmAgreement
    | ConfirmDelivery
    | shared.RaiseFriction
    | shared.ChangeFriction
    | shared.MoveDueDate
    | shared.IssueReminder
    | shared.MarkOverdue
    | shared.RecordEscalationDecision
    | shared.ChangeEscalationLadder
)
"""Every command an area takes (a plain union: AreaCommand is it, discriminated)."""

AreaCommand = Annotated[AreaCommands, Field(discriminator="type")]

area_command_adapter: TypeAdapter[AreaCommand] = TypeAdapter(AreaCommand)


class AreaHistory(Command):
    """An area's history: dated commands recorded in one go, all or nothing (novex import)."""

    type: Literal["RecordHistory"] = "RecordHistory"
    commands: tuple[AreaCommand, ...] = Field(min_length=1)


AreaRequest = Annotated[AreaCommands | AreaHistory, Field(discriminator="type")]
"""What an area's command update takes: any command, or a history (one discriminated union, so
a refusal of pydantic names the command's own field)."""
