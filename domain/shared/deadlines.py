"""When the next reminder or overdue moment of a journey falls: the workflow's timer schedule."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Literal, Protocol

from domain.shared.base import Frozen
from domain.shared.commands import Command, IssueReminder, MarkOverdue
from domain.shared.effective import Clock
from domain.shared.events import Event
from domain.shared.ids import Target
from domain.shared.state import Deadline


class Alarm(Frozen):
    """A moment at which the process must act by itself."""

    at: datetime
    target: str
    kind: Literal["reminder", "overdue"]

    def command(self, actor: str = "novex") -> Command:
        """The command the process gives itself when the alarm goes off."""
        if self.kind == "reminder":
            return IssueReminder(actor=actor, target=self.target)
        return MarkOverdue(actor=actor, target=self.target)


class TargetEvents(Protocol):
    """Which event plans, completes or reopens which deadline of a process (its targets module)."""

    def planned(self, event: Event) -> list[tuple[Target, datetime]]: ...
    def completes(self, event: Event) -> Target | None: ...
    def reopens(self, event: Event) -> tuple[Target, datetime | None] | None: ...


class HasDeadlines(Protocol):
    """A process whose live deadlines, reminder lead time and effective clock are known."""

    @property
    def active_deadlines(self) -> tuple[Deadline, ...]: ...
    @property
    def reminder_lead_days(self) -> int: ...
    @property
    def clock(self) -> Clock: ...


def next_alarm(state: HasDeadlines) -> Alarm | None:
    """The earliest pending reminder or overdue moment over every live deadline. A deadline
    that fell due before the process last recorded a command dated in the past belongs to
    the history being entered: no timer judges it (the next command records it as missed,
    domain.shared.catching_up)."""
    lead = timedelta(days=state.reminder_lead_days)
    history = state.clock.dated_until
    candidates: list[Alarm] = []
    for deadline in state.active_deadlines:
        if history is not None and deadline.due <= history:
            continue
        if not deadline.reminded and not deadline.overdue and lead:
            candidates.append(
                Alarm(at=deadline.due - lead, target=deadline.target, kind="reminder")
            )
        if not deadline.overdue:
            candidates.append(Alarm(at=deadline.due, target=deadline.target, kind="overdue"))
    return min(candidates, key=lambda a: (a.at, a.kind == "overdue"), default=None)


def deadline_alarm(state: HasDeadlines) -> tuple[datetime, Command] | None:
    """When a process with deadlines must act by itself next, and the command it gives itself."""
    upcoming = next_alarm(state)
    return (upcoming.at, upcoming.command()) if upcoming else None


def deadline_summary(state: HasDeadlines) -> dict[str, object]:
    """The next due date, the next moment the process acts by itself, what is overdue, and
    every live deadline (for the task lists: what falls due soon)."""
    live = state.active_deadlines
    next_due = min((d for d in live if not d.overdue), key=lambda d: d.due, default=None)
    alarm = next_alarm(state)
    return {
        "next_due": {"target": next_due.target, "due": next_due.due.isoformat()}
        if next_due
        else None,
        "next_alarm": alarm.at.isoformat() if alarm else None,
        "overdue": [d.target for d in live if d.overdue],
        "deadlines": [
            {"target": d.target, "due": d.due.isoformat(), "overdue": d.overdue}
            for d in sorted(live, key=lambda d: d.due)
        ],
    }
