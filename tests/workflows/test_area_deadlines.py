"""An area's ijkpunten under the time-skipping server: reminder, overdue, and done stops timers."""

from __future__ import annotations

from datetime import timedelta

from temporalio.testing import WorkflowEnvironment

from domain.area import commands as ac
from service.rehearsal import Area, catalog_due_from
from store.eventstore import EventStore


async def _targets(store: EventStore, stream: str, kind: str) -> list[str]:
    return [e.data["target"] for e in await store.read_stream(stream) if e.type == kind]


async def test_an_ijkpunt_reminds_before_and_escalates_after_its_due_date(
    skipping_env: WorkflowEnvironment, skipping_queue: str, store: EventStore
) -> None:
    now = await skipping_env.get_current_time()
    area = Area(
        skipping_env.client,
        skipping_queue,
        "zuid-limburg",
        catalog_due_from(now.date() + timedelta(days=100)),
    )
    await area.start()
    await skipping_env.sleep(timedelta(days=150))  # ijkpunt-1 due at +160, lead 14 days
    assert await _targets(store, area.stream_id, "ReminderIssued") == ["ijkpunt-1"]
    assert await _targets(store, area.stream_id, "DeadlineMissed") == []
    await skipping_env.sleep(timedelta(days=12))
    assert await _targets(store, area.stream_id, "DeadlineMissed") == ["ijkpunt-1"]
    assert (await area.status())["overdue"] == ["ijkpunt-1"]


async def test_a_reached_ijkpunt_stops_its_timers(
    skipping_env: WorkflowEnvironment, skipping_queue: str, store: EventStore
) -> None:
    now = await skipping_env.get_current_time()
    area = Area(
        skipping_env.client,
        skipping_queue,
        "regio-zwolle",
        catalog_due_from(now.date() + timedelta(days=100)),
    )
    await area.start()
    await area.send(ac.ReachCheckpoint(actor="duo", checkpoint=1, note="besproken in stuurgroep"))
    await skipping_env.sleep(timedelta(days=170))
    assert await _targets(store, area.stream_id, "DeadlineMissed") == []
    assert "ijkpunt-1" not in await _targets(store, area.stream_id, "ReminderIssued")
