"""The contenders of the event store benchmark: novex's appends and raw inserts of the same rows,
by 1 or 8 writers; the projector's rate; one append's time taken apart."""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial

import asyncpg
from sqlalchemy.ext.asyncio import AsyncEngine

from config.settings import to_plain_url
from store.append_sql import ONE, Encoded
from store.eventstore import EventMetadata, EventStore, NewEvent
from store.hashing import canonical_json
from store.projector import Projector

META = EventMetadata(actor="bench", correlation_id="bench")

RAW_TABLE = """
CREATE TABLE IF NOT EXISTS bench_raw (LIKE novex_events INCLUDING ALL);
CREATE SEQUENCE IF NOT EXISTS bench_raw_position;
"""
RAW_INSERT = """
INSERT INTO bench_raw(position, stream_id, version, event_id, type, schema_version, data,
                      metadata, recorded_at, content_hash, hash, prev_hash, kind, label,
                      hash_scheme)
VALUES (nextval('bench_raw_position'), $1, $2, $3, $4, 1, $5::jsonb, $6::jsonb, $7, $8, $8, $8,
        split_part($1, '-', 1), NULL, 2)
"""


@dataclass(frozen=True)
class Sizes:
    """How much each contender does per round, and how many rounds."""

    singles: int  # appends per round, shared among the writers
    batches: int  # appends of 100 events per round
    rounds: int
    profiled: int  # appends per step of the profile

    @classmethod
    def full(cls) -> Sizes:
        return cls(singles=400, batches=20, rounds=15, profiled=1000)

    @classmethod
    def quick(cls) -> Sizes:
        return cls(singles=400, batches=10, rounds=5, profiled=300)

    def per_writer(self, writers: int) -> int:
        return self.singles // writers


def _payload(i: int) -> dict[str, object]:
    return {
        "type": "ReviewSubmitted",
        "checkpoint": 1,
        "party": f"party-{i % 7}",
        "remarks": "x" * 80,
    }


def _raw_args(stream: str, version: int, i: int) -> tuple[object, ...]:
    meta = json.dumps({"actor": "bench", "correlation_id": "bench"})
    return (
        stream,
        version,
        uuid.uuid4(),
        "ReviewSubmitted",
        json.dumps(_payload(i)),
        meta,
        datetime.now(UTC),
        "0" * 64,
    )


def _event(i: int) -> NewEvent:
    return NewEvent(uuid.uuid4(), "ReviewSubmitted", _payload(i))


Work = Callable[[], Awaitable[int]]


class Contenders:
    """novex's appends and raw inserts of the same rows, each round on fresh streams."""

    def __init__(self, store: EventStore, pool: asyncpg.Pool, sizes: Sizes) -> None:
        self.store, self.pool, self.sizes = store, pool, sizes
        self.round = 0

    def singles(self, writers: int) -> tuple[Work, Work]:
        """Both contenders with ``writers`` writers, each on a stream of its own that it goes on
        appending to round after round (created before the first round)."""
        n = self.sizes.per_writer(writers)
        versions = dict.fromkeys(range(writers), 0)

        async def ours() -> int:
            await asyncio.gather(
                *(self._ours(f"bench-{writers}-{w}", versions, w, n) for w in versions)
            )
            return n * writers

        async def raw() -> int:
            self.round += 1
            streams = [f"raw-{self.round}-{w}" for w in range(writers)]
            await asyncio.gather(*(self._raw(s, n) for s in streams))
            return n * writers

        return ours, raw

    async def create(self, writers: int) -> None:
        """Every writer's stream, with its first event."""
        for w in range(writers):
            await self.store.append(f"bench-{writers}-{w}", 0, [_event(0)], META)

    async def _ours(self, stream: str, versions: dict[int, int], w: int, n: int) -> None:
        for i in range(n):
            versions[w] += 1
            await self.store.append(stream, versions[w], [_event(i)], META)

    async def _raw(self, stream: str, n: int) -> None:
        async with self.pool.acquire() as conn:
            for i in range(n):
                await conn.execute(RAW_INSERT, *_raw_args(stream, i + 1, i))

    async def ours_batch(self) -> int:
        self.round += 1
        for b in range(self.sizes.batches):
            events = [_event(i) for i in range(100)]
            await self.store.append(f"bench-batch-{self.round}-{b}", 0, events, META)
        return self.sizes.batches * 100

    async def raw_batch(self) -> int:
        self.round += 1
        async with self.pool.acquire() as conn:
            for b in range(self.sizes.batches):
                rows = [_raw_args(f"raw-batch-{self.round}-{b}", i + 1, i) for i in range(100)]
                async with conn.transaction():
                    await conn.executemany(RAW_INSERT, rows)
        return self.sizes.batches * 100


