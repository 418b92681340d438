"""State of one province's journey and how each event changes it (evolve / fold)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from enum import StrEnum
from typing import Literal

from pydantic import Field

from domain.province import events as ev
from domain.province import targets
from domain.shared.base import Frozen
from domain.shared.events import Event
from domain.shared.ids import Target
from domain.shared.models import Arrangement, ProcessAgreement, Review, Signatory, Task
from domain.shared.rules import evolve_shared, replace_deadline
from domain.shared.state import Deadline, ProcessState


class Phase(StrEnum):
    """Where a province's journey stands."""

    NOT_STARTED = "niet gestart"
    CHECKPOINT_1 = "ijkmoment 1"
    CHECKPOINT_2 = "ijkmoment 2"
    CHECKPOINT_3 = "ijkmoment 3"
    PROPOSAL = "ruimtelijk voorstel"
    ARRANGEMENT = "arrangement"
    SIGNED = "getekend"
    PROCESS_AGREEMENT = "procesafspraak"


CheckpointStatus = Literal["open", "in_review", "revision", "blocked", "passed", "closed"]


class CheckpointState(Frozen):
    """One ijkmoment: its drafts, who was asked to review, and what they said."""

    number: int
    name: str
    status: CheckpointStatus = "open"
    draft_no: int = 0
    document_ref: str | None = None
    requested: tuple[str, ...] = ()
    reviews: tuple[Review, ...] = ()
    decision: str | None = None
    reason: str | None = None

    @property
    def done(self) -> bool:
        return self.status in ("passed", "closed")

    @property
    def missing_reviews(self) -> tuple[str, ...]:
        given = {r.party for r in self.reviews}
        return tuple(p for p in self.requested if p not in given)


class ProposalState(Frozen):
    """The provinciaal ruimtelijk voorstel and the perspectives it builds on."""

    document_ref: str | None = None
    summary: str = ""
    builds_on: tuple[str, ...] = ()
    adopted: bool = False
    adopted_at: datetime | None = None


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
        s = _apply(state, event)
    return s.model_copy(update={"version": state.version + 1})


def _apply(s: ProvinceJourney, e: Event) -> ProvinceJourney:
    for apply in (_apply_start, _apply_checkpoint, _apply_proposal, _apply_arrangement):
        changed = apply(s, e)
        if changed is not None:
            return changed
    raise TypeError(f"not a province event: {type(e).__name__}")


def _apply_start(s: ProvinceJourney, e: Event) -> ProvinceJourney | None:
    """The start of a journey and its opgaven."""
    match e:
        case ev.JourneyStarted():
            deadlines = [Deadline(target=str(t), due=due) for t, due in targets.planned(e)]
            return ProvinceJourney(
                province=e.province,
                name=e.name,
                round=e.round,
                phase=Phase.CHECKPOINT_1,
                version=s.version,
                tasks=e.tasks,
                checkpoints=tuple(
                    CheckpointState(number=c.number, name=c.name) for c in e.checkpoints
                ),
                deadlines=tuple(deadlines),
                reminder_lead_days=e.reminder_lead_days,
                review_days=e.review_days,
                review_parties=e.review_parties,
                signatories=e.signatories,
                areas=e.areas,
                escalation_ladder=e.escalation_ladder,
            )
        case ev.TaskAdded():
            return s.model_copy(update={"tasks": (*s.tasks, e.task)})
        case ev.TaskReclassified():
            tasks = tuple(
                t.model_copy(update={"kind": e.kind}) if t.id == e.task_id else t for t in s.tasks
            )
            return s.model_copy(update={"tasks": tasks})
    return None


