"""What every process state offers its workflow, and what province and area states share."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from domain.shared.base import Frozen
from domain.shared.effective import Clock
from domain.shared.ladder import LadderRung
from domain.shared.models import Friction


class Deadline(Frozen):
    """A due date that is data: it moves by command, and timers follow it."""

    target: str
    due: datetime
    reminded: bool = False
    overdue: bool = False


class Stuck(Frozen):
    """Why and since when a process cannot do its own work (``vastgelopen``)."""

    operation: str
    cause: str
    since: datetime

    def summary(self) -> dict[str, str]:
        """The JSON-ready picture the board shows."""
        return {
            "label": "vastgelopen",
            "operation": self.operation,
            "cause": self.cause,
            "since": self.since.isoformat(),
        }


class Versioned(Protocol):
    """What the state of every process offers its workflow: how many events it has folded,
    and whether it is stuck."""

    @property
    def version(self) -> int: ...
    @property
    def stuck(self) -> Stuck | None: ...


class ProcessState(Frozen):
    """The part of a province's or an area's state that the shared rules work on."""

    version: int = 0
    deadlines: tuple[Deadline, ...] = ()
    reminder_lead_days: int = 0
    review_days: int = 21
    frictions: tuple[Friction, ...] = ()
    escalations_requested: int = 0
    escalation_ladder: tuple[LadderRung, ...] = ()
    escalation_decisions: tuple[str, ...] = ()
    stuck: Stuck | None = None
    clock: Clock = Clock()

    def deadline(self, target: str) -> Deadline | None:
        return next((d for d in self.deadlines if d.target == target), None)

    def friction(self, friction_id: str) -> Friction | None:
        return next((f for f in self.frictions if f.id == friction_id), None)

    def open_frictions(self, checkpoint: int | None = None) -> tuple[Friction, ...]:
        """Schuurpunten not yet resolved or decided (of one ijkmoment, if given)."""
        return tuple(
            f
            for f in self.frictions
            if f.is_open and (checkpoint is None or f.checkpoint == checkpoint)
        )

    def target_done(self, target: str) -> bool:
        """Whether the step a deadline belongs to is complete, so its timers stop."""
        raise NotImplementedError

    @property
    def active_deadlines(self) -> tuple[Deadline, ...]:
        return tuple(d for d in self.deadlines if not self.target_done(d.target))
