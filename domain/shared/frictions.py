"""Schuurpunten as their users read them: every one, open or decided, with its whole history."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from domain.shared.models import Friction


def frictions_by_theme(frictions: Iterable[Friction]) -> dict[str, dict[str, int]]:
    """How many schuurpunten touch each national programme: open ones and all."""
    counts: dict[str, dict[str, int]] = {}
    for f in frictions:
        count = counts.setdefault(f.theme, {"open": 0, "all": 0})
        count["all"] += 1
        count["open"] += int(f.is_open)
    return dict(sorted(counts.items()))


def frictions_view(frictions: Iterable[Friction]) -> list[dict[str, Any]]:
    """Every schuurpunt in the order raised: its status (``besloten`` stays), who raised it,
    and each step of its history."""
    return [
        {
            "id": f.id,
            "description": f.description,
            "raised_by": f.raised_by,
            "checkpoint": f.checkpoint,
            "theme": f.theme,
            "status": f.status.value,
            "open": f.is_open,
            "history": [
                {
                    "status": step.status.value,
                    "actor": step.actor,
                    "at": step.at.isoformat(),
                    "note": step.note,
                }
                for step in f.history
            ],
        }
        for f in frictions
    ]
