"""Appends take no global lock, yet a reader never passes an event that commits later: it reads in
commit order below the oldest open transaction; a refused append takes no position."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from typing import Any

import asyncpg
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from config.settings import to_plain_url
from store.append_sql import FUNCTION, ONE_WITH_NOTIFICATIONS, encode_event
from store.audit import verify
from store.commit_order import next_tx, wait_until_settled
from store.eventstore import (
    DuplicateEventId,
    EventMetadata,
    EventStore,
    NewEvent,
    WrongExpectedVersion,
)
from store.hashing import chain_hash_v2
from store.projector import Projector
from store.schema import GENESIS_HASH
from tests.store.counting import counted

META = EventMetadata(actor="tester")


def one(i: int = 0) -> list[NewEvent]:
    return [NewEvent(uuid.uuid4(), "Noted", {"i": i})]


@pytest.fixture
async def writer(quiet_database_url: str) -> AsyncIterator[asyncpg.Connection]:
    """A connection of its own that holds a transaction open while the store goes on."""
    conn = await asyncpg.connect(to_plain_url(quiet_database_url))
    yield conn
    await conn.close()


async def _append_in(conn: asyncpg.Connection, stream: str, events: list[NewEvent]) -> Any:
    payload = "[" + ",".join(encode_event(stream, e, {"actor": "tester"}) for e in events) + "]"
    return await conn.fetch(FUNCTION, stream, None, payload, "[]")


async def _settled_events(engine: AsyncEngine, store: EventStore) -> list[Any]:
    await wait_until_settled(engine, await next_tx(engine), 10)
    return await store.read_all(limit=100)


async def _existing(engine: AsyncEngine, store: EventStore, *streams: str) -> None:
    """Streams with one event each, settled (creating a stream waits for any other creation
    still open, so the tests create theirs before they hold a transaction open)."""
    for stream in streams:
        await store.append(stream, None, one(), META)
    await _settled_events(engine, store)


async def test_a_reader_waits_for_an_append_that_took_a_lower_position_and_commits_later(
    clean_engine: AsyncEngine, quiet_store: EventStore, writer: asyncpg.Connection
) -> None:
    await _existing(clean_engine, quiet_store, "order-late", "order-early")
    async with writer.transaction():
        (early,) = await _append_in(writer, "order-late", one(1))
        later = await quiet_store.append("order-early", None, one(2), META)
        assert later.positions[0] > early["out_position"]  # committed first, numbered after
        seen = [e.stream_id for e in await quiet_store.read_all(limit=100)]
        assert seen == ["order-late", "order-early"]  # nothing past the transaction still open
        projector = Projector(clean_engine)
        assert await projector.run_once() == 2
    events = await _settled_events(clean_engine, quiet_store)
    assert [(e.stream_id, e.version) for e in events] == [
        ("order-late", 1), ("order-early", 1), ("order-late", 2), ("order-early", 2)
    ]  # fmt: skip
    assert await projector.catch_up() == 2  # the late one was not skipped


async def test_a_catch_up_waits_for_an_open_append_that_holds_back_a_committed_one(
    clean_engine: AsyncEngine, quiet_store: EventStore, writer: asyncpg.Connection
) -> None:
    await _existing(clean_engine, quiet_store, "order-open", "order-committed")
    transaction = writer.transaction()
    await transaction.start()
    await _append_in(writer, "order-open", one(1))
    await quiet_store.append("order-committed", None, one(2), META)
    catching_up = asyncio.create_task(Projector(clean_engine).catch_up(settle_seconds=10))
    await asyncio.sleep(0.3)
    assert not catching_up.done()
    await transaction.commit()
    assert await catching_up == 4


async def test_an_append_in_a_transaction_older_than_the_streams_last_append_is_refused(
    clean_engine: AsyncEngine, quiet_store: EventStore, writer: asyncpg.Connection
) -> None:
    await quiet_store.append("order-old", None, one(), META)
    async with writer.transaction():
        await writer.execute("SELECT pg_current_xact_id()")  # this transaction's id is older
        await quiet_store.append("order-old", 1, one(1), META)
        with pytest.raises(asyncpg.SerializationError):
            await _append_in(writer, "order-old", one(2))
    assert await quiet_store.stream_version("order-old") == 2
    assert [e.version for e in await _settled_events(clean_engine, quiet_store)] == [1, 2]


async def test_a_refused_append_takes_no_position(
    clean_engine: AsyncEngine, quiet_store: EventStore
) -> None:
    store = quiet_store
    first = one()
    await store.append("order-refused", 0, first, META)
    await store.append("order-refused", 1, one(1), META)
    with pytest.raises(WrongExpectedVersion):
        await store.append("order-refused", 1, one(2), META)
    with pytest.raises(DuplicateEventId):  # at the right version, with a stored id
        await store.append("order-refused", 2, [NewEvent(first[0].event_id, "Noted", {})], META)
    with pytest.raises(DuplicateEventId):  # on another stream
        await store.append("order-other", 0, first, META)
    landed = await store.append("order-refused", 2, one(3), META)
    assert landed.positions == (3,)
    assert (await verify(clean_engine)).ok


async def test_one_event_at_its_version_lands_in_one_statement_with_its_notifications(
    clean_engine: AsyncEngine, quiet_store: EventStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = quiet_store
    await store.append("order-fast", 0, one(), META)
    counting = await counted(store, monkeypatch)
    for version in (1, 2):
        event = one(version)
        note = _notification(event[0].event_id, version)
        await store.append("order-fast", version, event, META, notifications=[note])
    assert counting.queries == [ONE_WITH_NOTIFICATIONS, ONE_WITH_NOTIFICATIONS]
    events = await store.read_stream("order-fast")
    prev = GENESIS_HASH
    for e in events:
        assert e.prev_hash == prev
        assert e.hash == chain_hash_v2(prev, e.content_hash, e.position, e.version, e.recorded_at)
        prev = e.hash
    async with clean_engine.connect() as conn:
        rows = (await conn.exec_driver_sql("SELECT position, subject FROM novex_outbox")).all()
    assert sorted(rows) == [(2, "over 1"), (3, "over 2")]
    assert (await verify(clean_engine)).ok


def _notification(event_id: uuid.UUID, n: int) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "event_id": str(event_id),
        "kind": "deadline",
        "recipient": "regieteam",
        "channel": "log",
        "endpoint": None,
        "subject": f"over {n}",
        "body": "",
        "link": "/",
        "data": {},
    }
