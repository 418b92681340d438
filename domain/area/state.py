"""State of one NOVEX area's process and how each event changes it (evolve / fold)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from pydantic import Field

from domain.area import events as ae
from domain.area import targets
from domain.area.agenda import Action, Dependency, External
from domain.area.events import Contribution
from domain.catalog.model import Duo
from domain.shared import events as ev
from domain.shared.base import Frozen
from domain.shared.events import PlannedCheckpoint
from domain.shared.ids import Target
from domain.shared.models import Agreement, InvestmentDecision, Review
from domain.shared.rules import evolve_shared
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
        s = _apply(state, event)
    return s.model_copy(update={"version": state.version + 1})


def _apply(s: AreaProcess, e: ev.Event) -> AreaProcess:
    for apply in (_apply_perspective, _apply_agenda, _apply_investments):
        changed = apply(s, e)
        if changed is not None:
            return changed
    raise TypeError(f"not an area event: {type(e).__name__}")


def _apply_perspective(s: AreaProcess, e: ev.Event) -> AreaProcess | None:
    """The start of an area, its ontwikkelperspectief and its ijkpunten."""
    match e:
        case ae.AreaStarted():
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
        case ae.PerspectiveDrafted():
            version = PerspectiveVersion(
                version=e.version,
                document_ref=e.document_ref,
                summary=e.summary,
                readiness=e.readiness,
                submitted_at=e.occurred_at,
            )
            return s.model_copy(update={"versions": (*s.versions, version), "reviews": ()})
        case ae.PerspectiveReviewRequested():
            return s.model_copy(update={"requested": e.parties, "phase": AreaPhase.IN_REVIEW})
        case ae.PerspectiveReviewed():
            return s.model_copy(update={"reviews": (*s.reviews, e.review)})
        case ae.PerspectiveAdopted():
            return s.model_copy(update={"adopted_version": e.version, "phase": AreaPhase.ADOPTED})
        case ae.PerspectiveDeliveredToProvince():
            return s.model_copy(update={"delivered_to": (*s.delivered_to, e.province)})
        case ae.CheckpointReached():
            return s.model_copy(update={"reached": (*s.reached, e.checkpoint)})
    return None


def _apply_agenda(s: AreaProcess, e: ev.Event) -> AreaProcess | None:
    """The uitvoeringsagenda: actions, their dependencies and external milestones."""
    match e:
        case ae.ActionAdded():
            return s.model_copy(update={"actions": {**s.actions, e.action.id: e.action}})
        case ae.ActionRescheduled():
            action = s.actions[e.action_id].model_copy(
                update={
                    "planned_start": e.planned_start,
                    "planned_end": e.planned_end,
                    "deadline": e.deadline,
                }
            )
            return s.model_copy(update={"actions": {**s.actions, e.action_id: action}})
        case ae.ActionStarted():
            action = s.actions[e.action_id].model_copy(update={"started_on": e.on})
            return s.model_copy(update={"actions": {**s.actions, e.action_id: action}})
        case ae.ActionCompleted():
            action = s.actions[e.action_id].model_copy(update={"done_on": e.on})
            return s.model_copy(update={"actions": {**s.actions, e.action_id: action}})
        case ae.DependencyAdded():
            return s.model_copy(update={"dependencies": (*s.dependencies, e.dependency)})
        case ae.DependencyRemoved():
            kept = tuple(d for d in s.dependencies if d != e.dependency)
            return s.model_copy(update={"dependencies": kept})
        case ae.ExternalMilestoneRecorded():
            externals = {**s.externals, e.milestone.ref: e.milestone}
            return s.model_copy(update={"externals": externals})
        case ae.ActionsFlaggedLate():
            return s.model_copy(update={"flagged_late": e.action_ids})
    return None


def _apply_investments(s: AreaProcess, e: ev.Event) -> AreaProcess | None:
    """The investeringsagenda and the uitvoeringsafspraken."""
    match e:
        case ae.ContributionAdded():
            return s.model_copy(update={"contributions": (*s.contributions, e.contribution)})
        case ae.ProportionAgreed():
            return s.model_copy(update={"rijk_share": e.rijk_share})
        case ae.InvestmentDecided():
            return s.model_copy(update={"decisions": (*s.decisions, e.decision)})
        case ae.AgreementProposed():
            return s.model_copy(
                update={"agreements": (*s.agreements, AgreementState(agreement=e.agreement))}
            )
        case ae.AgreementConfirmed():
            return _replace_agreement(
                s,
                e.agreement_id,
                lambda a: a.model_copy(update={"confirmed_by": (*a.confirmed_by, e.member)}),
            )
        case ae.AgreementConcluded():
            return _replace_agreement(
                s, e.agreement_id, lambda a: a.model_copy(update={"agreed": True})
            )
    return None


def _replace_agreement(
    s: AreaProcess, agreement_id: str, change: Callable[[AgreementState], AgreementState]
) -> AreaProcess:
    agreements = tuple(change(a) if a.agreement.id == agreement_id else a for a in s.agreements)
    return s.model_copy(update={"agreements": agreements})


def fold(events: Iterable[ev.Event], state: AreaProcess | None = None) -> AreaProcess:
    """The state after a sequence of events."""
    result = state or AreaProcess()
    for event in events:
        result = evolve(result, event)
    return result
