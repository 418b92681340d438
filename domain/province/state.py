"""State of one province's journey and how each event changes it (evolve / fold)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from pydantic import Field

from domain.province import events as ev
from domain.province import targets
from domain.province.models import CheckpointState, Phase, ProposalState
from domain.shared.events import Event
from domain.shared.evolving import evolve_shared, replace_deadline
from domain.shared.ids import Target
from domain.shared.models import Arrangement, ProcessAgreement, Signatory, Task
from domain.shared.state import Deadline, ProcessState


class ProvinceJourney(ProcessState):
    """Everything the rules need to know about one province's journey."""

    province: str = ""
    name: str = ""
    round: int = 0
    phase: Phase = Phase.NOT_STARTED
    tasks: tuple[Task, ...] = ()
    checkpoints: tuple[CheckpointState, ...] = ()
    review_parties: tuple[str, ...] = ()
    signatories: tuple[Signatory, ...] = ()
    areas: tuple[str, ...] = ()
    proposal: ProposalState = ProposalState()
    delivered: dict[str, str] = Field(default_factory=dict)
    waived: dict[str, str] = Field(default_factory=dict)
    arrangement: Arrangement | None = None
    arrangement_refused: bool = False
    signed_arrangements: tuple[str, ...] = ()
    process_agreement: ProcessAgreement | None = None

    def checkpoint(self, number: int) -> CheckpointState | None:
        return next((c for c in self.checkpoints if c.number == number), None)

    @property
    def current_checkpoint(self) -> CheckpointState | None:
        return next((c for c in self.checkpoints if not c.done), None)

    @property
    def missing_perspectives(self) -> tuple[str, ...]:
        """Areas the voorstel builds on whose perspective is neither delivered nor waived."""
        return tuple(
            a for a in self.proposal.builds_on if a not in self.delivered and a not in self.waived
        )

    def target_done(self, target: str) -> bool:
        """Whether the step a deadline is for is complete, so its timers stop."""
        match Target.parse(target):
            case Target(step=targets.CHECKPOINT, number=int(number)):
                cp = self.checkpoint(number)
                return cp is None or cp.done
            case targets.VOORSTEL:
                return self.proposal.adopted
            case targets.ARRANGEMENT:
                return self.phase in (Phase.SIGNED, Phase.PROCESS_AGREEMENT)
        return True


def _phase_after_checkpoints(state: ProvinceJourney) -> Phase:
    current = state.current_checkpoint
    if current is None:
        return Phase.PROPOSAL
    return Phase(f"ijkmoment {current.number}")


def _replace_checkpoint(state: ProvinceJourney, cp: CheckpointState) -> ProvinceJourney:
    checkpoints = tuple(cp if c.number == cp.number else c for c in state.checkpoints)
    updated = state.model_copy(update={"checkpoints": checkpoints})
    return updated.model_copy(update={"phase": _phase_after_checkpoints(updated)})


def evolve(state: ProvinceJourney, event: Event) -> ProvinceJourney:
    """Apply one event to the journey state; events are facts, so this never refuses."""
    s = evolve_shared(state, event)
    if s is None:
        apply = _EVOLVERS.get(type(event))
        if apply is None:
            raise TypeError(f"not a province event: {type(event).__name__}")
        s = apply(state, event)
    return s.model_copy(update={"version": state.version + 1, "clock": state.clock.after(event)})


def fold(events: Iterable[Event], state: ProvinceJourney | None = None) -> ProvinceJourney:
    """The state after a sequence of events."""
    result = state or ProvinceJourney()
    for event in events:
        result = evolve(result, event)
    return result


