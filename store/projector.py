"""Catch-up projector: events in position order; checkpoint and read model commit together."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import structlog
from sqlalchemy import text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from store.eventstore import EVENT_COLUMNS, row_to_event
from store.projections import StreamView, apply_event, new_view
from store.schema import stream_status

log = structlog.get_logger(__name__)

_UPSERT = insert(stream_status)
_UPSERT = _UPSERT.on_conflict_do_update(
    index_elements=[stream_status.c.stream_id],
    set_={c.name: _UPSERT.excluded[c.name] for c in stream_status.columns if c.name != "stream_id"},
)


class Projector:
    """Keeps the stream-status read model up to date, exactly once per event."""

    name = "stream_status"

    def __init__(self, engine: AsyncEngine, batch_size: int = 2000) -> None:
        self.engine = engine
        self.batch_size = batch_size

    async def _lock_checkpoint(self, conn: AsyncConnection) -> int:
        await conn.execute(
            text(
                "INSERT INTO novex_projector_checkpoints(name, position) VALUES (:n, 0) "
                "ON CONFLICT DO NOTHING"
            ),
            {"n": self.name},
        )
        value = await conn.scalar(
            text("SELECT position FROM novex_projector_checkpoints WHERE name = :n FOR UPDATE"),
            {"n": self.name},
        )
        return int(value or 0)

    async def run_once(self) -> int:
        """Apply the next batch of events; returns how many were applied."""
        async with self.engine.begin() as conn:
            position = await self._lock_checkpoint(conn)
            rows = await conn.execute(
                text(
                    f"SELECT {EVENT_COLUMNS} FROM novex_events WHERE position > :p "
                    "ORDER BY position LIMIT :n"
                ),
                {"p": position, "n": self.batch_size},
            )
            events = [row_to_event(r) for r in rows.all()]
            if not events:
                return 0
            views = await self._load_views(conn, {e.stream_id for e in events})
            for event in events:
                view = views.setdefault(event.stream_id, new_view(event.stream_id))
                apply_event(view, event)
            await conn.execute(_UPSERT, [_row(v) for v in views.values()])
            await conn.execute(
                text("UPDATE novex_projector_checkpoints SET position = :p WHERE name = :n"),
                {"p": events[-1].position, "n": self.name},
            )
            return len(events)

    async def _load_views(
        self, conn: AsyncConnection, stream_ids: set[str]
    ) -> dict[str, StreamView]:
        result = await conn.execute(
            text(
                "SELECT stream_id, kind, subject, label, phase, version, event_count, "
                "last_event_type, last_position, updated_at, summary, state "
                "FROM novex_stream_status WHERE stream_id = ANY(:ids)"
            ),
            {"ids": list(stream_ids)},
        )
        return {r[0]: StreamView(*r) for r in result.all()}

    async def catch_up(self) -> int:
        """Apply batches until nothing is left; returns the number of events applied."""
        total = 0
        while applied := await self.run_once():
            total += applied
        return total

    async def rebuild(self) -> int:
        """Throw the read model away and fold every event again from position 1."""
        async with self.engine.begin() as conn:
            await self._lock_checkpoint(conn)
            await conn.execute(text("DELETE FROM novex_stream_status"))
            await conn.execute(
                text("UPDATE novex_projector_checkpoints SET position = 0 WHERE name = :n"),
                {"n": self.name},
            )
        applied = await self.catch_up()
        log.info("read model rebuilt", projector=self.name, events=applied)
        return applied

    async def run(self, stop: asyncio.Event, idle_seconds: float = 0.2) -> None:
        """Follow the store until ``stop`` is set."""
        log.info("projector started", projector=self.name)
        while not stop.is_set():
            try:
                applied = await self.run_once()
            except Exception:  # keep following; the batch rolled back and is retried
                log.exception("projector batch failed", projector=self.name)
                applied = 0
            if applied < self.batch_size:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), timeout=idle_seconds)
        log.info("projector stopped", projector=self.name)


def _row(view: StreamView) -> dict[str, Any]:
    return {
        "stream_id": view.stream_id,
        "kind": view.kind,
        "subject": view.subject,
        "label": view.label,
        "phase": view.phase,
        "version": view.version,
        "event_count": view.event_count,
        "last_event_type": view.last_event_type,
        "last_position": view.last_position,
        "updated_at": view.updated_at,
        "summary": view.summary,
        "state": view.state,
    }
