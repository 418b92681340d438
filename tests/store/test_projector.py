"""The projector applies every event exactly once, in commit order, under concurrent writers; a
rebuild folds aside and swaps in at once."""

from __future__ import annotations

import asyncio
import random
import uuid

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from store.eventstore import EventMetadata, EventStore, NewEvent, WrongExpectedVersion
from store.projector import Projector

WRITERS = 8
EVENTS_PER_WRITER = 1250
STREAMS = 200


async def _writer(store: EventStore, writer: int, streams: list[str]) -> int:
    rng = random.Random(writer)
    written = 0
    meta = EventMetadata(actor=f"writer-{writer}")
    while written < EVENTS_PER_WRITER:
        s = rng.choice(streams)
        n = min(rng.randint(1, 20), EVENTS_PER_WRITER - written)
        batch = [NewEvent(uuid.uuid4(), "Noted", {"w": writer, "i": written + i}) for i in range(n)]
        try:
            version = await store.stream_version(s)
            await store.append(s, version, batch, meta)
        except WrongExpectedVersion:
            continue  # another writer got there first: read again and retry
        written += n
    return written


async def _status(engine: AsyncEngine) -> dict[str, tuple[int, int]]:
    async with engine.connect() as conn:
        rows = await conn.execute(
            text("SELECT stream_id, version, event_count FROM novex_stream_status")
        )
        return {r[0]: (r[1], r[2]) for r in rows.all()}


async def test_eight_concurrent_writers_and_a_running_projector_end_with_every_event_once(
    clean_engine: AsyncEngine, quiet_store: EventStore
) -> None:
    store = quiet_store
    streams = [f"load-{i:03d}" for i in range(STREAMS)]
    projector = Projector(clean_engine, batch_size=500)
    stop = asyncio.Event()
    follower = asyncio.create_task(projector.run(stop, idle_seconds=0.01))
    counts = await asyncio.gather(*(_writer(store, w, streams) for w in range(WRITERS)))
    total = sum(counts)
    assert total == WRITERS * EVENTS_PER_WRITER
    await projector.catch_up()
    stop.set()
    await follower

    everything = await store.read_all(limit=total + 10)
    # every position once, none skipped by a refused append; commit order is version order
    assert sorted(e.position for e in everything) == list(range(1, total + 1))
    assert [e.cursor for e in everything] == sorted(e.cursor for e in everything)
    for s in streams:
        assert [e.version for e in everything if e.stream_id == s] == list(
            range(1, await store.stream_version(s) + 1)
        )
    status = await _status(clean_engine)
    versions = {s: await store.stream_version(s) for s in streams}
    assert sum(versions.values()) == total
    for s, version in versions.items():
        if version:
            assert status[s] == (version, version), s  # applied once: count equals version
    assert sum(count for _, count in status.values()) == total


async def test_a_rebuilt_read_model_equals_the_live_one(
    clean_engine: AsyncEngine, quiet_store: EventStore
) -> None:
    store = quiet_store
    meta = EventMetadata(actor="tester")
    for i in range(30):
        await store.append(
            f"rb-{i % 7}", None, [NewEvent(uuid.uuid4(), f"Step{i % 3}", {"i": i})], meta
        )
    projector = Projector(clean_engine, batch_size=8)
    assert await projector.catch_up() == 30
    live = await _full(clean_engine)
    assert await projector.rebuild() == 30
    assert await _full(clean_engine) == live
    assert await projector.catch_up() == 0


async def _full(engine: AsyncEngine) -> list[tuple[object, ...]]:
    async with engine.connect() as conn:
        rows = await conn.execute(text("SELECT * FROM novex_stream_status ORDER BY stream_id"))
        return [tuple(r) for r in rows.all()]


class _Watched(Projector):
    """A projector that, each time its shadow folds a batch, counts the live rows another
    connection sees, and once appends a new event (traffic during the rebuild)."""

    seen: list[int] = []  # noqa: RUF012 - shared by the live projector and its shadow
    store: EventStore | None = None

    async def apply_batch(self, conn: AsyncConnection, limit: int | None = None) -> int:
        if self.name.endswith("~shadow"):
            async with self.engine.connect() as other:
                live = "SELECT count(*) FROM novex_stream_status"
                _Watched.seen.append(int(await other.scalar(text(live)) or 0))
            if len(_Watched.seen) == 1 and _Watched.store is not None:
                event = NewEvent(uuid.uuid4(), "Late", {})
                await _Watched.store.append("rb-late", None, [event], EventMetadata(actor="t"))
        return await super().apply_batch(conn, limit)


async def test_a_rebuild_folds_aside_so_the_board_is_never_empty_and_takes_in_late_events(
    clean_engine: AsyncEngine, quiet_store: EventStore
) -> None:
    meta = EventMetadata(actor="tester")
    for i in range(40):
        await quiet_store.append(f"rb-{i % 10}", None, [NewEvent(uuid.uuid4(), "Step", {})], meta)
    _Watched.seen, _Watched.store = [], quiet_store
    projector = _Watched(clean_engine, batch_size=7)
    await projector.catch_up()
    _Watched.seen = []

    assert await projector.rebuild() == 41  # 40, and the one appended meanwhile
    assert len(_Watched.seen) > 3 and set(_Watched.seen) == {10}  # never fewer rows than 10
    rows = await _full(clean_engine)
    assert len(rows) == 11 and await projector.catch_up() == 0
    async with clean_engine.connect() as conn:
        shadow = await conn.scalar(text("SELECT count(*) FROM novex_stream_status_shadow"))
        names = (await conn.execute(text("SELECT name FROM novex_projector_checkpoints"))).all()
    assert shadow == 0 and [n for (n,) in names] == ["stream_status"]
