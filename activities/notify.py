"""The notification dispatcher: delivers outbox rows through their channels with retries and
backoff, dead-letters what keeps failing (with an alert event), and redelivers on request."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import structlog
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from activities.channels import Channel, Delivery, DeliveryFailed
from domain.shared.alerts import (
    ALERT_STREAM,
    NotificationDeadLettered,
    NotificationRedeliveryRequested,
)
from domain.shared.events import Event
from store.hashing import canonical_json, content_hash

log = structlog.get_logger(__name__)

_COLUMNS = (
    "id, stream_id, position, kind, recipient, channel, endpoint, subject, body, link, data, "
    "created_at"
)


@dataclass(frozen=True)
class Outcome:
    """What happened to one delivery attempt."""

    delivery: Delivery
    attempts: int
    error: str | None


class Dispatcher:
    """Delivers pending notifications; safe to run in several processes (SKIP LOCKED)."""

    def __init__(
        self,
        engine: AsyncEngine,
        channels: Mapping[str, Channel],
        *,
        max_attempts: int = 6,
        backoff_seconds: float = 5.0,
        batch_size: int = 100,
        concurrency: int = 16,
    ) -> None:
        self.engine = engine
        self.channels = channels
        self.max_attempts = max_attempts
        self.backoff_seconds = backoff_seconds
        self.batch_size = batch_size
        self._limit = asyncio.Semaphore(concurrency)

    async def run_once(self) -> int:
        """Claim and deliver one batch of due notifications; returns how many were tried."""
        async with self.engine.begin() as conn:
            result = await conn.execute(
                text(
                    f"SELECT {_COLUMNS}, attempts FROM novex_outbox "
                    "WHERE status = 'pending' AND next_attempt_at <= clock_timestamp() "
                    "ORDER BY next_attempt_at, created_at LIMIT :n FOR UPDATE SKIP LOCKED"
                ),
                {"n": self.batch_size},
            )
            claimed = [(Delivery(str(row[0]), *row[1:-1]), int(row[-1])) for row in result.all()]
            if not claimed:
                return 0
            outcomes = await asyncio.gather(*(self._attempt(d, n) for d, n in claimed))
            await self._settle(conn, outcomes)
            return len(outcomes)

    async def _attempt(self, delivery: Delivery, attempts: int) -> Outcome:
        channel = self.channels.get(delivery.channel) or self.channels["log"]
        async with self._limit:
            try:
                await channel.send(delivery)
            except DeliveryFailed as exc:
                return Outcome(delivery, attempts + 1, str(exc))
            except Exception as exc:  # a channel bug must not stop the dispatcher
                return Outcome(delivery, attempts + 1, f"{type(exc).__name__}: {exc}")
        return Outcome(delivery, attempts + 1, None)

    async def _settle(self, conn: AsyncConnection, outcomes: Sequence[Outcome]) -> None:
        now = datetime.now(UTC)
        delivered = [o.delivery.id for o in outcomes if o.error is None]
        retry, dead = [], []
        for o in outcomes:
            if o.error is None:
                continue
            if o.attempts >= self.max_attempts:
                dead.append(o)
            else:
                delay = self.backoff_seconds * 2 ** (o.attempts - 1)
                retry.append(
                    {
                        "id": o.delivery.id,
                        "a": o.attempts,
                        "e": o.error,
                        "t": now + timedelta(seconds=delay),
                    }
                )
        if delivered:  # one statement for the whole batch: the common case stays cheap
            await conn.execute(
                text(
                    "UPDATE novex_outbox SET status = 'delivered', attempts = attempts + 1, "
                    "delivered_at = clock_timestamp(), last_error = NULL "
                    "WHERE id = ANY(CAST(:ids AS uuid[]))"
                ),
                {"ids": delivered},
            )
        if retry:
            await conn.execute(
                text(
                    "UPDATE novex_outbox SET attempts = :a, last_error = :e, next_attempt_at = :t "
                    "WHERE id = :id"
                ),
                retry,
            )
        if dead:
            await conn.execute(
                text(
                    "UPDATE novex_outbox SET status = 'dead', attempts = :a, last_error = :e "
                    "WHERE id = :id"
                ),
                [{"id": o.delivery.id, "a": o.attempts, "e": o.error} for o in dead],
            )
            alerts = [
                NotificationDeadLettered(
                    event_id=uuid.uuid4(),
                    occurred_at=now,
                    actor="novex-dispatcher",
                    notification_id=o.delivery.id,
                    recipient=o.delivery.recipient,
                    channel=o.delivery.channel,
                    endpoint=o.delivery.endpoint,
                    attempts=o.attempts,
                    error=o.error or "",
                )
                for o in dead
            ]
            await append_alerts(conn, alerts, "novex-dispatcher")
            for o in dead:
                log.warning(
                    "notification dead-lettered", notification_id=o.delivery.id, error=o.error
                )

    async def run(self, stop: asyncio.Event, idle_seconds: float = 0.5) -> None:
        """Deliver until ``stop`` is set."""
        log.info("dispatcher started")
        while not stop.is_set():
            try:
                tried = await self.run_once()
            except Exception:
                log.exception("dispatcher batch failed")
                tried = 0
            if tried < self.batch_size:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), timeout=idle_seconds)
        log.info("dispatcher stopped")


async def append_alerts(conn: AsyncConnection, alerts: Sequence[Event], actor: str) -> None:
    """Record alert events in the caller's transaction (same append function as every stream)."""
    when = datetime.now(UTC).isoformat()
    meta: dict[str, Any] = {"actor": actor, "recorded_at": when}
    payload = []
    for alert in alerts:
        data = alert.model_dump(mode="json")
        payload.append(
            {
                "event_id": str(alert.event_id),
                "type": alert.type,
                "schema_version": alert.schema_version,
                "metadata": meta,
                "data": data,
                "content_hash": content_hash(
                    ALERT_STREAM,
                    str(alert.event_id),
                    alert.type,
                    alert.schema_version,
                    canonical_json(data),
                    meta,
                ),
            }
        )
    await conn.execute(
        text("SELECT novex_append(:s, NULL, CAST(:e AS jsonb))"),
        {"s": ALERT_STREAM, "e": canonical_json(payload)},
    )


