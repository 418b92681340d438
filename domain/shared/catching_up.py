"""A process entering its history records the deadlines it missed, each on its due moment:
judged by effective dates, once and deterministically, without a reminder or an escalation
(what was escalated then is part of the history being entered)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from domain.shared import events as ev
from domain.shared.effective import Moment
from domain.shared.state import ProcessState

if TYPE_CHECKING:
    from domain.shared.rules import Builder


def missed_until(state: Any, moment: Moment) -> datetime | None:
    """Up to when a command first records missed deadlines: a command dated in the past, up
    to its own moment; any other command to a process with a dated history, up to when that
    history was recorded; otherwise never (the process's timers judge its deadlines)."""
    if not isinstance(state, ProcessState):
        return None
    if moment.dated:
        return moment.at
    until = state.clock.dated_until
    return min(until, moment.at) if until else None


def catch_up(b: Builder[Any], until: datetime | None) -> None:
    """Record every live deadline that fell due by ``until`` and was not marked as missed, in
    order of due date, each taking effect on its due moment (never before the process's last
    effective moment)."""
    if until is None:
        return
    missed = sorted(
        (d for d in b.state.active_deadlines if not d.overdue and d.due <= until),
        key=lambda d: d.due,
    )
    decided = b.moment.decided_at or b.moment.at
    for deadline in missed:
        last = b.state.clock.last
        at = max(deadline.due, last) if last else deadline.due
        moment = Moment(at=at, decided_at=decided, correction=b.moment.correction)
        b.add_at(moment, ev.DeadlineMissed, target=deadline.target, due=deadline.due)
