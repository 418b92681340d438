"""A process that cannot do its own work says so (``vastgelopen``), and says when it carries on."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from domain.shared import events as ev
from domain.shared.ids import NewId
from domain.shared.state import Stuck


def stuck_after(e: ev.ProcessStuck | ev.ProcessResumed) -> Stuck | None:
    """Whether a process is stuck after one of these events (every kind of process)."""
    if isinstance(e, ev.ProcessStuck):
        return Stuck(operation=e.operation, cause=e.cause, since=e.since)
    return None


def stuck_events(
    state: Any, stuck: Stuck, *, now: datetime, new_id: NewId, actor: str
) -> list[ev.Event]:
    """The event that says the process is stuck (none when it says so already)."""
    if state.stuck is not None:
        return []
    return [
        ev.ProcessStuck(
            event_id=new_id(),
            occurred_at=now,
            actor=actor,
            operation=stuck.operation,
            cause=stuck.cause,
            since=stuck.since,
        )
    ]


def resumed_events(state: Any, *, now: datetime, new_id: NewId, actor: str) -> list[ev.Event]:
    """The event that says the process carries on (none when it is not stuck)."""
    stuck: Stuck | None = state.stuck
    if stuck is None:
        return []
    return [
        ev.ProcessResumed(
            event_id=new_id(),
            occurred_at=now,
            actor=actor,
            operation=stuck.operation,
            stuck_since=stuck.since,
        )
    ]
