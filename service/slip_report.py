"""The slip report of the voortgangsrapportage: per milestone and province (and area), the date
planned against the date reached (effective), the months late, and the national median per
milestone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from domain.views.milestones import Milestone, median_months_late

KINDS = {"province": "provincie", "area": "gebied"}


@dataclass(frozen=True)
class Slip:
    """One milestone of one process: planned, reached (None: not yet), months late."""

    milestone: str
    kind: str
    process: str
    name: str
    planned: date
    actual: date | None
    months_late: float


@dataclass(frozen=True)
class NationalMedian:
    """One milestone over every process of a kind: how many reached it, and their median
    months late (None when none did)."""

    milestone: str
    kind: str
    reached: int
    total: int
    median: float | None


def slips(
    processes: list[tuple[dict[str, Any], list[Milestone]]], today: date
) -> tuple[list[Slip], list[NationalMedian]]:
    """Per milestone, province by province (then area by area), and the national median;
    ``processes``: each status row with its milestones; ``today``: the report's date."""
    order: dict[tuple[str, str], int] = {}
    grouped: dict[tuple[str, str], list[tuple[dict[str, Any], Milestone]]] = {}
    for row, found in processes:
        for m in found:
            key = (row["kind"], m.target)
            order.setdefault(key, len(order))
            grouped.setdefault(key, []).append((row, m))
    keys = sorted(grouped, key=lambda k: (list(KINDS).index(k[0]), order[k]))
    rows, medians = [], []
    for kind, target in keys:
        members = sorted(grouped[(kind, target)], key=lambda p: _name(p[0]))
        rows += [
            Slip(target, kind, r["stream_id"], _name(r), m.planned, m.actual, m.months_late(today))
            for r, m in members
        ]
        reached = [m for _, m in members if m.actual is not None]
        medians.append(
            NationalMedian(target, kind, len(reached), len(members), median_months_late(reached))
        )
    return rows, medians


def _name(row: dict[str, Any]) -> str:
    return str(row["summary"].get("name") or row["subject"])


def _day(value: date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def _months(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}".replace(".", ",")


SLIP_HEAD = ["mijlpaal", "provincie of gebied", "gepland", "werkelijk", "maanden te laat"]
MEDIAN_HEAD = ["mijlpaal", "soort", "bereikt", "landelijke mediaan (maanden te laat)"]


def slip_lines(rows: list[Slip]) -> list[list[str]]:
    """The slip table: a milestone not reached yet reads 'nog niet' and counts its months late
    so far."""
    return [
        [
            s.milestone,
            s.name,
            _day(s.planned),
            _day(s.actual) or "nog niet",
            _months(s.months_late) + ("" if s.actual else " (tot nu)"),
        ]
        for s in rows
    ]


def median_lines(medians: list[NationalMedian]) -> list[list[str]]:
    return [
        [m.milestone, KINDS[m.kind], f"{m.reached} van {m.total}", _months(m.median) or "—"]
        for m in medians
    ]
