"""A process's milestones, planned against actual (effective) dates, and how late they are — the
basis of the slip report and of any forecast. Dates are days in the programme's calendar."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from statistics import median

from domain.shared.base import Frozen
from domain.shared.effective import day_of
from domain.shared.events import Event
from domain.views.timeline import planned_against_actual

DAYS_PER_MONTH = 365.25 / 12


class Milestone(Frozen):
    """One milestone (a deadline's target: ``ijkmoment-2``, ``voorstel``, ``ijkpunt-1``): the
    date first planned, the date due now, the date it was reached (effective; None: not yet)
    and how often its due date moved."""

    target: str
    planned: date
    due: date
    actual: date | None = None
    moves: int = 0

    def days_late(self, today: date) -> int:
        """Days past the first plan: when it was reached, or (not yet reached) by ``today``;
        negative when early. A milestone not reached and not yet due is not late (0)."""
        if self.actual is not None:
            return (self.actual - self.planned).days
        return max((today - self.planned).days, 0)

    def months_late(self, today: date) -> float:
        """``days_late`` in months (of 365.25 / 12 days), to one decimal."""
        return round(self.days_late(today) / DAYS_PER_MONTH, 1)


def milestones(events: Iterable[Event]) -> list[Milestone]:
    """A process's milestones, planned against actual, in the order planned (its events in
    stream order, in today's shape)."""
    return [
        Milestone(
            target=row["target"],
            planned=day_of(row["planned"]),
            due=day_of(row["due"]),
            actual=day_of(row["done"]) if row["done"] is not None else None,
            moves=row["moves"],
        )
        for row in planned_against_actual(events)
    ]


def median_months_late(reached: Sequence[Milestone]) -> float | None:
    """The median months late of milestones reached (None when none was), to one decimal."""
    days = [m.days_late(m.actual) for m in reached if m.actual is not None]
    return round(median(days) / DAYS_PER_MONTH, 1) if days else None
