"""Tamper evidence: every kind of change behind the store's back is found by `audit verify`, and
the events table refuses changes of its own accord."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from store.audit import verify
from store.eventstore import EventMetadata, EventStore, NewEvent
from tests.store.tampering import noted, tamper


async def test_audit_verify_accepts_an_untouched_log(
    clean_engine: AsyncEngine, quiet_store: EventStore
) -> None:
    store = quiet_store
    for s in ("audit-a", "audit-b"):
        batch = [NewEvent(uuid.uuid4(), "Noted", {"i": i, "tekst": "één"}) for i in range(4)]
        await store.append(s, 0, batch, EventMetadata(actor="tester"))
    report = await verify(clean_engine)
    assert report.ok and report.streams == 2 and report.events == 8
    assert report.last_position == 8


async def test_the_events_table_refuses_an_update_and_a_delete(
    clean_engine: AsyncEngine, quiet_store: EventStore
) -> None:
    await noted(quiet_store, "audit-ro", 2)
    for statement in (
        "UPDATE novex_events SET data = '{}' WHERE stream_id = 'audit-ro'",
        "DELETE FROM novex_events WHERE stream_id = 'audit-ro' AND version = 2",
    ):
        with pytest.raises(DBAPIError, match="novex_events is append-only"):
            async with clean_engine.begin() as conn:
                await conn.execute(text(statement))
    assert [e.data["i"] for e in await quiet_store.read_stream("audit-ro")] == [0, 1]
    assert (await verify(clean_engine)).ok


async def test_audit_verify_reports_the_first_broken_link_after_a_row_is_changed(
    clean_engine: AsyncEngine, quiet_store: EventStore
) -> None:
    store = quiet_store
    batch = [NewEvent(uuid.uuid4(), "Noted", {"amount": i}) for i in range(5)]
    await store.append("audit-c", 0, batch, EventMetadata(actor="tester"))
    await tamper(
        clean_engine,
        "UPDATE novex_events SET data = jsonb_set(data, '{amount}', '1000') "
        "WHERE stream_id = 'audit-c' AND version = 3",
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
    await tamper(
        clean_engine, "DELETE FROM novex_events WHERE stream_id = 'audit-d' AND version = 2"
    )
    report = await verify(clean_engine, stream_id="audit-d")
    assert [(b.version, b.reason.split()[0]) for b in report.broken] == [(3, "version")]
    whole = await verify(clean_engine)
    assert [b.stream_id for b in whole.broken] == ["audit-d"] and whole.holes == [(2, 2)]


async def test_audit_verify_notices_the_last_events_of_a_stream_deleted(
    clean_engine: AsyncEngine, quiet_store: EventStore
) -> None:
    await noted(quiet_store, "audit-tail", 5)
    await noted(quiet_store, "audit-other", 1)
    await tamper(
        clean_engine, "DELETE FROM novex_events WHERE stream_id = 'audit-tail' AND version > 3"
    )
    report = await verify(clean_engine, stream_id="audit-tail")
    assert [(b.stream_id, b.reason) for b in report.broken] == [
        ("audit-tail", "events after version 3 are missing: the head is at 5")
    ]
    assert (await verify(clean_engine)).holes == [(4, 5)]


async def test_audit_verify_notices_a_whole_stream_deleted_with_or_without_its_head(
    clean_engine: AsyncEngine, quiet_store: EventStore
) -> None:
    for stream in ("audit-gone", "audit-kept", "audit-vanished", "audit-last"):
        await noted(quiet_store, stream, 2)
    await tamper(clean_engine, "DELETE FROM novex_events WHERE stream_id = 'audit-gone'")
    await tamper(
        clean_engine,
        "DELETE FROM novex_events WHERE stream_id = 'audit-vanished'",
        "DELETE FROM novex_streams WHERE stream_id = 'audit-vanished'",
    )
    report = await verify(clean_engine)
    assert [(b.where, b.reason) for b in report.broken] == [
        ("audit-gone version 2", "the whole stream is gone: its head is at version 2"),
        ("stream registry (number 3)", "stream number 3 is missing, its head row with it"),
    ]
    assert report.holes == [(1, 2), (5, 6)]


async def test_audit_verify_notices_events_reordered_across_streams(
    clean_engine: AsyncEngine, quiet_store: EventStore
) -> None:
    await noted(quiet_store, "audit-x", 1)
    await noted(quiet_store, "audit-y", 1)
    await tamper(
        clean_engine,
        "UPDATE novex_events SET position = -position WHERE position IN (1, 2)",
        "UPDATE novex_events SET position = 3 + position WHERE position IN (-1, -2)",
    )
    report = await verify(clean_engine)
    assert [(b.stream_id, b.position) for b in report.broken] == [("audit-x", 2), ("audit-y", 1)]
    assert all("chain hash" in b.reason for b in report.broken)


async def test_audit_verify_notices_an_edited_recorded_at(
    clean_engine: AsyncEngine, quiet_store: EventStore
) -> None:
    await noted(quiet_store, "audit-when", 3)
    await tamper(
        clean_engine,
        "UPDATE novex_events SET recorded_at = recorded_at - interval '30 days' "
        "WHERE stream_id = 'audit-when' AND version = 2",
    )
    report = await verify(clean_engine)
    assert [(b.stream_id, b.version) for b in report.broken] == [("audit-when", 2)]
    assert "recorded_at" in report.broken[0].reason


async def test_audit_verify_notices_a_tail_moved_back_to_the_old_hash_scheme(
    clean_engine: AsyncEngine, quiet_store: EventStore
) -> None:
    await noted(quiet_store, "audit-scheme", 2)
    await tamper(
        clean_engine,
        "UPDATE novex_events SET hash_scheme = 1 WHERE stream_id = 'audit-scheme' AND version = 2",
    )
    report = await verify(clean_engine)
    assert [b.reason for b in report.broken] == [
        "recorded_at in the metadata is missing or unreadable",
        "hash scheme 1 after scheme 2 began at position 1",
    ]
