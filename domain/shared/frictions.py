"""Schuurpunten as their users read them: every one, open or decided, with its whole history."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from domain.shared.models import Friction


def frictions_view(frictions: Iterable[Friction]) -> list[dict[str, Any]]:
    """Every schuurpunt in the order raised: its status (``besloten`` stays), who raised it,
    and each step of its history."""
    return [
        {
            "id": f.id,
            "description": f.description,
            "raised_by": f.raised_by,
            "checkpoint": f.checkpoint,
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
