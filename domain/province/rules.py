"""The rules of a province's journey: decide which events a command produces, or refuse it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from domain.province import commands as cmd
from domain.province import events as ev
from domain.province.commands import StartJourney
from domain.province.state import CheckpointState, Phase, ProvinceJourney, evolve
from domain.shared.commands import (
    ChangeEscalationLadder,
    ChangeFriction,
    Command,
    IssueReminder,
    MarkOverdue,
    MoveDueDate,
    RaiseFriction,
    RecordEscalationDecision,
)
from domain.shared.errors import DomainError, InvalidTransition, NotAuthorized, UnknownReference
from domain.shared.events import Event, FrictionRaised
from domain.shared.ids import NewId
from domain.shared.models import Arrangement, Friction, ProcessAgreement, Review, Signature
from domain.shared.models import ReviewOutcome as Outcome
from domain.shared.rules import (
    Builder,
    change_escalation_ladder,
    change_friction,
    dispatch,
    issue_reminder,
    mark_overdue,
    move_due_date,
    next_friction_id,
    raise_friction,
    record_escalation_decision,
    start_event,
)

_Builder = Builder[ProvinceJourney]


def start(
    state: ProvinceJourney, command: StartJourney, *, now: datetime, new_id: NewId
) -> list[Event]:
    """Begin a journey; refused when one is already running for this state."""
    if state.phase is not Phase.NOT_STARTED:
        raise InvalidTransition(
            f"the journey of {state.province} is already running ({state.phase})"
        )
    return start_event(state, command, ev.JourneyStarted, now=now, new_id=new_id, evolve=evolve)


def decide(
    state: ProvinceJourney, command: Command, *, now: datetime, new_id: NewId
) -> list[Event]:
    """Events a command produces here; a refused command raises DomainError, produces none."""
    if state.phase is Phase.NOT_STARTED:
        raise InvalidTransition("the journey has not started")
    return dispatch(
        state,
        command,
        now=now,
        new_id=new_id,
        evolve=evolve,
        handlers=_HANDLERS,
        process="a province journey",
    )


def _checkpoint(s: ProvinceJourney, number: int) -> CheckpointState:
    cp = s.checkpoint(number)
    if cp is None:
        raise UnknownReference(
            f"unknown ijkmoment {number}: this journey has ijkmomenten 1..{len(s.checkpoints)}"
        )
    if cp.done:
        raise InvalidTransition(f"ijkmoment {number} is closed ({cp.status})")
    current = s.current_checkpoint
    if current is not None and current.number != number:
        raise InvalidTransition(
            f"ijkmoment {number} is not open yet: ijkmoment {current.number} comes first"
        )
    return cp


def _add_task(b: _Builder, c: cmd.AddTask) -> None:
    if any(t.id == c.task.id for t in b.state.tasks):
        raise DomainError(f"opgave {c.task.id!r} is already in the startpakket")
    if b.state.phase in (Phase.SIGNED,):
        raise InvalidTransition("the arrangement is signed; start an amendment to add an opgave")
    b.add(ev.TaskAdded, task=c.task)


def _reclassify(b: _Builder, c: cmd.ReclassifyTask) -> None:
    task = next((t for t in b.state.tasks if t.id == c.task_id), None)
    if task is None:
        raise UnknownReference(f"unknown opgave {c.task_id!r}")
    if task.kind == c.kind:
        raise DomainError(f"opgave {c.task_id!r} is already {c.kind.value}")
    b.add(ev.TaskReclassified, task_id=c.task_id, previous=task.kind, kind=c.kind, reason=c.reason)


def _submit_draft(b: _Builder, c: cmd.SubmitDraft) -> None:
    cp = _checkpoint(b.state, c.checkpoint)
    if cp.status not in ("open", "revision"):
        raise InvalidTransition(
            f"ijkmoment {c.checkpoint} already has a draft in review ({cp.status}); "
            "wait for the reviews or a revision request"
        )
    unknown = sorted(set(c.positions) - {t.id for t in b.state.tasks})
    if unknown:
        raise UnknownReference(f"positions name unknown opgaven: {', '.join(unknown)}")
    draft_no = cp.draft_no + 1
    b.add(
        ev.DraftSubmitted,
        checkpoint=c.checkpoint,
        draft_no=draft_no,
        document_ref=c.document_ref,
        summary=c.summary,
        positions=c.positions,
    )
    b.add(
        ev.ReviewRequested,
        checkpoint=c.checkpoint,
        draft_no=draft_no,
        parties=b.state.review_parties,
        respond_by=b.now + timedelta(days=b.state.review_days),
    )


def _submit_review(b: _Builder, c: cmd.SubmitReview) -> None:
    cp = _checkpoint(b.state, c.checkpoint)
    if cp.status != "in_review":
        raise InvalidTransition(f"ijkmoment {c.checkpoint} has no draft in review ({cp.status})")
    if c.party not in cp.requested:
        raise NotAuthorized(
            f"party {c.party!r} was not asked to review ijkmoment {c.checkpoint}; "
            f"asked: {', '.join(cp.requested)}"
        )
    if any(r.party == c.party for r in cp.reviews):
        raise DomainError(f"party {c.party!r} already reviewed draft {cp.draft_no}")
    friction_id = None
    if c.outcome is Outcome.FRICTION:
        if not c.remarks.strip():
            raise DomainError("a schuurpunt needs a description in the remarks")
        friction_id = next_friction_id(b.state)
    review = Review(
        party=c.party,
        outcome=c.outcome,
        remarks=c.remarks,
        actor=c.actor,
        submitted_at=b.now,
        friction_id=friction_id,
    )
    b.add(ev.ReviewSubmitted, checkpoint=c.checkpoint, draft_no=cp.draft_no, review=review)
    if friction_id is not None:
        b.add(
            FrictionRaised,
            friction=Friction(
                id=friction_id, description=c.remarks, raised_by=c.party, checkpoint=c.checkpoint
            ),
        )
    _settle_checkpoint(b, c.checkpoint)


def _settle_checkpoint(b: _Builder, number: int) -> None:
    """When every review is in: ask for a revision, wait for frictions, or pass."""
    cp = b.state.checkpoint(number)
    if cp is None or cp.status != "blocked":
        return
    revise = tuple(r.party for r in cp.reviews if r.outcome is Outcome.REVISE)
    if revise:
        b.add(ev.RevisionRequested, checkpoint=number, draft_no=cp.draft_no, parties=revise)
    elif not b.state.open_frictions(number):
        b.add(ev.CheckpointPassed, checkpoint=number)


def _raise_friction(b: _Builder, c: RaiseFriction) -> None:
    if c.checkpoint is not None:
        _checkpoint(b.state, c.checkpoint)
    raise_friction(b, c)


def _change_friction(b: _Builder, c: ChangeFriction) -> None:
    friction = change_friction(b, c)
    if friction.checkpoint is not None:
        _settle_checkpoint(b, friction.checkpoint)


def _close_checkpoint(b: _Builder, c: cmd.CloseCheckpoint) -> None:
    _checkpoint(b.state, c.checkpoint)
    b.add(ev.CheckpointClosed, checkpoint=c.checkpoint, decision=c.decision, reason=c.reason)


def _submit_proposal(b: _Builder, c: cmd.SubmitProposal) -> None:
    s = b.state
    if s.proposal.adopted:
        raise InvalidTransition(
            f"the ruimtelijk voorstel was adopted on {s.proposal.adopted_at}; no further submission"
        )
    if s.phase is not Phase.PROPOSAL:
        raise InvalidTransition(f"the voorstel comes after the three ijkmomenten; now: {s.phase}")
    unknown = [a for a in c.builds_on if a not in s.areas]
    if unknown:
        raise UnknownReference(
            f"the voorstel builds on areas outside {s.province}: {', '.join(unknown)}"
        )
    b.add(
        ev.ProposalSubmitted, document_ref=c.document_ref, summary=c.summary, builds_on=c.builds_on
    )


def _deliver_perspective(b: _Builder, c: cmd.DeliverPerspective) -> None:
    if c.area not in b.state.areas:
        raise UnknownReference(f"area {c.area!r} does not lie in {b.state.province}")
    if b.state.delivered.get(c.area) == c.document_ref:
        raise DomainError(f"the perspective of {c.area} ({c.document_ref}) was already delivered")
    b.add(ev.PerspectiveDelivered, area=c.area, document_ref=c.document_ref)


def _waive_perspective(b: _Builder, c: cmd.WaivePerspective) -> None:
    if c.area not in b.state.proposal.builds_on:
        raise UnknownReference(f"the voorstel does not build on area {c.area!r}")
    if c.area in b.state.delivered:
        raise DomainError(f"the perspective of {c.area} was delivered; nothing to waive")
    if c.area in b.state.waived:
        raise DomainError(f"the perspective of {c.area} was already waived")
    b.add(ev.PerspectiveWaived, area=c.area, reason=c.reason)


def _adopt_proposal(b: _Builder, c: cmd.AdoptProposal) -> None:
    s = b.state
    if s.proposal.adopted:
        raise InvalidTransition("the ruimtelijk voorstel is already adopted")
    if s.proposal.document_ref is None:
        raise InvalidTransition("no ruimtelijk voorstel was submitted")
    if s.missing_perspectives:
        raise InvalidTransition(
            "perspectives still missing: "
            + ", ".join(s.missing_perspectives)
            + "; wait for them or proceed without one with a reason"
        )
    b.add(ev.ProposalAdopted)


def _draft_arrangement(b: _Builder, c: cmd.DraftArrangement) -> None:
    s = b.state
    if s.phase not in (Phase.ARRANGEMENT, Phase.PROCESS_AGREEMENT):
        raise InvalidTransition(
            f"an arrangement is drafted after the voorstel is adopted; now: {s.phase}"
        )
    ids = [a.id for a in c.agreements]
    if len(ids) != len(set(ids)):
        raise DomainError("every afspraak needs its own id")
    text_hash = Arrangement.hash_text(c.text, c.agreements)
    if (
        s.arrangement is not None
        and s.arrangement.text_hash == text_hash
        and not s.arrangement_refused
    ):
        raise DomainError("this text is already the current draft")
    b.add(ev.ArrangementDrafted, text=c.text, agreements=c.agreements, text_hash=text_hash)


def _signable(s: ProvinceJourney, signatory_id: str) -> Any:
    signatory = next((x for x in s.signatories if x.id == signatory_id), None)
    if signatory is None:
        names = ", ".join(x.id for x in s.signatories)
        raise NotAuthorized(f"{signatory_id!r} is not a signatory of this arrangement ({names})")
    if s.arrangement is None or s.phase is not Phase.ARRANGEMENT:
        raise InvalidTransition(f"there is no arrangement to sign (phase: {s.phase})")
    if s.arrangement.signed:
        raise InvalidTransition("the arrangement is signed and can no longer change")
    if s.arrangement_refused:
        raise InvalidTransition("the arrangement was refused; a new text must be drafted first")
    return signatory


def _sign(b: _Builder, c: cmd.SignArrangement) -> None:
    signatory = _signable(b.state, c.signatory)
    arrangement = b.state.arrangement
    assert arrangement is not None
    if any(x.signatory == c.signatory for x in arrangement.signatures):
        raise DomainError(f"{c.signatory} already signed this arrangement")
    if c.text_hash != arrangement.text_hash:
        raise DomainError(
            f"signature on an outdated text: signed {c.text_hash[:12]}…, "
            f"current text is {arrangement.text_hash[:12]}…"
        )
    signature = Signature(
        signatory=signatory.id,
        role=signatory.role,
        side=signatory.side,
        actor=c.actor,
        text_hash=c.text_hash,
        signed_at=b.now,
    )
    b.add(ev.ArrangementSigned, signature=signature)
    signed_by = {x.signatory for x in b.state.arrangement.signatures}  # type: ignore[union-attr]
    if all(x.id in signed_by for x in b.state.signatories):
        b.add(ev.ArrangementConcluded, text_hash=arrangement.text_hash)


def _refuse(b: _Builder, c: cmd.RefuseArrangement) -> None:
    _signable(b.state, c.signatory)
    b.add(ev.ArrangementRefused, signatory=c.signatory, reason=c.reason)


def _withdraw(b: _Builder, c: cmd.WithdrawSignature) -> None:
    _signable(b.state, c.signatory)
    arrangement = b.state.arrangement
    assert arrangement is not None
    if not any(x.signatory == c.signatory for x in arrangement.signatures):
        raise DomainError(f"{c.signatory} has not signed; nothing to withdraw")
    b.add(ev.SignatureWithdrawn, signatory=c.signatory, reason=c.reason)


def _process_agreement(b: _Builder, c: cmd.ConcludeProcessAgreement) -> None:
    if b.state.phase is not Phase.ARRANGEMENT:
        raise InvalidTransition(
            f"a procesafspraak replaces an unsigned arrangement; now: {b.state.phase}"
        )
    agreement = ProcessAgreement(
        text=c.text, reason=c.reason, concluded_by=c.actor, concluded_at=b.now
    )
    b.add(ev.ProcessAgreementConcluded, agreement=agreement)


def _start_amendment(b: _Builder, c: cmd.StartAmendment) -> None:
    if b.state.phase is not Phase.SIGNED:
        raise InvalidTransition(f"only a signed arrangement can be amended; now: {b.state.phase}")
    b.add(ev.AmendmentStarted, round=b.state.round + 1, reason=c.reason, due=c.due)


_HANDLERS: dict[type[Command], Callable[[_Builder, Any], None]] = {
    cmd.AddTask: _add_task,
    cmd.ReclassifyTask: _reclassify,
    cmd.SubmitDraft: _submit_draft,
    cmd.SubmitReview: _submit_review,
    RaiseFriction: _raise_friction,
    ChangeFriction: _change_friction,
    cmd.CloseCheckpoint: _close_checkpoint,
    MoveDueDate: move_due_date,
    IssueReminder: issue_reminder,
    MarkOverdue: mark_overdue,
    RecordEscalationDecision: record_escalation_decision,
    ChangeEscalationLadder: change_escalation_ladder,
    cmd.SubmitProposal: _submit_proposal,
    cmd.DeliverPerspective: _deliver_perspective,
    cmd.WaivePerspective: _waive_perspective,
    cmd.AdoptProposal: _adopt_proposal,
    cmd.DraftArrangement: _draft_arrangement,
    cmd.SignArrangement: _sign,
    cmd.RefuseArrangement: _refuse,
    cmd.WithdrawSignature: _withdraw,
    cmd.ConcludeProcessAgreement: _process_agreement,
    cmd.StartAmendment: _start_amendment,
}