def _apply_checkpoint(s: ProvinceJourney, e: Event) -> ProvinceJourney | None:
    """Drafts and reviews of an ijkmoment."""
    match e:
        case ev.DraftSubmitted():
            return _change_checkpoint(
                s, e.checkpoint, draft_no=e.draft_no, document_ref=e.document_ref, reviews=()
            )
        case ev.ReviewRequested():
            return _change_checkpoint(s, e.checkpoint, status="in_review", requested=e.parties)
        case ev.ReviewSubmitted():
            cp = s.checkpoint(e.checkpoint)
            assert cp is not None
            cp = cp.model_copy(update={"reviews": (*cp.reviews, e.review)})
            if not cp.missing_reviews and cp.status == "in_review":
                cp = cp.model_copy(update={"status": "blocked"})
            return _replace_checkpoint(s, cp)
        case ev.RevisionRequested():
            return _change_checkpoint(s, e.checkpoint, status="revision")
        case ev.CheckpointPassed():
            return _change_checkpoint(s, e.checkpoint, status="passed")
        case ev.CheckpointClosed():
            return _change_checkpoint(
                s, e.checkpoint, status="closed", decision=e.decision, reason=e.reason
            )
    return None


def _change_checkpoint(s: ProvinceJourney, number: int, **changes: object) -> ProvinceJourney:
    cp = s.checkpoint(number)
    assert cp is not None  # decide records events only for ijkmomenten it found
    return _replace_checkpoint(s, cp.model_copy(update=changes))


def _apply_proposal(s: ProvinceJourney, e: Event) -> ProvinceJourney | None:
    """The ruimtelijk voorstel and the perspectives it builds on."""
    match e:
        case ev.ProposalSubmitted():
            proposal = s.proposal.model_copy(
                update={
                    "document_ref": e.document_ref,
                    "summary": e.summary,
                    "builds_on": e.builds_on,
                }
            )
            return s.model_copy(update={"proposal": proposal})
        case ev.PerspectiveDelivered():
            return s.model_copy(update={"delivered": {**s.delivered, e.area: e.document_ref}})
        case ev.PerspectiveWaived():
            return s.model_copy(update={"waived": {**s.waived, e.area: e.reason}})
        case ev.ProposalAdopted():
            proposal = s.proposal.model_copy(update={"adopted": True, "adopted_at": e.occurred_at})
            return s.model_copy(update={"proposal": proposal, "phase": Phase.ARRANGEMENT})
    return None


def _apply_arrangement(s: ProvinceJourney, e: Event) -> ProvinceJourney | None:
    """The arrangement, its signatures, a procesafspraak, an amendment."""
    match e:
        case ev.ArrangementDrafted():
            arrangement = Arrangement(text=e.text, agreements=e.agreements, text_hash=e.text_hash)
            return s.model_copy(
                update={
                    "arrangement": arrangement,
                    "arrangement_refused": False,
                    "phase": Phase.ARRANGEMENT,
                }
            )
        case ev.ArrangementSigned():
            assert s.arrangement is not None
            arrangement = s.arrangement.model_copy(
                update={"signatures": (*s.arrangement.signatures, e.signature)}
            )
            return s.model_copy(update={"arrangement": arrangement})
        case ev.ArrangementRefused():
            assert s.arrangement is not None
            arrangement = s.arrangement.model_copy(update={"signatures": ()})
            return s.model_copy(update={"arrangement": arrangement, "arrangement_refused": True})
        case ev.SignatureWithdrawn():
            assert s.arrangement is not None
            remaining = tuple(x for x in s.arrangement.signatures if x.signatory != e.signatory)
            arrangement = s.arrangement.model_copy(update={"signatures": remaining})
            return s.model_copy(update={"arrangement": arrangement})
        case ev.ArrangementConcluded():
            assert s.arrangement is not None
            arrangement = s.arrangement.model_copy(update={"signed": True})
            return s.model_copy(
                update={
                    "arrangement": arrangement,
                    "phase": Phase.SIGNED,
                    "signed_arrangements": (*s.signed_arrangements, e.text_hash),
                }
            )
        case ev.ProcessAgreementConcluded():
            return s.model_copy(
                update={"process_agreement": e.agreement, "phase": Phase.PROCESS_AGREEMENT}
            )
        case ev.AmendmentStarted():
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
    return None


def fold(events: Iterable[Event], state: ProvinceJourney | None = None) -> ProvinceJourney:
    """The state after a sequence of events."""
    result = state or ProvinceJourney()
    for event in events:
        result = evolve(result, event)
    return result
