"""An area's deadlines: what each is for, which event plans it, which completes or reopens it."""

from __future__ import annotations

from datetime import datetime

from domain.area import events as ae
from domain.shared.events import Event
from domain.shared.ids import Target

CHECKPOINT = "ijkpunt"
PERSPECTIVE = Target("ontwikkelperspectief")


def checkpoint_target(number: int) -> Target:
    """The deadline of an area's ijkpunt: ``ijkpunt-1``."""
    return Target(CHECKPOINT, number)


def planned(event: Event) -> list[tuple[Target, datetime]]:
    """The deadlines an event plans, with their due dates: an area's start plans them all."""
    if not isinstance(event, ae.AreaStarted):
        return []
    deadlines = [(checkpoint_target(c.number), c.due) for c in event.checkpoints]
    if event.perspective_due is not None:
        deadlines.append((PERSPECTIVE, event.perspective_due))
    return deadlines


def completes(event: Event) -> Target | None:
    """The deadline an event completes, if any."""
    match event:
        case ae.CheckpointReached():
            return checkpoint_target(event.checkpoint)
        case ae.PerspectiveAdopted():
            return PERSPECTIVE
    return None


def reopens(event: Event) -> tuple[Target, datetime | None] | None:
    """An area's deadlines, once complete, stay complete."""
    return None
