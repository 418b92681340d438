"""Prognose: a projected date for every pending milestone, with the basis it was computed from."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from statistics import median
from typing import Any

from pydantic import Field

from domain.shared.base import Frozen

OWN_SLIP = "eigen uitloop"
TREND = "landelijke trend"
PLAN = "plan"
CRITICAL_PATH = "kritiek pad"
AGENDA = "uitvoeringsagenda"


class Trend(Frozen):
    """The programme's slip so far: the median days late of every milestone reached, per
    milestone and overall, and how many reached milestones it rests on."""

    per_target: dict[str, int] = Field(default_factory=dict)
    overall: int | None = None
    samples: int = 0


class Projection(Frozen):
    """One pending milestone: its first plan, its due date, the projected date and why."""

    target: str
    planned: date
    due: date
    projected: date
    basis: str
    slip_days: int
    samples: int
    not_reached_by: date | None = None
    """Set when the milestone was still open on the forecast's day, later than projected."""

    @property
    def basis_text(self) -> str:
        """The basis in words, as the board and the report show it."""
        text = f"{self.basis}: {self.slip_days:+d} dagen"
        if self.basis == TREND:
            text += f" (mediaan van {self.samples} bereikte mijlpalen)"
        if self.not_reached_by is not None:
            text += f"; op {self.not_reached_by:%d-%m-%Y} nog niet bereikt"
        return text


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def slip_of(row: Mapping[str, Any]) -> int | None:
    """Days between a reached milestone's first plan and the day it was reached."""
    if row.get("done") is None:
        return None
    return (_day(row["done"]) - _day(row["planned"])).days


def programme_trend(timelines: Iterable[Sequence[Mapping[str, Any]]]) -> Trend:
    """The median slip of every reached milestone of every process, per milestone and overall."""
    per: dict[str, list[int]] = {}
    for rows in timelines:
        for row in rows:
            slip = slip_of(row)
            if slip is not None:
                per.setdefault(str(row["target"]), []).append(slip)
    every = [s for slips in per.values() for s in slips]
    return Trend(
        per_target={t: round(median(s)) for t, s in per.items()},
        overall=round(median(every)) if every else None,
        samples=len(every),
    )


def _slip(
    rows: Sequence[Mapping[str, Any]], target: str, trend: Trend | None
) -> tuple[int, str, int]:
    """The slip to project with: the process's own latest, else the programme's, else none."""
    reached = sorted((r for r in rows if r.get("done") is not None), key=lambda r: r["done"])
    if reached:
        return slip_of(reached[-1]) or 0, OWN_SLIP, len(reached)
    if trend is not None and target in trend.per_target:
        return trend.per_target[target], TREND, trend.samples
    if trend is not None and trend.overall is not None:
        return trend.overall, TREND, trend.samples
    return 0, PLAN, 0


def forecast(
    rows: Sequence[Mapping[str, Any]],
    today: date,
    trend: Trend | None = None,
    agenda: tuple[date, date] | None = None,
) -> list[Projection]:
    """Projected dates of the pending milestones of one process (timeline rows: target, planned,
    due, done): the first plan moved by the slip shown so far, never before the agreed due date
    nor before today, and each milestone at least its planned distance after the one before;
    an area's uitvoeringsagenda (``agenda``: its planned end and the finish of its critical path,
    which reckons with late actions) finishes where its critical path does."""
    ordered = sorted(rows, key=lambda r: _day(r["planned"]))
    out: list[Projection] = []
    previous: tuple[date, date] | None = None  # (planned, projected) of the milestone before
    for row in ordered:
        planned, due = _day(row["planned"]), _day(row["due"])
        if row.get("done") is not None:
            previous = (planned, _day(row["done"]))
            continue
        slip, basis, samples = _slip(ordered, str(row["target"]), trend)
        projected = max(planned + timedelta(days=slip), due)
        if previous is not None:
            projected = max(projected, previous[1] + (planned - previous[0]))
        late_today = projected < today
        projected = max(projected, today)
        out.append(
            Projection(
                target=str(row["target"]),
                planned=planned,
                due=due,
                projected=projected,
                basis=basis,
                slip_days=slip,
                samples=samples,
                not_reached_by=today if late_today else None,
            )
        )
        previous = (planned, projected)
    if agenda is not None:
        out.append(_agenda(*agenda, today))
    return out


def _agenda(planned_end: date, finish: date, today: date) -> Projection:
    projected = max(finish, today)
    return Projection(
        target=AGENDA,
        planned=planned_end,
        due=planned_end,
        projected=projected,
        basis=CRITICAL_PATH,
        slip_days=(projected - planned_end).days,
        samples=0,
        not_reached_by=today if finish < today else None,
    )