async def redeliver(engine: AsyncEngine, ids: Sequence[str] | None, actor: str) -> list[str]:
    """Send dead-lettered notifications again (the given ones, or all); returns their ids."""
    async with engine.begin() as conn:
        result = await conn.execute(
            text(
                "UPDATE novex_outbox SET status = 'pending', attempts = 0, last_error = NULL, "
                "next_attempt_at = clock_timestamp() "
                "WHERE status = 'dead' AND (:all OR id = ANY(CAST(:ids AS uuid[]))) RETURNING id"
            ),
            {"all": ids is None, "ids": list(ids or [])},
        )
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
            await append_alerts(conn, [alert], actor)
        return chosen


async def list_notifications(
    engine: AsyncEngine, status: str | None = None, limit: int = 100
) -> list[dict[str, Any]]:
    """Notifications for coordinators, newest first (``status``: pending, delivered, dead)."""
    async with engine.connect() as conn:
        result = await conn.execute(
            text(
                "SELECT id, stream_id, kind, recipient, channel, endpoint, subject, status, "
                "attempts, last_error, created_at, delivered_at FROM novex_outbox "
                "WHERE (CAST(:s AS text) IS NULL OR status = :s) ORDER BY created_at DESC LIMIT :n"
            ),
            {"s": status, "n": limit},
        )
        return [dict(row._mapping) for row in result.all()]


async def count_notifications(engine: AsyncEngine, status: str) -> int:
    """How many notifications are in one state (the board shows the dead-lettered ones)."""
    async with engine.connect() as conn:
        found = await conn.scalar(
            text("SELECT count(*) FROM novex_outbox WHERE status = :s"), {"s": status}
        )
    return int(found or 0)
