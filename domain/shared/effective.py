"""Effective dates: when something took effect (``occurred_on``), beside when novex recorded it;
the rules a dated command meets, and the clock each process keeps of its effective time.

An event's ``occurred_at`` is the moment it took effect and ``occurred_on`` that moment's date
in the programme's calendar (Dutch time). A command without ``occurred_on`` (or dated today)
takes effect when it is decided; one dated earlier takes effect at the start of that day. Dates
are never in the future, and never before the process's last effective date unless the command
is a correction with a reason (``correction_reason``, recorded on its events).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from domain.shared.base import Frozen
from domain.shared.errors import DomainError

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
"""The programme's calendar: a date means a day in Dutch time."""

MACHINERY = frozenset({"ProcessStuck", "ProcessResumed"})
"""Events about novex itself (not the programme): they do not move a process's effective clock."""


class FutureDate(DomainError):
    """A command dated after today."""


class BackdatedWithoutReason(DomainError):
    """A command dated before the process's last effective date without a correction reason."""


class NothingToCorrect(DomainError):
    """A correction reason on a command that is not dated before the last effective date."""


class BeforeTheStart(DomainError):
    """A correction dated before the process began."""


def day_of(moment: datetime) -> date:
    """The calendar date of a moment, in Dutch time."""
    return moment.astimezone(AMSTERDAM).date()


def start_of(day: date) -> datetime:
    """The first moment of a day, in Dutch time."""
    return datetime.combine(day, time(0), tzinfo=AMSTERDAM)


class Dated(Protocol):
    """An event as the clock reads it."""

    @property
    def type(self) -> str: ...
    @property
    def occurred_at(self) -> datetime: ...
    @property
    def occurred_on(self) -> date: ...
    @property
    def decided_at(self) -> datetime | None: ...


def effective_date(event: Dated) -> date:
    """The date an event took effect (old events: the date they were recorded on)."""
    return event.occurred_on


class Clock(Frozen):
    """What a process knows of its effective time: when it began, the latest moment any of
    its events took effect, and when it last recorded a command dated in the past."""

    first: datetime | None = None
    last: datetime | None = None
    dated_until: datetime | None = None
    """The moment novex last recorded a command dated in the past: deadlines that fell due
    before it belong to the history being entered; the process's timers leave them alone."""

    def after(self, event: Dated) -> Clock:
        """The clock once this event is recorded."""
        if event.type in MACHINERY:
            return self
        at, dated, until = event.occurred_at, event.decided_at, self.dated_until
        if dated is not None:
            until = max(until, dated) if until else dated
        last = max(self.last, at) if self.last else at
        return Clock(first=self.first or at, last=last, dated_until=until)

    @property
    def last_date(self) -> date | None:
        return day_of(self.last) if self.last else None


@dataclass(frozen=True)
class Moment:
    """When one command takes effect: ``at``; ``decided_at`` when it is dated in the past (the
    moment novex decided it); the reason when it corrects the past."""

    at: datetime
    decided_at: datetime | None = None
    correction: str | None = None

    @property
    def dated(self) -> bool:
        """Whether the command is dated in the past."""
        return self.decided_at is not None

    def stamp(self) -> dict[str, Any]:
        """The time fields of an event taking effect at this moment."""
        return {
            "occurred_at": self.at,
            "occurred_on": day_of(self.at),
            "decided_at": self.decided_at,
            "correction_reason": self.correction,
        }


def effective_moment(clock: Clock, command: Any, now: datetime) -> Moment:
    """When a command takes effect, or a DomainError naming the rule its date breaks."""
    on: date | None = getattr(command, "occurred_on", None)
    reason: str | None = getattr(command, "correction_reason", None)
    today = day_of(now)
    last = clock.last_date
    if on is not None and on > today:
        raise FutureDate(f"occurred_on {on} lies in the future: today is {today}")
    correcting = on is not None and last is not None and on < last
    if reason and not correcting:
        raise NothingToCorrect(
            f"a correction_reason goes with a date before this process's last effective date "
            f"({last or 'none yet'}); {on or today} is not"
        )
    if on is None or on == today:
        return Moment(at=now)
    if correcting and not reason:
        raise BackdatedWithoutReason(
            f"occurred_on {on} lies before this process's last effective date {last}: "
            "a date that far back is a correction and needs a correction_reason"
        )
    if correcting and clock.first is not None and on < day_of(clock.first):
        raise BeforeTheStart(f"occurred_on {on} lies before this process began ({clock.first})")
    at = start_of(on)
    if not correcting and clock.last is not None and clock.last > at:
        at = clock.last  # the same day as the last event: after it, so the order holds
    return Moment(at=at, decided_at=now, correction=reason)
