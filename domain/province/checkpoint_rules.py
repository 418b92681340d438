"""Rules of a journey's ijkmomenten: drafts, reviews, schuurpunten, passing or closing."""

from __future__ import annotations

from datetime import timedelta

from domain.province import commands as cmd
from domain.province import events as ev
from domain.province.models import CheckpointState
from domain.province.state import ProvinceJourney
from domain.shared.commands import ChangeFriction, RaiseFriction, RecordEscalationDecision
from domain.shared.errors import DomainError, InvalidTransition, NotAuthorized, UnknownReference
from domain.shared.events import FrictionRaised
from domain.shared.models import Friction, Review
from domain.shared.models import ReviewOutcome as Outcome
from domain.shared.rules import (
    Builder,
    change_friction,
    next_friction_id,
    raise_friction,
    record_escalation_decision,
)

_Builder = Builder[ProvinceJourney]


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


def _waiting(s: ProvinceJourney, cp: CheckpointState) -> str:
    """Why an ijkmoment whose reviews are all in has not passed: its open schuurpunten."""
    open_ids = ", ".join(f.id for f in s.open_frictions(cp.number)) or "none"
    return (
        f"every party asked has reviewed draft {cp.draft_no} of ijkmoment {cp.number}; it waits "
        f"for its open schuurpunten ({open_ids}) to be resolved or escalated and decided"
    )


def submit_draft(b: _Builder, c: cmd.SubmitDraft) -> None:
    cp = _checkpoint(b.state, c.checkpoint)
    if cp.status == "blocked":
        raise InvalidTransition(_waiting(b.state, cp) + ", not for a new draft")
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


def submit_review(b: _Builder, c: cmd.SubmitReview) -> None:
    cp = _checkpoint(b.state, c.checkpoint)
    if cp.status == "blocked":
        raise InvalidTransition(_waiting(b.state, cp) + ", not for another review")
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


def raise_checkpoint_friction(b: _Builder, c: RaiseFriction) -> None:
    if c.checkpoint is not None:
        _checkpoint(b.state, c.checkpoint)
    raise_friction(b, c)


def change_checkpoint_friction(b: _Builder, c: ChangeFriction) -> None:
    friction = change_friction(b, c)
    if friction.checkpoint is not None:
        _settle_checkpoint(b, friction.checkpoint)


def record_checkpoint_escalation_decision(b: _Builder, c: RecordEscalationDecision) -> None:
    """An escalation's decision, and the ijkmoment its schuurpunt held passes if nothing else
    holds it."""
    record_escalation_decision(b, c)
    friction = b.state.friction(c.friction_id) if c.friction_id else None
    if c.settles_checkpoint and friction is not None and friction.checkpoint is not None:
        _settle_checkpoint(b, friction.checkpoint)


def close_checkpoint(b: _Builder, c: cmd.CloseCheckpoint) -> None:
    _checkpoint(b.state, c.checkpoint)
    b.add(ev.CheckpointClosed, checkpoint=c.checkpoint, decision=c.decision, reason=c.reason)
