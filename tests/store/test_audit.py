"""Tamper evidence: the hash chain finds a row changed behind the store's back."""

from __future__ import annotations

import uuid

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from store.audit import verify
from store.eventstore import EventMetadata, EventStore, NewEvent


async def test_audit_verify_accepts_an_untouched_log(
    clean_engine: AsyncEngine, quiet_store: EventStore
) -> None:
    store = quiet_store
    for s in ("audit-a", "audit-b"):
        batch = [NewEvent(uuid.uuid4(), "Noted", {"i": i, "tekst": "één"}) for i in range(4)]
        await store.append(s, 0, batch, EventMetadata(actor="tester"))
    report = await verify(clean_engine)
    assert report.ok and report.streams == 2 and report.events == 8


async def test_audit_verify_reports_the_first_broken_link_after_a_row_is_changed(
    clean_engine: AsyncEngine, quiet_store: EventStore
) -> None:
    store = quiet_store
    batch = [NewEvent(uuid.uuid4(), "Noted", {"amount": i}) for i in range(5)]
    await store.append("audit-c", 0, batch, EventMetadata(actor="tester"))
    async with clean_engine.begin() as conn:
        await conn.execute(
            text(
                "UPDATE novex_events SET data = jsonb_set(data, '{amount}', '1000') "
                "WHERE stream_id = 'audit-c' AND version = 3"
            )
        )
    report = await verify(clean_engine)
    assert not report.ok
    assert [(b.stream_id, b.version) for b in report.broken] == [("audit-c", 3)]
    assert "content" in report.broken[0].reason


async def test_audit_verify_notices_a_deleted_event(
    clean_engine: AsyncEngine, quiet_store: EventStore
) -> None:
    store = quiet_store
    batch = [NewEvent(uuid.uuid4(), "Noted", {"i": i}) for i in range(3)]
    await store.append("audit-d", 0, batch, EventMetadata(actor="tester"))
    async with clean_engine.begin() as conn:
        await conn.execute(
            text("DELETE FROM novex_events WHERE stream_id = 'audit-d' AND version = 2")
        )
    report = await verify(clean_engine, stream_id="audit-d")
    assert [(b.version, b.reason.split()[0]) for b in report.broken] == [(3, "version")]
