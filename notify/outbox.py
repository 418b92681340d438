"""The outbox as coordinators see it: list and count notifications, redeliver dead letters."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.shared.alerts import NotificationRedeliveryRequested
from notify.alerts import append_alerts
from store.eventstore import EventMetadata, EventStore

_REDELIVER = (
    "UPDATE novex_outbox SET status = 'pending', attempts = 0, last_error = NULL, "
    "next_attempt_at = clock_timestamp() "
    "WHERE status = 'dead' AND (:all OR id = ANY(CAST(:ids AS uuid[]))) RETURNING id"
)
_LIST = (
    "SELECT id, stream_id, kind, recipient, channel, endpoint, subject, status, "
    "attempts, last_error, created_at, delivered_at FROM novex_outbox "
    "WHERE (CAST(:s AS text) IS NULL OR status = :s) ORDER BY created_at DESC LIMIT :n"
)


async def redeliver(
    store: EventStore,
    ids: Sequence[str] | None,
    actor: str,
    metadata: EventMetadata | None = None,
) -> list[str]:
    """Send dead-lettered notifications again (the given ones, or all); returns their ids.

    The alert (with ``metadata``: the request's idempotency key) is appended before the requeue
    commits: it may come twice, never not at all."""
    async with store.engine.begin() as conn:
        result = await conn.execute(text(_REDELIVER), {"all": ids is None, "ids": list(ids or [])})
        chosen = [str(r[0]) for r in result.all()]
        unknown = sorted(set(ids or []) - set(chosen))
        if unknown:
            raise ValueError(f"not dead-lettered (or unknown): {', '.join(unknown)}")
        if chosen:
            alert = NotificationRedeliveryRequested(
                event_id=uuid.uuid4(),
                occurred_at=datetime.now(UTC),
                actor=actor,
                notification_ids=tuple(chosen),
            )
            await append_alerts(store, [alert], actor, metadata)
        return chosen


async def requeue_dead(store: EventStore, ids: Sequence[str]) -> list[str]:
    """Queue again those of these notifications that are still dead-lettered (no alert)."""
    if not ids:
        return []
    async with store.engine.begin() as conn:
        result = await conn.execute(text(_REDELIVER), {"all": False, "ids": list(ids)})
        return [str(r[0]) for r in result.all()]


async def list_notifications(
    engine: AsyncEngine, status: str | None = None, limit: int = 100
) -> list[dict[str, Any]]:
    """Notifications for coordinators, newest first (``status``: pending, delivered, dead)."""
    async with engine.connect() as conn:
        result = await conn.execute(text(_LIST), {"s": status, "n": limit})
        return [dict(row._mapping) for row in result.all()]


async def count_notifications(engine: AsyncEngine, status: str) -> int:
    """How many notifications are in one state (the board shows the dead-lettered ones)."""
    async with engine.connect() as conn:
        found = await conn.scalar(
            text("SELECT count(*) FROM novex_outbox WHERE status = :s"), {"s": status}
        )
    return int(found or 0)
