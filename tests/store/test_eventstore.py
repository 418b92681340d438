"""The event store's contract, against a real PostgreSQL."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import text

from domain.shared.ids import StreamId
from store.eventstore import (
    DuplicateEventId,
    EventMetadata,
    EventStore,
    NewEvent,
    WrongExpectedVersion,
)

META = EventMetadata(actor="tester", correlation_id="c-1", workflow_id="wf-1", run_id="run-1")


def events(n: int, kind: str = "Noted") -> list[NewEvent]:
    return [NewEvent(uuid.uuid4(), kind, {"n": i, "text": f"gebeurtenis {i}"}) for i in range(n)]


def stream() -> str:
    return f"test-{uuid.uuid4().hex[:10]}"


async def test_appended_events_are_read_back_in_order_with_versions_and_metadata(
    store: EventStore,
) -> None:
    s = stream()
    result = await store.append(s, 0, events(3), META)
    assert result.versions == (1, 2, 3)
    assert list(result.positions) == sorted(result.positions)
    read = await store.read_stream(s)
    assert [e.data["n"] for e in read] == [0, 1, 2]
    assert [e.version for e in read] == [1, 2, 3]
    assert read[0].metadata["actor"] == "tester"
    assert read[0].metadata["correlation_id"] == "c-1"
    assert read[0].metadata["workflow_id"] == "wf-1"
    assert read[0].recorded_at.tzinfo is not None
    assert await store.stream_version(s) == 3
    later = await store.read_stream(s, from_version=3)
    assert [e.version for e in later] == [3]


async def test_append_with_a_stale_expected_version_names_stream_expected_and_actual(
    store: EventStore,
) -> None:
    s = stream()
    await store.append(s, 0, events(2), META)
    with pytest.raises(WrongExpectedVersion) as err:
        await store.append(s, 1, events(1), META)
    assert s in str(err.value) and "expected version 1" in str(err.value)
    assert err.value.actual == 2
    assert await store.stream_version(s) == 2


async def test_appending_to_a_new_stream_expecting_events_is_a_conflict(store: EventStore) -> None:
    s = stream()
    with pytest.raises(WrongExpectedVersion):
        await store.append(s, 4, events(1), META)
    assert await store.read_stream(s) == []


async def test_repeating_an_append_that_landed_returns_the_same_positions(
    store: EventStore,
) -> None:
    s = stream()
    batch = events(3)
    first = await store.append(s, 0, batch, META)
    again = await store.append(s, 0, batch, META)
    assert again == first
    assert len(await store.read_stream(s)) == 3


async def test_reusing_an_event_id_with_different_content_is_refused(store: EventStore) -> None:
    s = stream()
    batch = events(1)
    await store.append(s, 0, batch, META)
    changed = [NewEvent(batch[0].event_id, batch[0].type, {"n": 99})]
    with pytest.raises(DuplicateEventId):
        await store.append(s, 1, changed, META)
    assert [e.data["n"] for e in await store.read_stream(s)] == [0]


async def test_read_all_returns_every_stream_in_commit_order_after_a_cursor(
    store: EventStore,
) -> None:
    a, b = stream(), stream()
    await store.append(a, 0, events(2), META)
    await store.append(b, 0, events(2), META)
    await store.append(a, 2, events(1), META)
    first = (await store.read_stream(a))[1]
    after = await store.read_all(after=first.cursor, limit=100)
    mine = [e for e in after if e.stream_id in (a, b)]
    assert [e.stream_id for e in mine] == [b, b, a]
    positions = [e.position for e in after]
    assert positions == sorted(positions)
    assert positions == list(range(positions[0], positions[0] + len(positions)))


@pytest.mark.parametrize(
    "stream_id",
    ["province-GE", "area-de-peel.oefen_1", "escalation-province-NH~2.a.b", "alerts-notifications"],
)
async def test_the_store_records_the_kind_and_run_label_of_a_stream_as_its_id_reads_them(
    store: EventStore, stream_id: str
) -> None:
    unique = f"{stream_id}{uuid.uuid4().hex[:6]}"
    await store.append(unique, 0, events(1), META)
    async with store.engine.connect() as conn:
        row = (
            await conn.execute(
                text("SELECT kind, label FROM novex_events WHERE stream_id = :s"), {"s": unique}
            )
        ).one()
    parsed = StreamId.parse(unique)
    assert (row.kind, row.label) == (parsed.kind, parsed.label)


async def test_a_string_that_is_not_a_stream_id_is_refused_before_anything_lands(
    store: EventStore,
) -> None:
    with pytest.raises(ValueError):
        await store.append("zonder-streep.", 0, events(1), META)
