"""State of one NOVEX area's process and how each event changes it (evolve / fold)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from pydantic import Field

from domain.area import events as ae
from domain.area import targets
from domain.area.agenda import Action, Dependency, External
from domain.area.events import Contribution
from domain.catalog.model import Duo
from domain.shared import events as ev
from domain.shared.base import Frozen
from domain.shared.events import PlannedCheckpoint
from domain.shared.evolving import evolve_shared
from domain.shared.ids import Target
from domain.shared.models import Agreement, InvestmentDecision, Review
from domain.shared.state import Deadline, ProcessState


class AreaPhase(StrEnum):
    """Where an area's ontwikkelperspectief stands."""

    NOT_STARTED = "niet gestart"
    DRAFTING = "ontwikkelperspectief in voorbereiding"
    IN_REVIEW = "ontwikkelperspectief in review"
    ADOPTED = "ontwikkelperspectief vastgesteld"


class PerspectiveVersion(Frozen):
    """One version of the ontwikkelperspectief."""

    version: int
    document_ref: str
    summary: str
    readiness: int
    submitted_at: datetime


class AgreementState(Frozen):
    """An uitvoeringsafspraak and which duo members confirmed it."""

    agreement: Agreement
    confirmed_by: tuple[str, ...] = ()
    agreed: bool = False


class AreaProcess(ProcessState):
    """Everything the rules need to know about one NOVEX area."""

    area: str = ""
    name: str = ""
    label: str | None = None
    phase: AreaPhase = AreaPhase.NOT_STARTED
    provinces: tuple[str, ...] = ()
    review_parties: tuple[str, ...] = ()
    duo: Duo | None = None
    checkpoints: tuple[PlannedCheckpoint, ...] = ()
    reached: tuple[int, ...] = ()
    versions: tuple[PerspectiveVersion, ...] = ()
    requested: tuple[str, ...] = ()
    respond_by: datetime | None = None
    reviews: tuple[Review, ...] = ()
    adopted_version: int | None = None
    delivered_to: tuple[str, ...] = ()
    actions: dict[str, Action] = Field(default_factory=dict)
    dependencies: tuple[Dependency, ...] = ()
    externals: dict[str, External] = Field(default_factory=dict)
    flagged_late: tuple[str, ...] = ()
    contributions: tuple[Contribution, ...] = ()
    rijk_share: Decimal | None = None
    decisions: tuple[InvestmentDecision, ...] = ()
    agreements: tuple[AgreementState, ...] = ()

    @property
    def current(self) -> PerspectiveVersion | None:
        return self.versions[-1] if self.versions else None

    @property
    def missing_reviews(self) -> tuple[str, ...]:
        given = {r.party for r in self.reviews}
        return tuple(p for p in self.requested if p not in given)

    def target_done(self, target: str) -> bool:
        """Whether the step a deadline is for is complete, so its timers stop: an adopted
        perspective completes every ijkpunt too."""
        match Target.parse(target):
            case Target(step=targets.CHECKPOINT, number=int(number)):
                return number in self.reached or self.adopted_version is not None
            case targets.PERSPECTIVE:
                return self.adopted_version is not None
        return True

    def agreement(self, agreement_id: str) -> AgreementState | None:
        return next((a for a in self.agreements if a.agreement.id == agreement_id), None)

    @property
    def duo_members(self) -> tuple[str, ...]:
        return (self.duo.rijk.id, self.duo.region.id) if self.duo else ()


def evolve(state: AreaProcess, event: ev.Event) -> AreaProcess:
    """Apply one event; events are facts, so this never refuses."""
    s = evolve_shared(state, event)
    if s is None:
        apply = _EVOLVERS.get(type(event))
        if apply is None:
            raise TypeError(f"not an area event: {type(event).__name__}")
        s = apply(state, event)
    return s.model_copy(update={"version": state.version + 1, "clock": state.clock.after(event)})


def fold(events: Iterable[ev.Event], state: AreaProcess | None = None) -> AreaProcess:
    """The state after a sequence of events."""
    result = state or AreaProcess()
    for event in events:
        result = evolve(result, event)
    return result


def _area_started(s: AreaProcess, e: ae.AreaStarted) -> AreaProcess:
    deadlines = [Deadline(target=str(t), due=due) for t, due in targets.planned(e)]
    return AreaProcess(
        area=e.area,
        name=e.name,
        label=e.label,
        phase=AreaPhase.DRAFTING,
        version=s.version,
        provinces=e.provinces,
        review_parties=e.review_parties,
        duo=e.duo,
        reminder_lead_days=e.reminder_lead_days,
        review_days=e.review_days,
        deadlines=tuple(deadlines),
        checkpoints=e.checkpoints,
        escalation_ladder=e.escalation_ladder,
    )


def _perspective_drafted(s: AreaProcess, e: ae.PerspectiveDrafted) -> AreaProcess:
    version = PerspectiveVersion(
        version=e.version,
        document_ref=e.document_ref,
        summary=e.summary,
        readiness=e.readiness,
        submitted_at=e.occurred_at,
    )
    return s.model_copy(update={"versions": (*s.versions, version), "reviews": ()})


def _perspective_review_requested(s: AreaProcess, e: ae.PerspectiveReviewRequested) -> AreaProcess:
    return s.model_copy(
        update={"requested": e.parties, "respond_by": e.respond_by, "phase": AreaPhase.IN_REVIEW}
    )


