"""Redelivery under an idempotency key: a retry answers as the first request did and asks for no
second redelivery; one that stopped between its alert and its requeue is finished by its retry."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.shared.alerts import ALERT_STREAM, NotificationRedeliveryRequested
from notify.alerts import append_alerts
from notify.outbox import list_notifications
from service.idempotency import KeyConflict, fingerprint
from service.redelivery import redeliver_once
from store.eventstore import EventMetadata, EventStore
from tests.store.test_notifications import _overdue, catalog_with


async def _dead_letters(engine: AsyncEngine, store: EventStore, stream: str) -> list[str]:
    await _overdue(store, catalog_with(webhook="http://127.0.0.1:9/novex"), stream)
    async with engine.begin() as conn:
        await conn.execute(text("UPDATE novex_outbox SET status = 'dead', attempts = 6"))
    return sorted(str(r["id"]) for r in await list_notifications(engine, "dead"))


async def test_a_redelivery_retried_under_its_key_answers_again_and_is_asked_once(
    clean_engine: AsyncEngine, quiet_store: EventStore
) -> None:
    dead = await _dead_letters(clean_engine, quiet_store, "province-FL.again")
    first = await redeliver_once(quiet_store, None, "regieteam", key="herlevering-1")
    assert sorted(first) == dead
    assert await redeliver_once(quiet_store, None, "regieteam", key="herlevering-1") == first
    alerts = await quiet_store.read_stream(ALERT_STREAM)
    assert [a.metadata.get("idempotency_key") for a in alerts] == ["herlevering-1"]
    with pytest.raises(KeyConflict, match="herlevering-1"):
        await redeliver_once(quiet_store, dead[:1], "regieteam", key="herlevering-1")


async def test_a_redelivery_that_stopped_after_its_alert_is_finished_by_its_retry(
    clean_engine: AsyncEngine, quiet_store: EventStore
) -> None:
    dead = await _dead_letters(clean_engine, quiet_store, "province-FL.halfway")
    alert = NotificationRedeliveryRequested(
        event_id=uuid.uuid4(),
        occurred_at=datetime.now(UTC),
        actor="regieteam",
        notification_ids=tuple(dead),
    )
    sent = fingerprint({"ids": dead, "actor": "regieteam"})
    metadata = EventMetadata(actor="regieteam", idempotency_key="halverwege", fingerprint=sent)
    await append_alerts(quiet_store, [alert], "regieteam", metadata)  # then the process died
    assert await redeliver_once(quiet_store, dead, "regieteam", key="halverwege") == dead
    assert await list_notifications(clean_engine, "dead") == []
    assert len(await quiet_store.read_stream(ALERT_STREAM)) == 1
