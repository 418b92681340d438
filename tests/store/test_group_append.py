"""Single appends that arrive together go together in one statement, each checked on its own: a
conflict, a reused id or a cancelled caller in the group costs the others nothing."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import asyncpg
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from store.append_sql import GROUP, GROUP_WITH_NOTIFICATIONS, ONE, Encoded
from store.audit import verify
from store.eventstore import (
    DuplicateEventId,
    EventMetadata,
    EventStore,
    NewEvent,
    WrongExpectedVersion,
)
from store.group_append import GroupAppend, Single
from store.hashing import canonical_json
from tests.store.counting import counted

META = EventMetadata(actor="tester")
WRITERS = 8


def one(i: int = 0) -> list[NewEvent]:
    return [NewEvent(uuid.uuid4(), "Noted", {"i": i})]


async def _streams(store: EventStore, n: int, prefix: str) -> list[str]:
    names = [f"{prefix}-{w}" for w in range(n)]
    for name in names:
        await store.append(name, 0, one(), META)
    return names


async def test_appends_that_arrive_together_land_in_one_statement_and_keep_the_chain(
    clean_engine: AsyncEngine, quiet_store: EventStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = quiet_store
    streams = await _streams(store, WRITERS, "group")
    counting = await counted(store, monkeypatch)
    for version in (1, 2, 3):
        results = await asyncio.gather(
            *(store.append(s, version, one(version), META) for s in streams)
        )
        assert [r.versions for r in results] == [(version + 1,)] * WRITERS
    grouped = [n for query, n in counting.sent if query == GROUP]
    assert grouped and max(grouped) > 1, counting.sent
    assert sum(n for _, n in counting.sent) == 3 * WRITERS  # each sent once, none again
    for s in streams:
        assert [e.version for e in await store.read_stream(s)] == [1, 2, 3, 4]
    report = await verify(clean_engine)
    assert report.ok, report


async def test_a_conflict_in_a_group_is_refused_alone_and_leaves_no_hole(
    clean_engine: AsyncEngine, quiet_store: EventStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = quiet_store
    streams = await _streams(store, WRITERS, "clash")
    counting = await counted(store, monkeypatch)
    stale = store.append(streams[0], 7, one(), META)  # that stream is at version 1
    outcomes = await asyncio.gather(
        stale, *(store.append(s, 1, one(1), META) for s in streams[1:]), return_exceptions=True
    )
    assert isinstance(outcomes[0], WrongExpectedVersion)
    assert all(not isinstance(o, BaseException) for o in outcomes[1:]), outcomes
    assert any(query == GROUP and n > 1 for query, n in counting.sent)
    positions = sorted(e.position for e in await store.read_all(limit=100))
    assert positions == list(range(1, WRITERS * 2))  # the refused one took no position
    assert (await verify(clean_engine)).ok


async def test_a_reused_event_id_in_a_group_is_refused_and_the_rest_land(
    clean_engine: AsyncEngine, quiet_store: EventStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = quiet_store
    streams = await _streams(store, WRITERS, "reuse")
    await counted(store, monkeypatch)
    shared = uuid.uuid4()
    twice = [NewEvent(shared, "Noted", {"i": 1})]
    # one id in two appends of the same group: the group's insert fails as a whole, so each
    # goes again alone: one lands, the other is told its id is taken
    outcomes = await asyncio.gather(
        store.append(streams[0], 1, twice, META),
        store.append(streams[1], 1, [NewEvent(shared, "Noted", {"i": 2})], META),
        *(store.append(s, 1, one(1), META) for s in streams[2:]),
        return_exceptions=True,
    )
    refused = [o for o in outcomes if isinstance(o, BaseException)]
    assert len(refused) == 1 and isinstance(refused[0], DuplicateEventId), outcomes
    assert [await store.stream_version(s) for s in streams].count(2) == WRITERS - 1
    # a retry of the one that landed gets its place back
    first = not isinstance(outcomes[0], BaseException)
    landed = (streams[0], twice) if first else (streams[1], [NewEvent(shared, "Noted", {"i": 2})])
    assert (await store.append(landed[0], 1, landed[1], META)).versions == (2,)
    positions = sorted(e.position for e in await store.read_all(limit=100))
    assert positions == list(range(1, 2 * WRITERS))  # the refused one took no position
    assert (await verify(clean_engine)).ok


async def test_a_payload_the_server_cannot_store_is_refused_and_takes_no_position(
    clean_engine: AsyncEngine, quiet_store: EventStore
) -> None:
    store = quiet_store
    await store.append("nul-1", 0, one(), META)
    with pytest.raises(asyncpg.PostgresError):  # JSON text may not hold a NUL character
        await store.append("nul-1", 1, [NewEvent(uuid.uuid4(), "Noted", {"x": "a\x00b"})], META)
    landed = await store.append("nul-1", 1, one(1), META)
    assert landed.positions == (2,)


class _Stalled:
    """A pool whose first statement never answers (a stalled connection), the rest at once."""

    def __init__(self) -> None:
        self.calls = 0
        self.cancelled = asyncio.Event()

    async def fetch(self, query: str, *args: Any) -> Any:
        self.calls += 1
        if self.calls == 1:
            try:
                await asyncio.Event().wait()
            finally:
                self.cancelled.set()
        event_ids = args[2] if isinstance(args[2], list) else [args[2]]
        versions = args[1] if isinstance(args[1], list) else [args[1]]
        return [(e, 1, v + 1) for e, v in zip(event_ids, versions, strict=True)]


async def test_a_stalled_group_whose_callers_all_gave_up_frees_its_lane() -> None:
    pool = _Stalled()
    group = GroupAppend(pool, lanes=1)  # type: ignore[arg-type]
    group._alone = False
    meta = canonical_json({"actor": "tester"})

    def single(stream: str) -> Single:
        event = one()[0]
        return Single(stream, 1, Encoded.of(stream, event, {"actor": "tester"}), meta)

    waiting = [asyncio.create_task(group.append(single(f"s-{n}"))) for n in range(3)]
    await asyncio.sleep(0.05)
    for task in waiting:
        task.cancel()
    await asyncio.wait_for(pool.cancelled.wait(), 5)  # the statement was stopped
    assert await asyncio.wait_for(group.append(single("s-9")), 5) == (1, 2)


async def test_a_caller_that_gives_up_while_waiting_costs_the_group_nothing(
    clean_engine: AsyncEngine, quiet_store: EventStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = quiet_store
    streams = await _streams(store, WRITERS, "gone")
    counting = await counted(store, monkeypatch)
    group = await store.group()
    group._alone = False  # the next appends wait for a turn of the loop: one gives up there
    tasks = [asyncio.create_task(store.append(s, 1, one(1), META)) for s in streams]
    await asyncio.sleep(0)
    tasks[0].cancel()
    done = await asyncio.gather(*tasks, return_exceptions=True)
    assert isinstance(done[0], asyncio.CancelledError)
    assert all(r.versions == (2,) for r in done[1:] if not isinstance(r, BaseException))
    assert await store.stream_version(streams[0]) == 1  # it never left
    assert [n for _, n in counting.sent] == [WRITERS - 1]
    assert (await verify(clean_engine)).ok


async def test_notifications_of_a_group_commit_with_their_own_events(
    clean_engine: AsyncEngine, quiet_store: EventStore
) -> None:
    store = quiet_store
    streams = await _streams(store, 4, "noted")
    events = [one(i) for i in range(4)]
    notes: list[list[dict[str, Any]]] = [
        [
            {
                "id": str(uuid.uuid4()),
                "event_id": str(e[0].event_id),
                "kind": "deadline",
                "recipient": "regieteam",
                "channel": "log",
                "endpoint": None,
                "subject": f"over {i}",
                "body": "",
                "link": "/",
                "data": {},
            }
        ]
        if i % 2
        else []
        for i, e in enumerate(events)
    ]
    (await store.group())._alone = False
    await asyncio.gather(
        *(
            store.append(s, 1, e, META, notifications=n)
            for s, e, n in zip(streams, events, notes, strict=True)
        )
    )
    async with clean_engine.connect() as conn:
        rows = (
            await conn.exec_driver_sql(
                "SELECT stream_id, event_id::text, subject FROM novex_outbox"
            )
        ).all()
    assert sorted(rows) == [
        (streams[1], str(events[1][0].event_id), "over 1"),
        (streams[3], str(events[3][0].event_id), "over 3"),
    ]


def test_the_group_statements_differ_only_in_what_they_are_given() -> None:
    assert GROUP.split("), now AS")[1] == ONE.split("), now AS")[1]
    assert "outbox" in GROUP_WITH_NOTIFICATIONS and "outbox" not in GROUP
