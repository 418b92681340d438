"""Rules of the ontwikkelperspectief: drafting, reviewing, adopting, ijkpunten, delivery."""

from __future__ import annotations

from datetime import timedelta

from domain.area import commands as ac
from domain.area import events as ae
from domain.area.state import AreaPhase, AreaProcess
from domain.shared import events as ev
from domain.shared.errors import (
    AlreadyDone,
    DomainError,
    InvalidTransition,
    NotAuthorized,
    UnknownReference,
)
from domain.shared.models import Friction, Review
from domain.shared.models import ReviewOutcome as Outcome
from domain.shared.rules import Builder, next_friction_id

_Builder = Builder[AreaProcess]


def draft_perspective(b: _Builder, c: ac.DraftPerspective) -> None:
    s = b.state
    if s.phase is AreaPhase.ADOPTED:
        raise InvalidTransition(
            f"the ontwikkelperspectief of {s.name} is adopted (version {s.adopted_version}) and "
            "is not drafted again"
        )
    if s.phase is AreaPhase.IN_REVIEW and s.missing_reviews:
        raise InvalidTransition(
            f"version {s.current.version if s.current else 0} is still in review; "
            f"waiting for {', '.join(s.missing_reviews)}"
        )
    version = (s.current.version if s.current else 0) + 1
    b.add(
        ae.PerspectiveDrafted,
        version=version,
        document_ref=c.document_ref,
        summary=c.summary,
        readiness=c.readiness,
    )
    b.add(
        ae.PerspectiveReviewRequested,
        version=version,
        parties=s.review_parties,
        respond_by=b.now + timedelta(days=s.review_days),
    )


def review_perspective(b: _Builder, c: ac.ReviewPerspective) -> None:
    s = b.state
    if s.phase is not AreaPhase.IN_REVIEW or s.current is None:
        raise InvalidTransition(f"there is no ontwikkelperspectief in review ({s.phase.value})")
    if c.party not in s.requested:
        raise NotAuthorized(
            f"{c.party!r} is not a partner of {s.name}; partners: {', '.join(s.requested)}"
        )
    if any(r.party == c.party for r in s.reviews):
        raise DomainError(f"{c.party!r} already reviewed version {s.current.version}")
    friction_id = None
    if c.outcome is Outcome.FRICTION:
        if not c.remarks.strip():
            raise DomainError("a schuurpunt needs a description in the remarks")
        friction_id = next_friction_id(s)
    review = Review(
        party=c.party,
        outcome=c.outcome,
        remarks=c.remarks,
        actor=c.actor,
        submitted_at=b.now,
        friction_id=friction_id,
    )
    b.add(ae.PerspectiveReviewed, version=s.current.version, review=review)
    if friction_id is not None:
        b.add(
            ev.FrictionRaised,
            friction=Friction(id=friction_id, description=c.remarks, raised_by=c.party),
        )


def adopt_perspective(b: _Builder, c: ac.AdoptPerspective) -> None:
    s = b.state
    if s.phase is AreaPhase.ADOPTED:
        raise InvalidTransition(
            f"the ontwikkelperspectief of {s.name} is already adopted (version {s.adopted_version})"
        )
    if s.phase is not AreaPhase.IN_REVIEW or s.current is None:
        raise InvalidTransition(f"there is no ontwikkelperspectief to adopt ({s.phase.value})")
    if s.missing_reviews:
        raise InvalidTransition(f"reviews still missing: {', '.join(s.missing_reviews)}")
    revise = [r.party for r in s.reviews if r.outcome is Outcome.REVISE]
    if revise:
        raise InvalidTransition(f"asked to revise by {', '.join(revise)}; draft a new version")
    if s.open_frictions():
        ids = ", ".join(f.id for f in s.open_frictions())
        raise InvalidTransition(f"open schuurpunten block adoption: {ids}")
    b.add(
        ae.PerspectiveAdopted,
        version=s.current.version,
        document_ref=s.current.document_ref,
        readiness=s.current.readiness,
    )


def reach_checkpoint(b: _Builder, c: ac.ReachCheckpoint) -> None:
    numbers = [p.number for p in b.state.checkpoints]
    if c.checkpoint not in numbers:
        raise UnknownReference(f"unknown ijkpunt {c.checkpoint}; this area has {numbers}")
    if c.checkpoint in b.state.reached:
        raise InvalidTransition(f"ijkpunt {c.checkpoint} was already reached")
    b.add(ae.CheckpointReached, checkpoint=c.checkpoint, note=c.note)


def confirm_delivery(b: _Builder, c: ac.ConfirmDelivery) -> None:
    s = b.state
    if s.adopted_version is None:
        raise InvalidTransition("nothing to deliver: the ontwikkelperspectief is not adopted")
    if c.province not in s.provinces:
        raise UnknownReference(f"{s.name} does not lie in province {c.province!r}")
    if c.province in s.delivered_to:
        raise AlreadyDone(f"already delivered to {c.province}")
    b.add(ae.PerspectiveDeliveredToProvince, province=c.province, version=s.adopted_version)
