"""The registry of streams: numbered one by one at creation, a refused creation takes no number,
and a stream deleted with its head row shows even when the rest is renumbered."""

from __future__ import annotations

import asyncio
import uuid

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from store.audit import verify
from store.eventstore import EventMetadata, EventStore, NewEvent, WrongExpectedVersion
from tests.store.tampering import noted, tamper

META = EventMetadata(actor="tester")


async def _numbers(engine: AsyncEngine) -> list[tuple[int, str]]:
    async with engine.connect() as conn:
        rows = await conn.execute(text("SELECT number, stream_id FROM novex_streams ORDER BY 1"))
        return [(int(r[0]), str(r[1])) for r in rows.all()]


async def test_streams_are_numbered_one_by_one_and_a_refused_creation_takes_no_number(
    clean_engine: AsyncEngine, quiet_store: EventStore
) -> None:
    await noted(quiet_store, "reg-a", 1)
    with pytest.raises(WrongExpectedVersion):
        await quiet_store.append("reg-refused", 3, [NewEvent(uuid.uuid4(), "Noted", {})], META)
    await noted(quiet_store, "reg-b", 2)
    await noted(quiet_store, "reg-a", 1)
    assert await _numbers(clean_engine) == [(1, "reg-a"), (2, "reg-b")]
    assert (await verify(clean_engine)).ok


async def test_one_stream_created_by_many_at_once_takes_one_number(
    clean_engine: AsyncEngine, quiet_store: EventStore
) -> None:
    await asyncio.gather(*(noted(quiet_store, "reg-crowded", 1) for _ in range(6)))
    assert await _numbers(clean_engine) == [(1, "reg-crowded")]
    assert await quiet_store.stream_version("reg-crowded") == 6
    assert (await verify(clean_engine)).ok


async def test_a_stream_deleted_with_its_head_shows_though_the_rest_is_renumbered(
    clean_engine: AsyncEngine, quiet_store: EventStore
) -> None:
    for stream in ("reg-1", "reg-2", "reg-3"):
        await noted(quiet_store, stream, 1)
    await tamper(
        clean_engine,
        "DELETE FROM novex_events WHERE stream_id = 'reg-2'",
        "DELETE FROM novex_streams WHERE stream_id = 'reg-2'",
        "UPDATE novex_streams SET number = 2 WHERE stream_id = 'reg-3'",
        "UPDATE novex_stream_counter SET last = 2",
    )
    report = await verify(clean_engine)
    assert [(b.where, b.reason) for b in report.broken] == [
        ("stream registry (number 2)", "reg-3 does not link to the stream numbered before it")
    ]
