"""A voorstel the province's message tells an area is recorded as one the area learns from the
store: on the adoption's day in Dutch time, a correction saying the province told it when the
area recorded later things since. Each path keeps its history."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from temporalio.testing import WorkflowEnvironment

from config.catalog_file import load_catalog
from domain.area import commands as ac
from domain.shared.effective import AMSTERDAM, day_of
from service.commands import StartWith, send_area_command
from service.rehearsal import Area
from store.eventstore import EventStore
from tests.workflows.histories import keep_recorded
from tests.workflows.test_late_milestones import (
    ADOPTED,
    AREA_STARTED,
    REF,
    _adopted_on,
    _agenda,
    _asked,
    _covers,
    _eventually,
    _milestones,
    _released,
    _signals,
    started_area,
)


async def _told(
    env: WorkflowEnvironment, queue: str, store: EventStore, area: Area
) -> dict[str, Any]:
    """The area asked the store before the province adopted its voorstel on ADOPTED: only the
    message tells it. What the area recorded of it."""
    await _eventually(lambda: _covers(_asked(area.client, area.stream_id), {REF}))
    province = await _adopted_on(env, queue, area.label or "", ADOPTED)
    stored = await store.read_stream(province.stream_id)
    assert [e.data["occurred_on"] for e in stored if e.type == "ProposalAdopted"] == [
        ADOPTED.isoformat()
    ]
    await _released(area)
    assert await _signals(area.client, area.stream_id, "external_reached") == 1
    assert await _asked(area.client, area.stream_id) == {REF}  # asked once, before: not again
    return (await _milestones(store, area.stream_id))[-1].data


async def test_a_voorstel_told_by_the_province_is_recorded_on_its_dutch_adoption_day(
    temporal_env: WorkflowEnvironment, worker_queue: str, store: EventStore
) -> None:
    area = Area(temporal_env.client, worker_queue, "zuid-limburg", load_catalog(), "told1")
    history = ac.AreaHistory(actor="regieteam", commands=tuple(_agenda(date(2023, 9, 1))))
    start = StartWith(area.catalog, worker_queue, "regieteam", on=AREA_STARTED)
    await send_area_command(
        area.client, area.area_id, history, area.label, key="history:zl", start=start
    )
    told = await _told(temporal_env, worker_queue, store, area)
    assert told["milestone"] == {"ref": REF, "expected": ADOPTED.isoformat(), "done": True}
    assert told["occurred_on"] == ADOPTED.isoformat()  # the adoption's day, not today's
    assert told["correction_reason"] is None  # nothing the area recorded came after it
    assert told["actor"].startswith("province-LI")


async def test_a_voorstel_told_after_the_area_recorded_later_things_is_a_reasoned_correction(
    temporal_env: WorkflowEnvironment, worker_queue: str, store: EventStore
) -> None:
    area = await started_area(temporal_env, worker_queue, "told2")
    for command in _agenda():  # today
        await area.send(command)
    told = await _told(temporal_env, worker_queue, store, area)
    assert told["milestone"]["expected"] == told["occurred_on"] == ADOPTED.isoformat()
    assert told["correction_reason"] == (
        f"{REF} bereikt op 2024-03-01; later gemeld door de provincie"
    )  # dated before the agenda recorded today: a correction, told by the province
    fetched = await area.client.get_workflow_handle(area.stream_id).fetch_history()
    await keep_recorded("area__voorstel_told_dated_on_its_adoption_day", fetched)


async def test_a_voorstel_adopted_just_after_midnight_dutch_time_is_told_on_that_dutch_day(
    skipping_env: WorkflowEnvironment, skipping_queue: str, store: EventStore
) -> None:
    area = Area(skipping_env.client, skipping_queue, "zuid-limburg", load_catalog())
    await area.start()
    for command in _agenda():
        await area.send(command)
    await _eventually(lambda: _covers(_asked(area.client, area.stream_id), {REF}))
    now = await skipping_env.get_current_time()
    dutch = now.astimezone(AMSTERDAM)
    midnight = datetime.combine(dutch.date() + timedelta(days=1), time(0, 10), AMSTERDAM)
    await skipping_env.sleep(midnight - now)  # ten past midnight, still yesterday in UTC
    province = await _adopted_on(skipping_env, skipping_queue, area.label or "", None)
    stored = await store.read_stream(province.stream_id)
    adopted = next(e for e in stored if e.type == "ProposalAdopted")
    day = date.fromisoformat(adopted.data["occurred_on"])
    at = datetime.fromisoformat(adopted.data["occurred_at"])
    assert day == day_of(at) and at.astimezone(UTC).date() < day  # the edge this is about

    await _released(area)
    told = (await _milestones(store, area.stream_id))[-1].data
    assert told["milestone"] == {"ref": REF, "expected": day.isoformat(), "done": True}
    assert told["occurred_on"] == day.isoformat()  # today, for the area: no correction
    assert told["correction_reason"] is None
    fetched = await area.client.get_workflow_handle(province.stream_id).fetch_history()
    await keep_recorded("province__voorstel_announced_on_its_dutch_day", fetched)
