"""Rules of the ruimtelijk voorstel: submitting it, the perspectives it waits for, adopting it."""

from __future__ import annotations

from domain.province import commands as cmd
from domain.province import events as ev
from domain.province.models import Phase
from domain.province.state import ProvinceJourney
from domain.shared.errors import AlreadyDone, DomainError, InvalidTransition, UnknownReference
from domain.shared.rules import Builder

_Builder = Builder[ProvinceJourney]


def submit_proposal(b: _Builder, c: cmd.SubmitProposal) -> None:
    s = b.state
    if s.proposal.adopted:
        raise InvalidTransition(
            f"the ruimtelijk voorstel was adopted on {s.proposal.adopted_at}; no further submission"
        )
    if s.phase is not Phase.PROPOSAL:
        raise InvalidTransition(
            f"the voorstel comes after the last ijkmoment ({len(s.checkpoints)}); now: {s.phase}"
        )
    unknown = [a for a in c.builds_on if a not in s.areas]
    if unknown:
        raise UnknownReference(
            f"the voorstel builds on areas outside {s.province}: {', '.join(unknown)}"
        )
    b.add(
        ev.ProposalSubmitted, document_ref=c.document_ref, summary=c.summary, builds_on=c.builds_on
    )


def deliver_perspective(b: _Builder, c: cmd.DeliverPerspective) -> None:
    if c.area not in b.state.areas:
        raise UnknownReference(f"area {c.area!r} does not lie in {b.state.province}")
    if b.state.delivered.get(c.area) == c.document_ref:
        raise AlreadyDone(f"the perspective of {c.area} ({c.document_ref}) was already delivered")
    b.add(ev.PerspectiveDelivered, area=c.area, document_ref=c.document_ref)


def waive_perspective(b: _Builder, c: cmd.WaivePerspective) -> None:
    if c.area not in b.state.proposal.builds_on:
        raise UnknownReference(f"the voorstel does not build on area {c.area!r}")
    if c.area in b.state.delivered:
        raise DomainError(f"the perspective of {c.area} was delivered; nothing to waive")
    if c.area in b.state.waived:
        raise DomainError(f"the perspective of {c.area} was already waived")
    b.add(ev.PerspectiveWaived, area=c.area, reason=c.reason)


def adopt_proposal(b: _Builder, c: cmd.AdoptProposal) -> None:
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
