"""A journey's deadlines: what each is for, which event plans it, which completes or reopens it."""

from __future__ import annotations

from datetime import datetime

from domain.province import events as ev
from domain.shared.events import Event
from domain.shared.ids import Target

CHECKPOINT = "ijkmoment"
VOORSTEL = Target("voorstel")
ARRANGEMENT = Target("arrangement")


def checkpoint_target(number: int) -> Target:
    """The deadline of an ijkmoment: ``ijkmoment-2``."""
    return Target(CHECKPOINT, number)


def planned(event: Event) -> list[tuple[Target, datetime]]:
    """The deadlines an event plans, with their due dates: a journey's start plans them all."""
    if not isinstance(event, ev.JourneyStarted):
        return []
    return [
        *((checkpoint_target(c.number), c.due) for c in event.checkpoints),
        (VOORSTEL, event.proposal_due),
        (ARRANGEMENT, event.arrangement_due),
    ]


def completes(event: Event) -> Target | None:
    """The deadline an event completes, if any."""
    match event:
        case ev.CheckpointPassed() | ev.CheckpointClosed():
            return checkpoint_target(event.checkpoint)
        case ev.ProposalAdopted():
            return VOORSTEL
        case ev.ArrangementConcluded() | ev.ProcessAgreementConcluded():
            return ARRANGEMENT
    return None


def reopens(event: Event) -> tuple[Target, datetime | None] | None:
    """The deadline an event opens again, with its new due date (None: the old one stays)."""
    if isinstance(event, ev.AmendmentStarted):
        return ARRANGEMENT, event.due
    return None
