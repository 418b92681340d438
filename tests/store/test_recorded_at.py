"""The database records when: recorded_at is its clock, never a writer's, and the chain covers
it together with the position."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from store.eventstore import EventMetadata, EventStore, NewEvent
from store.hashing import chain_hash_v2
from store.schema import GENESIS_HASH


async def _clock(engine: AsyncEngine) -> datetime:
    async with engine.connect() as conn:
        value = await conn.scalar(text("SELECT clock_timestamp()"))
        assert isinstance(value, datetime)
        return value


async def test_recorded_at_is_the_database_clock_taken_once_per_append(
    clean_engine: AsyncEngine, quiet_store: EventStore
) -> None:
    before = await _clock(clean_engine)
    batch = [NewEvent(uuid.uuid4(), "Noted", {"i": i}) for i in range(3)]
    await quiet_store.append("clock-a", 0, batch, EventMetadata(actor="tester"))
    await quiet_store.append(
        "clock-b", 0, [NewEvent(uuid.uuid4(), "Noted", {})], EventMetadata(actor="tester")
    )
    after = await _clock(clean_engine)

    events = await quiet_store.read_all()
    assert [e.position for e in events] == [1, 2, 3, 4]
    assert len({e.recorded_at for e in events[:3]}) == 1  # one instant for one append
    assert before <= events[0].recorded_at < events[3].recorded_at <= after
    assert all("recorded_at" not in e.metadata and e.hash_scheme == 2 for e in events)


async def test_the_chain_hash_covers_position_version_and_recorded_at(
    clean_engine: AsyncEngine, quiet_store: EventStore
) -> None:
    batch = [NewEvent(uuid.uuid4(), "Noted", {"i": i}) for i in range(2)]
    await quiet_store.append("clock-c", 0, batch, EventMetadata(actor="tester"))
    first, second = await quiet_store.read_stream("clock-c")
    assert first.prev_hash == GENESIS_HASH and second.prev_hash == first.hash
    for event, prev in ((first, GENESIS_HASH), (second, first.hash)):
        args = (prev, event.content_hash, event.position, event.version, event.recorded_at)
        assert event.hash == chain_hash_v2(*args)
    moved = (GENESIS_HASH, first.content_hash, first.position + 1, 1, first.recorded_at)
    assert chain_hash_v2(*moved) != first.hash
