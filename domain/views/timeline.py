"""Planned against actual: each deadline's first plan, due date, completion (its effective
moment) and moves."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from domain.area import targets as area
from domain.province import targets as province
from domain.shared.deadlines import TargetEvents
from domain.shared.events import DueDateMoved, Event

ROOMS: tuple[TargetEvents, ...] = (province, area)
"""The processes with deadlines; each says which event plans, completes and reopens which."""


def planned_against_actual(events: Iterable[Event]) -> list[dict[str, Any]]:
    """One row per deadline in the order planned: its first plan, its due date now, when it
    was done (the effective moment of the event that completed it; None: not yet), and how
    often it moved."""
    rows: dict[str, dict[str, Any]] = {}
    for e in events:
        for room in ROOMS:
            _follow(rows, room, e)
        if isinstance(e, DueDateMoved) and e.target in rows:
            rows[e.target]["due"] = e.due
            rows[e.target]["moves"] += 1
    return list(rows.values())


def timeline(events: Iterable[Event], now: datetime) -> list[dict[str, Any]]:
    """One row per deadline: planned, due, done (or None), overdue now, moved how often."""
    rows = planned_against_actual(events)
    for row in rows:
        end = row["done"] or now
        row["overdue"] = end > row["due"]
    return rows


def _follow(rows: dict[str, dict[str, Any]], room: TargetEvents, e: Event) -> None:
    """What one event means for the rows, as one process's deadlines read it."""
    for target, due in room.planned(e):
        key = str(target)
        rows[key] = {"target": key, "planned": due, "due": due, "done": None, "moves": 0}
    done = room.completes(e)
    row = rows.get(str(done)) if done is not None else None
    if row is not None and row["done"] is None:
        row["done"] = e.occurred_at
    reopened = room.reopens(e)
    row = rows.get(str(reopened[0])) if reopened is not None else None
    if reopened is not None and row is not None:
        row["done"] = None
        if reopened[1] is not None:
            row["due"] = reopened[1]
