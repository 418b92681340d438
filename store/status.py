"""Status at a glance from the read model, or as it stood at any past instant."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from store.eventstore import RUN_FILTER, EventStore
from store.projections import StreamView, apply_event, new_view

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


async def status_as_of(
    engine: AsyncEngine, when: datetime, label: str | None = None, stream_id: str | None = None
) -> list[dict[str, Any]]:
    """The same rows folded from the event store up to ``when`` (not from Temporal), for the
    whole run or for one process."""
    views: dict[str, StreamView] = {}
    for event in await EventStore(engine).read_until(when, label, stream_id):
        apply_event(views.setdefault(event.stream_id, new_view(event.stream_id)), event)
    ordered = sorted(views.values(), key=lambda v: (v.kind, v.subject, v.stream_id))
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