def _perspective_reviewed(s: AreaProcess, e: ae.PerspectiveReviewed) -> AreaProcess:
    return s.model_copy(update={"reviews": (*s.reviews, e.review)})


def _perspective_adopted(s: AreaProcess, e: ae.PerspectiveAdopted) -> AreaProcess:
    return s.model_copy(update={"adopted_version": e.version, "phase": AreaPhase.ADOPTED})


def _perspective_delivered(s: AreaProcess, e: ae.PerspectiveDeliveredToProvince) -> AreaProcess:
    return s.model_copy(update={"delivered_to": (*s.delivered_to, e.province)})


def _checkpoint_reached(s: AreaProcess, e: ae.CheckpointReached) -> AreaProcess:
    return s.model_copy(update={"reached": (*s.reached, e.checkpoint)})


def _action_added(s: AreaProcess, e: ae.ActionAdded) -> AreaProcess:
    return s.model_copy(update={"actions": {**s.actions, e.action.id: e.action}})


def _change_action(s: AreaProcess, action_id: str, **changes: object) -> AreaProcess:
    action = s.actions[action_id].model_copy(update=changes)
    return s.model_copy(update={"actions": {**s.actions, action_id: action}})


def _action_rescheduled(s: AreaProcess, e: ae.ActionRescheduled) -> AreaProcess:
    return _change_action(
        s,
        e.action_id,
        planned_start=e.planned_start,
        planned_end=e.planned_end,
        deadline=e.deadline,
    )


def _action_started(s: AreaProcess, e: ae.ActionStarted) -> AreaProcess:
    return _change_action(s, e.action_id, started_on=e.on)


def _action_completed(s: AreaProcess, e: ae.ActionCompleted) -> AreaProcess:
    return _change_action(s, e.action_id, done_on=e.on)


def _dependency_added(s: AreaProcess, e: ae.DependencyAdded) -> AreaProcess:
    return s.model_copy(update={"dependencies": (*s.dependencies, e.dependency)})


def _dependency_removed(s: AreaProcess, e: ae.DependencyRemoved) -> AreaProcess:
    kept = tuple(d for d in s.dependencies if d != e.dependency)
    return s.model_copy(update={"dependencies": kept})


def _external_milestone_recorded(s: AreaProcess, e: ae.ExternalMilestoneRecorded) -> AreaProcess:
    return s.model_copy(update={"externals": {**s.externals, e.milestone.ref: e.milestone}})


def _actions_flagged_late(s: AreaProcess, e: ae.ActionsFlaggedLate) -> AreaProcess:
    return s.model_copy(update={"flagged_late": e.action_ids})


def _contribution_added(s: AreaProcess, e: ae.ContributionAdded) -> AreaProcess:
    return s.model_copy(update={"contributions": (*s.contributions, e.contribution)})


def _proportion_agreed(s: AreaProcess, e: ae.ProportionAgreed) -> AreaProcess:
    return s.model_copy(update={"rijk_share": e.rijk_share})


def _investment_decided(s: AreaProcess, e: ae.InvestmentDecided) -> AreaProcess:
    return s.model_copy(update={"decisions": (*s.decisions, e.decision)})


def _agreement_proposed(s: AreaProcess, e: ae.AgreementProposed) -> AreaProcess:
    proposed = AgreementState(agreement=e.agreement)
    return s.model_copy(update={"agreements": (*s.agreements, proposed)})


def _replace_agreement(
    s: AreaProcess, agreement_id: str, change: Callable[[AgreementState], AgreementState]
) -> AreaProcess:
    agreements = tuple(change(a) if a.agreement.id == agreement_id else a for a in s.agreements)
    return s.model_copy(update={"agreements": agreements})


def _agreement_confirmed(s: AreaProcess, e: ae.AgreementConfirmed) -> AreaProcess:
    return _replace_agreement(
        s,
        e.agreement_id,
        lambda a: a.model_copy(update={"confirmed_by": (*a.confirmed_by, e.member)}),
    )


def _agreement_concluded(s: AreaProcess, e: ae.AgreementConcluded) -> AreaProcess:
    return _replace_agreement(s, e.agreement_id, lambda a: a.model_copy(update={"agreed": True}))


_EVOLVERS: dict[type[ev.Event], Callable[[AreaProcess, Any], AreaProcess]] = {
    ae.AreaStarted: _area_started,
    ae.PerspectiveDrafted: _perspective_drafted,
    ae.PerspectiveReviewRequested: _perspective_review_requested,
    ae.PerspectiveReviewed: _perspective_reviewed,
    ae.PerspectiveAdopted: _perspective_adopted,
    ae.PerspectiveDeliveredToProvince: _perspective_delivered,
    ae.CheckpointReached: _checkpoint_reached,
    ae.ActionAdded: _action_added,
    ae.ActionRescheduled: _action_rescheduled,
    ae.ActionStarted: _action_started,
    ae.ActionCompleted: _action_completed,
    ae.DependencyAdded: _dependency_added,
    ae.DependencyRemoved: _dependency_removed,
    ae.ExternalMilestoneRecorded: _external_milestone_recorded,
    ae.ActionsFlaggedLate: _actions_flagged_late,
    ae.ContributionAdded: _contribution_added,
    ae.ProportionAgreed: _proportion_agreed,
    ae.InvestmentDecided: _investment_decided,
    ae.AgreementProposed: _agreement_proposed,
    ae.AgreementConfirmed: _agreement_confirmed,
    ae.AgreementConcluded: _agreement_concluded,
}
"""Per area event type, how it changes the area's process (the shared events aside)."""
