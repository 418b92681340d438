"""Status at a glance from the read model, or as it stood at any past instant (effective time,
recorded time, or both), folded one stream at a time from reads bounded in SQL."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.views.as_of import AsOf
from store.eventstore import EVENT_COLUMNS, RUN_FILTER, EventStore, StoredEvent, row_to_event
from store.projections import StreamView, fold_stream_events, view_of

_FIELDS = (
    "stream_id",
    "kind",
    "subject",
    "phase",
    "version",
    "last_event_type",
    "updated_at",
    "summary",
)


async def status_now(engine: AsyncEngine, label: str | None = None) -> list[dict[str, Any]]:
    """Every process's row in the status read model (of one labelled run, or the real one)."""
    async with engine.connect() as conn:
        result = await conn.execute(
            text(
                f"SELECT {', '.join(_FIELDS)} FROM novex_stream_status WHERE {RUN_FILTER} "
                "ORDER BY kind, subject, stream_id"
            ),
            {"label": label or None},
        )
        return [dict(zip(_FIELDS, row, strict=True)) for row in result.all()]


BOUNDS = (
    "(CAST(:effective AS timestamptz) IS NULL OR effective_at <= :effective) "
    "AND (CAST(:known AS timestamptz) IS NULL OR recorded_at <= :known)"
)
"""Rows a view of the past takes in: taken effect by its effective instant (``effective_at``,
revision 0007) and recorded by its known instant."""


def bounds(as_of: AsOf) -> dict[str, Any]:
    """The parameters of ``BOUNDS`` for a view of the past."""
    return {"effective": as_of.effective, "known": as_of.known}


async def streams_as_of(
    engine: AsyncEngine, as_of: AsOf, label: str | None = None, stream_id: str | None = None
) -> AsyncIterator[tuple[str, list[StoredEvent]]]:
    """The events of every stream of one run (or of one stream) within a view's bounds, one
    stream at a time: a server-side cursor ordered by stream and version, so no more than one
    stream's events are in memory at once."""
    sql = (
        f"SELECT {EVENT_COLUMNS} FROM novex_events WHERE {RUN_FILTER} AND {BOUNDS} "
        "AND (CAST(:s AS text) IS NULL OR stream_id = :s) ORDER BY stream_id, version"
    )
    params = {"label": label or None, "s": stream_id, **bounds(as_of)}
    current: str | None = None
    events: list[StoredEvent] = []
    async with engine.connect() as conn:
        result = await conn.stream(text(sql).execution_options(yield_per=500), params)
        async for row in result:
            event = row_to_event(row)
            if event.stream_id != current and events:
                yield current or "", events
                events = []
            current = event.stream_id
            events.append(event)
    if events:
        yield current or "", events


async def status_as_of(
    engine: AsyncEngine, as_of: AsOf, label: str | None = None, stream_id: str | None = None
) -> list[dict[str, Any]]:
    """The same rows folded from the event store (not from Temporal) as things stood on an
    effective instant, as novex knew them at a recorded instant, or both — for the whole run
    or for one process."""
    views: list[StreamView] = []
    async for stream, events in streams_as_of(engine, as_of, label, stream_id):
        folded = fold_stream_events(stream, events, effective=as_of.effective is not None)
        view = view_of(stream, folded)
        if view is not None:
            views.append(view)
    ordered = sorted(views, key=lambda v: (v.kind, v.subject, v.stream_id))
    return [{f: getattr(v, f) for f in _FIELDS} for v in ordered]


async def status_of(store: EventStore, stream_id: str) -> dict[str, Any] | None:
    """One process's row of the status read model (the hot path: one indexed lookup)."""
    pool = await store.pool()
    row = await pool.fetchrow(
        f"SELECT {', '.join(_FIELDS)} FROM novex_stream_status WHERE stream_id = $1", stream_id
    )
    if row is None:
        return None
    found = dict(row)
    found["summary"] = json.loads(found["summary"])
    return found
