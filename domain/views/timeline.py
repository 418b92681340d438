"""Planned against actual: every deadline of a process with its first planned date, its"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from domain.area import events as ae
from domain.province import events as ev
from domain.shared.events import DueDateMoved, Event

_DONE = {
    "CheckpointPassed": lambda e: f"ijkmoment-{e.checkpoint}",
    "CheckpointClosed": lambda e: f"ijkmoment-{e.checkpoint}",
    "ProposalAdopted": lambda e: "voorstel",
    "ArrangementConcluded": lambda e: "arrangement",
    "ProcessAgreementConcluded": lambda e: "arrangement",
    "CheckpointReached": lambda e: f"ijkpunt-{e.checkpoint}",
    "PerspectiveAdopted": lambda e: "ontwikkelperspectief",
}


def timeline(events: Iterable[Event], now: datetime) -> list[dict[str, Any]]:
    """One row per deadline: planned, due, done (or None), overdue now, moved how often."""
    rows: dict[str, dict[str, Any]] = {}

    def plan(target: str, due: datetime) -> None:
        rows[target] = {"target": target, "planned": due, "due": due, "done": None, "moves": 0}

    for e in events:
        if isinstance(e, ev.JourneyStarted):
            for c in e.checkpoints:
                plan(f"ijkmoment-{c.number}", c.due)
            plan("voorstel", e.proposal_due)
            plan("arrangement", e.arrangement_due)
        elif isinstance(e, ae.AreaStarted):
            for c in e.checkpoints:
                plan(f"ijkpunt-{c.number}", c.due)
            if e.perspective_due is not None:
                plan("ontwikkelperspectief", e.perspective_due)
        elif isinstance(e, DueDateMoved) and e.target in rows:
            rows[e.target]["due"] = e.due
            rows[e.target]["moves"] += 1
        elif e.type in _DONE:
            target = _DONE[e.type](e)
            if target in rows and rows[target]["done"] is None:
                rows[target]["done"] = e.occurred_at
        elif isinstance(e, ev.AmendmentStarted) and "arrangement" in rows:
            rows["arrangement"]["done"] = None
            if e.due is not None:
                rows["arrangement"]["due"] = e.due
    for row in rows.values():
        end = row["done"] or now
        row["overdue"] = end > row["due"]
    return list(rows.values())
