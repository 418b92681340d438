"""The escalation ladder as one process carries it: each rung with its members resolved."""

from __future__ import annotations

from typing import Literal

from domain.shared.base import Frozen


class LadderRung(Frozen):
    """One level of the ladder with its members resolved for this process."""

    level: int
    name: str
    kind: Literal["duo", "forum"]
    members: tuple[str, ...]
    decision_days: int
    reminder_days: tuple[int, ...] = ()
