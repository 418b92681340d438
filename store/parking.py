"""Parked projector events: what could not be folded, the events of its stream waiting behind
it, their listing, and trying them again."""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

from pydantic import ValidationError
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from store.eventstore import EVENT_COLUMNS, StoredEvent, row_to_event
from store.projections import StreamView, apply_event, new_view

if TYPE_CHECKING:
    from store.projector import Projector

PARKED_COLUMNS = "name, position, stream_id, event_id, type, attempts, error, blocked_by, parked_at"


@dataclass(frozen=True)
class Parked:
    """An event a projector set aside: it failed ``attempts`` times (with ``error``), or it
    waits behind the parked event at ``blocked_by`` in its stream."""

    projector: str
    position: int
    stream_id: str
    event_id: UUID
    type: str
    attempts: int
    error: str
    blocked_by: int | None = None
    parked_at: datetime | None = None

    @classmethod
    def failed(cls, projector: str, event: StoredEvent, attempts: int, error: str) -> Parked:
        e = event
        return cls(projector, e.position, e.stream_id, e.event_id, e.type, attempts, error)

    @classmethod
    def waiting(cls, projector: str, event: StoredEvent, blocked_by: int) -> Parked:
        reason = f"waits for the parked event at position {blocked_by} of its stream"
        e = event
        return cls(projector, e.position, e.stream_id, e.event_id, e.type, 0, reason, blocked_by)

    def as_row(self) -> dict[str, Any]:
        return {
            "name": self.projector,
            "position": self.position,
            "stream_id": self.stream_id,
            "event_id": self.event_id,
            "type": self.type,
            "attempts": self.attempts,
            "error": self.error,
            "blocked_by": self.blocked_by,
        }


ParkedHook = Callable[[Sequence[Parked]], Awaitable[None]]
"""Called with newly parked events before their parking commits (to raise an alert)."""


class AlertFailed(Exception):
    """The alert about a parked event could not be raised; the parking waits for it."""


TRANSIENT_STATES = ("08", "40", "53", "57")
"""SQLSTATE classes of a lost connection, a conflict, exhaustion or a shutdown: no event's fault."""


def is_transient(exc: BaseException) -> bool:
    """Whether a failure says nothing about the events at hand (retry, never count it)."""
    if isinstance(exc, AlertFailed | OperationalError | InterfaceError | OSError | TimeoutError):
        return True
    if isinstance(exc, DBAPIError):
        state = str(getattr(exc.orig, "sqlstate", "") or getattr(exc.orig, "pgcode", "") or "")
        return exc.connection_invalidated or state.startswith(TRANSIENT_STATES)
    return False


def describe(exc: BaseException) -> str:
    """An error as one line for the parked table (a validation error: each field and what is
    wrong with it), long texts cut."""
    if isinstance(exc, ValidationError):
        said = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
    else:
        said = str(exc)
    line = f"{type(exc).__name__}: {said}".replace("\n", " ")
    return line if len(line) <= 500 else line[:499] + "…"


async def blocked_streams(
    conn: AsyncConnection, projector: str, stream_ids: Sequence[str] | set[str]
) -> dict[str, int]:
    """Per stream with parked events, the position of its first (its later events wait)."""
    rows = await conn.execute(
        text(
            "SELECT stream_id, min(position) FROM novex_projector_parked "
            "WHERE name = :n AND stream_id = ANY(:ids) GROUP BY stream_id"
        ),
        {"n": projector, "ids": list(stream_ids)},
    )
    return {r[0]: int(r[1]) for r in rows.all()}


async def park(conn: AsyncConnection, parked: Sequence[Parked]) -> None:
    """Record parked events (a parked one parked again keeps one row, with its new count)."""
    await conn.execute(
        text(
            "INSERT INTO novex_projector_parked(name, position, stream_id, event_id, type, "
            "attempts, error, blocked_by) VALUES (:name, :position, :stream_id, :event_id, "
            ":type, :attempts, :error, :blocked_by) ON CONFLICT (name, position) DO UPDATE SET "
            "attempts = EXCLUDED.attempts, error = EXCLUDED.error, "
            "blocked_by = EXCLUDED.blocked_by, parked_at = clock_timestamp()"
        ),
        [p.as_row() for p in parked],
    )