async def projector_rate(engine: AsyncEngine, store: EventStore) -> tuple[float, int]:
    """Events per second a projector folds when it catches up with everything appended."""
    projector = Projector(engine)
    started = time.perf_counter()
    applied = await projector.catch_up()
    return applied / (time.perf_counter() - started), applied


def _statement_args(stream: str, version: int, i: int) -> tuple[object, ...]:
    meta = META.model_dump(exclude_none=True)
    event = _event(i)
    one = Encoded.of(stream, event, meta)
    return (
        stream, version, event.event_id, event.type, event.schema_version, one.digest,
        one.data_json, canonical_json(meta),
    )  # fmt: skip


Call = Callable[[], Awaitable[object]]


async def _interleaved(steps: dict[str, list[Call]], chunk: int = 50) -> dict[str, float]:
    """Microseconds per call of each step; the steps take turns, ``chunk`` calls at a time, so
    that a change in the machine's load weighs on all of them alike."""
    totals = dict.fromkeys(steps, 0.0)
    n = min(len(calls) for calls in steps.values())
    for start in range(0, n, chunk):
        for name, calls in steps.items():
            started = time.perf_counter()
            for call in calls[start : start + chunk]:
                await call()
            totals[name] += time.perf_counter() - started
    return {name: total / n * 1e6 for name, total in totals.items()}


async def profile(store: EventStore, url: str, n: int) -> dict[str, float]:
    """One append taken apart: the whole call, its statement alone, a raw insert (both also
    without waiting for the commit's WAL flush), an empty round trip, the encoding in Python."""
    conn = await asyncpg.connect(to_plain_url(url))
    unflushed = await asyncpg.connect(to_plain_url(url))
    try:
        await unflushed.execute("SET synchronous_commit = off")
        for stream in ("profile-append", "profile-statement", "profile-unflushed"):
            await store.append(stream, 0, [_event(0)], META)

        def statements(on: asyncpg.Connection, stream: str) -> list[Call]:
            ready = [_statement_args(stream, i + 1, i) for i in range(n)]
            return [partial(on.fetchrow, ONE, *a) for a in ready]

        def raws(on: asyncpg.Connection, stream: str) -> list[Call]:
            ready = [_raw_args(stream, i + 1, i) for i in range(n)]
            return [partial(on.execute, RAW_INSERT, *a) for a in ready]

        steps = await _interleaved(
            {
                "append": [
                    partial(store.append, "profile-append", i + 1, [_event(i)], META)
                    for i in range(n)
                ],
                "statement": statements(conn, "profile-statement"),
                "raw": raws(conn, "profile-raw"),
                "statement_unflushed": statements(unflushed, "profile-unflushed"),
                "raw_unflushed": raws(unflushed, "profile-raw-unflushed"),
                "round_trip": [partial(conn.fetchval, "SELECT 1") for _ in range(n)],
            }
        )
        steps["encode"] = _encoding(n)
        return steps
    finally:
        await conn.close()
        await unflushed.close()


def _encoding(n: int) -> float:
    """Microseconds to encode one event as the append does (canonical JSON, content hash)."""
    meta = META.model_dump(exclude_none=True)
    events = [_event(i) for i in range(n)]
    started = time.perf_counter()
    for event in events:
        Encoded.of("profile-encode", event, meta)
    return (time.perf_counter() - started) / n * 1e6
