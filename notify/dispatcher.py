"""The notification dispatcher: delivers outbox rows through their channels with retries and
backoff, and dead-letters what keeps failing (with an alert event)."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import structlog
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from domain.shared.alerts import NotificationDeadLettered
from notify.alerts import append_alerts
from notify.channels import Channel, Delivery, DeliveryFailed
from store.eventstore import DuplicateEventId, EventStore

log = structlog.get_logger(__name__)

DISPATCHER = "novex-dispatcher"
_CLAIM = (
    "SELECT id, stream_id, position, kind, recipient, channel, endpoint, subject, body, link, "
    "data, created_at, attempts FROM novex_outbox "
    "WHERE status = 'pending' AND next_attempt_at <= clock_timestamp() "
    "ORDER BY next_attempt_at, created_at LIMIT :n FOR UPDATE SKIP LOCKED"
)
_DELIVERED = (
    "UPDATE novex_outbox SET status = 'delivered', attempts = attempts + 1, "
    "delivered_at = clock_timestamp(), last_error = NULL WHERE id = ANY(CAST(:ids AS uuid[]))"
)
_RETRY = (
    "UPDATE novex_outbox SET attempts = :a, last_error = :e, next_attempt_at = :t WHERE id = :id"
)
_DEAD = "UPDATE novex_outbox SET status = 'dead', attempts = :a, last_error = :e WHERE id = :id"


@dataclass(frozen=True)
class Outcome:
    """What happened to one delivery attempt."""

    delivery: Delivery
    attempts: int
    error: str | None


_ALERT_IDS = uuid.UUID("6f1c2a52-9d1e-4a57-9a0e-2f6c1d9b7e43")
"""Namespace of dead-letter alert ids (uuid5 over notification id and attempts)."""


class Dispatcher:
    """Delivers pending notifications; safe to run in several processes (SKIP LOCKED)."""

    def __init__(
        self,
        store: EventStore,
        channels: Mapping[str, Channel],
        *,
        max_attempts: int = 6,
        backoff_seconds: float = 5.0,
        batch_size: int = 100,
        concurrency: int = 16,
    ) -> None:
        self.store = store
        self.engine = store.engine
        self.channels = channels
        self.max_attempts = max_attempts
        self.backoff_seconds = backoff_seconds
        self.batch_size = batch_size
        self._limit = asyncio.Semaphore(concurrency)

    async def run_once(self) -> int:
        """Claim and deliver one batch of due notifications; returns how many were tried."""
        async with self.engine.begin() as conn:
            result = await conn.execute(text(_CLAIM), {"n": self.batch_size})
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
        """Record every outcome in the claim's transaction: delivered, retried later, or dead."""
        now = datetime.now(UTC)
        delivered = [o.delivery.id for o in outcomes if o.error is None]
        failed = [o for o in outcomes if o.error is not None]
        dead = [o for o in failed if o.attempts >= self.max_attempts]
        retry = [
            {"id": o.delivery.id, "a": o.attempts, "e": o.error, "t": now + self._backoff(o)}
            for o in failed
            if o.attempts < self.max_attempts
        ]
        if delivered:  # one statement for the whole batch: the common case stays cheap
            await conn.execute(text(_DELIVERED), {"ids": delivered})
        if retry:
            await conn.execute(text(_RETRY), retry)
        if dead:
            await conn.execute(
                text(_DEAD), [{"id": o.delivery.id, "a": o.attempts, "e": o.error} for o in dead]
            )
            await self._alert(dead, now)

    def _backoff(self, outcome: Outcome) -> timedelta:
        return timedelta(seconds=self.backoff_seconds * 2 ** (outcome.attempts - 1))

    async def _alert(self, dead: Sequence[Outcome], now: datetime) -> None:
        """Alert coordinators before the dead-lettering commits, never not at all; the alert's id
        follows from the notification and its attempts, so if the claim's commit fails and the
        row dies again, the second append of the same alert records nothing."""
        alerts = [
            NotificationDeadLettered(
                event_id=uuid.uuid5(_ALERT_IDS, f"{o.delivery.id}/{o.attempts}"),
                occurred_at=now,
                actor=DISPATCHER,
                notification_id=o.delivery.id,
                recipient=o.delivery.recipient,
                channel=o.delivery.channel,
                endpoint=o.delivery.endpoint,
                attempts=o.attempts,
                error=o.error or "",
            )
            for o in dead
        ]
        for alert in alerts:  # one by one: dead letters are rare, and each stands alone
            try:
                await append_alerts(self.store, [alert], DISPATCHER)
            except DuplicateEventId:  # an earlier try recorded this alert (at another instant)
                log.info("dead-letter alert already recorded", event_id=str(alert.event_id))
        for o in dead:
            log.warning("notification dead-lettered", notification_id=o.delivery.id, error=o.error)

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