def _journey_started(s: ProvinceJourney, e: ev.JourneyStarted) -> ProvinceJourney:
    deadlines = [Deadline(target=str(t), due=due) for t, due in targets.planned(e)]
    return ProvinceJourney(
        province=e.province,
        name=e.name,
        round=e.round,
        phase=Phase.CHECKPOINT_1,
        version=s.version,
        tasks=e.tasks,
        checkpoints=tuple(CheckpointState(number=c.number, name=c.name) for c in e.checkpoints),
        deadlines=tuple(deadlines),
        reminder_lead_days=e.reminder_lead_days,
        review_days=e.review_days,
        review_parties=e.review_parties,
        signatories=e.signatories,
        areas=e.areas,
        escalation_ladder=e.escalation_ladder,
    )


def _task_added(s: ProvinceJourney, e: ev.TaskAdded) -> ProvinceJourney:
    return s.model_copy(update={"tasks": (*s.tasks, e.task)})


def _task_reclassified(s: ProvinceJourney, e: ev.TaskReclassified) -> ProvinceJourney:
    tasks = tuple(
        t.model_copy(update={"kind": e.kind}) if t.id == e.task_id else t for t in s.tasks
    )
    return s.model_copy(update={"tasks": tasks})


def _change_checkpoint(s: ProvinceJourney, number: int, **changes: object) -> ProvinceJourney:
    cp = s.checkpoint(number)
    assert cp is not None  # decide records events only for ijkmomenten it found
    return _replace_checkpoint(s, cp.model_copy(update=changes))


def _draft_submitted(s: ProvinceJourney, e: ev.DraftSubmitted) -> ProvinceJourney:
    return _change_checkpoint(
        s, e.checkpoint, draft_no=e.draft_no, document_ref=e.document_ref, reviews=()
    )


def _review_requested(s: ProvinceJourney, e: ev.ReviewRequested) -> ProvinceJourney:
    return _change_checkpoint(
        s, e.checkpoint, status="in_review", requested=e.parties, respond_by=e.respond_by
    )


def _review_submitted(s: ProvinceJourney, e: ev.ReviewSubmitted) -> ProvinceJourney:
    cp = s.checkpoint(e.checkpoint)
    assert cp is not None
    cp = cp.model_copy(update={"reviews": (*cp.reviews, e.review)})
    if not cp.missing_reviews and cp.status == "in_review":
        cp = cp.model_copy(update={"status": "blocked"})
    return _replace_checkpoint(s, cp)


def _revision_requested(s: ProvinceJourney, e: ev.RevisionRequested) -> ProvinceJourney:
    return _change_checkpoint(s, e.checkpoint, status="revision")


def _checkpoint_passed(s: ProvinceJourney, e: ev.CheckpointPassed) -> ProvinceJourney:
    return _change_checkpoint(s, e.checkpoint, status="passed")


def _checkpoint_closed(s: ProvinceJourney, e: ev.CheckpointClosed) -> ProvinceJourney:
    return _change_checkpoint(
        s, e.checkpoint, status="closed", decision=e.decision, reason=e.reason
    )


def _proposal_submitted(s: ProvinceJourney, e: ev.ProposalSubmitted) -> ProvinceJourney:
    proposal = s.proposal.model_copy(
        update={"document_ref": e.document_ref, "summary": e.summary, "builds_on": e.builds_on}
    )
    return s.model_copy(update={"proposal": proposal})


def _perspective_delivered(s: ProvinceJourney, e: ev.PerspectiveDelivered) -> ProvinceJourney:
    return s.model_copy(update={"delivered": {**s.delivered, e.area: e.document_ref}})


def _perspective_waived(s: ProvinceJourney, e: ev.PerspectiveWaived) -> ProvinceJourney:
    return s.model_copy(update={"waived": {**s.waived, e.area: e.reason}})


def _proposal_adopted(s: ProvinceJourney, e: ev.ProposalAdopted) -> ProvinceJourney:
    proposal = s.proposal.model_copy(update={"adopted": True, "adopted_at": e.occurred_at})
    return s.model_copy(update={"proposal": proposal, "phase": Phase.ARRANGEMENT})


