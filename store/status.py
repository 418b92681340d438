"""Status at a glance from the read model, or as it stood at any past instant."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from store.eventstore import EventStore
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


async def status_now(engine: AsyncEngine) -> list[dict[str, Any]]:
    """Every process's row in the status read model."""
    async with engine.connect() as conn:
        result = await conn.execute(
            text(
                f"SELECT {', '.join(_FIELDS)} FROM novex_stream_status "
                "ORDER BY kind, subject, stream_id"
            )
        )
        return [dict(zip(_FIELDS, row, strict=True)) for row in result.all()]


async def status_as_of(engine: AsyncEngine, when: datetime) -> list[dict[str, Any]]:
    """The same rows folded from the event store up to ``when`` (not from Temporal)."""
    views: dict[str, StreamView] = {}
    for event in await EventStore(engine).read_until(when):
        apply_event(views.setdefault(event.stream_id, new_view(event.stream_id)), event)
    ordered = sorted(views.values(), key=lambda v: (v.kind, v.subject, v.stream_id))
    return [{f: getattr(v, f) for f in _FIELDS} for v in ordered]