def _parked(row: Any) -> Parked:
    return Parked(*row)


async def parked_rows(conn: AsyncConnection, projector: str, *, lock: bool = False) -> list[Parked]:
    """Every event one projector has parked, in position order."""
    rows = await conn.execute(
        text(
            f"SELECT {PARKED_COLUMNS} FROM novex_projector_parked WHERE name = :n "
            f"ORDER BY position{' FOR UPDATE' if lock else ''}"
        ),
        {"n": projector},
    )
    return [_parked(r) for r in rows.all()]


async def list_parked(engine: AsyncEngine, projector: str = "stream_status") -> list[Parked]:
    """Every parked event of a projector (the live read model's by default)."""
    async with engine.connect() as conn:
        return await parked_rows(conn, projector)


class UnknownParked(ValueError):
    """A retry named events that are not parked."""


@dataclass
class RetryOutcome:
    """What a retry folded into the read model, and what stays parked."""

    applied: list[Parked] = field(default_factory=list)
    parked: list[Parked] = field(default_factory=list)


def _choose(rows: list[Parked], selectors: Sequence[str] | None) -> list[Parked]:
    """The parked events of every stream a selector (a position or an event id) names, in
    position order: a stream is retried from its first parked event on."""
    if not selectors:
        return rows
    named = {p.stream_id for p in rows if str(p.position) in selectors}
    named |= {p.stream_id for p in rows if str(p.event_id) in selectors}
    known = {str(p.position) for p in rows} | {str(p.event_id) for p in rows}
    unknown = sorted(set(selectors) - known)
    if unknown:
        raise UnknownParked(f"not parked (or unknown): {', '.join(unknown)}")
    return [p for p in rows if p.stream_id in named]


async def _events_at(conn: AsyncConnection, positions: list[int]) -> dict[int, StoredEvent]:
    rows = await conn.execute(
        text(f"SELECT {EVENT_COLUMNS} FROM novex_events WHERE position = ANY(:p)"),
        {"p": positions},
    )
    return {e.position: e for e in (row_to_event(r) for r in rows.all())}


def _refold(
    chosen: list[Parked], events: dict[int, StoredEvent], views: dict[str, StreamView]
) -> tuple[RetryOutcome, set[str]]:
    """Fold parked events again in order; one that fails again stays parked, and so do the
    later ones of its stream."""
    outcome, changed, failed = RetryOutcome(), set(), dict[str, int]()
    for p in chosen:
        stream = p.stream_id
        if stream in failed:
            outcome.parked.append(Parked.waiting(p.projector, events[p.position], failed[stream]))
            continue
        try:
            current = views.get(stream) or new_view(stream)
            view = apply_event(dataclasses.replace(current), events[p.position])
        except Exception as exc:
            failed[stream] = p.position
            again = dataclasses.replace(
                p, attempts=p.attempts + 1, error=describe(exc), blocked_by=None
            )
            outcome.parked.append(again)
        else:
            views[stream] = view
            changed.add(stream)
            outcome.applied.append(p)
    return outcome, changed


async def retry_parked(
    projector: Projector, selectors: Sequence[str] | None = None
) -> RetryOutcome:
    """Fold parked events again (the streams the selectors name, or all) onto the read model,
    holding the projector's checkpoint; what folds leaves the parked table."""
    async with projector.engine.begin() as conn:
        await projector.lock_checkpoint(conn)
        chosen = _choose(await parked_rows(conn, projector.name, lock=True), selectors)
        if not chosen:
            return RetryOutcome()
        events = await _events_at(conn, [p.position for p in chosen])
        views = await projector.load_views(conn, {p.stream_id for p in chosen})
        outcome, changed = _refold(chosen, events, views)
        await projector.write_rows(conn, [views[s] for s in sorted(changed)])
        await conn.execute(
            text("DELETE FROM novex_projector_parked WHERE name = :n AND position = ANY(:p)"),
            {"n": projector.name, "p": [p.position for p in outcome.applied]},
        )
        if outcome.parked:
            await park(conn, outcome.parked)
        return outcome