def _arrangement_drafted(s: ProvinceJourney, e: ev.ArrangementDrafted) -> ProvinceJourney:
    arrangement = Arrangement(text=e.text, agreements=e.agreements, text_hash=e.text_hash)
    return s.model_copy(
        update={
            "arrangement": arrangement,
            "arrangement_refused": False,
            "phase": Phase.ARRANGEMENT,
        }
    )


def _signed_arrangement(s: ProvinceJourney) -> Arrangement:
    assert s.arrangement is not None  # decide only signs, refuses or concludes a drafted text
    return s.arrangement


def _arrangement_signed(s: ProvinceJourney, e: ev.ArrangementSigned) -> ProvinceJourney:
    current = _signed_arrangement(s)
    arrangement = current.model_copy(update={"signatures": (*current.signatures, e.signature)})
    return s.model_copy(update={"arrangement": arrangement})


def _arrangement_refused(s: ProvinceJourney, e: ev.ArrangementRefused) -> ProvinceJourney:
    arrangement = _signed_arrangement(s).model_copy(update={"signatures": ()})
    return s.model_copy(update={"arrangement": arrangement, "arrangement_refused": True})


def _signature_withdrawn(s: ProvinceJourney, e: ev.SignatureWithdrawn) -> ProvinceJourney:
    current = _signed_arrangement(s)
    remaining = tuple(x for x in current.signatures if x.signatory != e.signatory)
    arrangement = current.model_copy(update={"signatures": remaining})
    return s.model_copy(update={"arrangement": arrangement})


def _arrangement_concluded(s: ProvinceJourney, e: ev.ArrangementConcluded) -> ProvinceJourney:
    arrangement = _signed_arrangement(s).model_copy(update={"signed": True})
    return s.model_copy(
        update={
            "arrangement": arrangement,
            "phase": Phase.SIGNED,
            "signed_arrangements": (*s.signed_arrangements, e.text_hash),
        }
    )


def _process_agreement_concluded(
    s: ProvinceJourney, e: ev.ProcessAgreementConcluded
) -> ProvinceJourney:
    return s.model_copy(update={"process_agreement": e.agreement, "phase": Phase.PROCESS_AGREEMENT})


def _amendment_started(s: ProvinceJourney, e: ev.AmendmentStarted) -> ProvinceJourney:
    s = s.model_copy(
        update={
            "round": e.round,
            "phase": Phase.ARRANGEMENT,
            "arrangement": None,
            "arrangement_refused": False,
        }
    )
    if e.due is not None:
        s = replace_deadline(s, Deadline(target=str(targets.ARRANGEMENT), due=e.due))
    return s


_EVOLVERS: dict[type[Event], Callable[[ProvinceJourney, Any], ProvinceJourney]] = {
    ev.JourneyStarted: _journey_started,
    ev.TaskAdded: _task_added,
    ev.TaskReclassified: _task_reclassified,
    ev.DraftSubmitted: _draft_submitted,
    ev.ReviewRequested: _review_requested,
    ev.ReviewSubmitted: _review_submitted,
    ev.RevisionRequested: _revision_requested,
    ev.CheckpointPassed: _checkpoint_passed,
    ev.CheckpointClosed: _checkpoint_closed,
    ev.ProposalSubmitted: _proposal_submitted,
    ev.PerspectiveDelivered: _perspective_delivered,
    ev.PerspectiveWaived: _perspective_waived,
    ev.ProposalAdopted: _proposal_adopted,
    ev.ArrangementDrafted: _arrangement_drafted,
    ev.ArrangementSigned: _arrangement_signed,
    ev.ArrangementRefused: _arrangement_refused,
    ev.SignatureWithdrawn: _signature_withdrawn,
    ev.ArrangementConcluded: _arrangement_concluded,
    ev.ProcessAgreementConcluded: _process_agreement_concluded,
    ev.AmendmentStarted: _amendment_started,
}
"""Per province event type, how it changes the journey (the shared events aside)."""
