"""An area learns of every external milestone its agenda waits for that was reached while it was
not listening — not started yet, started later through an import, recovered after it died, or
depending on it only after the province's message went by — on the day the province adopted its
voorstel; a milestone not reached (in its own run) stays open. Each path keeps its history."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

from temporalio.api.enums.v1 import EventType
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment

from config.catalog_file import load_catalog
from domain.area import commands as ac
from domain.area.agenda import Action, Dependency, External, voorstel_ref
from domain.province import commands as cmd
from service.commands import StartWith, send_area_command
from service.recovery import recover_process
from service.rehearsal import Area, Journey, start_recorded, status_when
from service.starting import start_areas, start_journeys
from store.eventstore import EventStore, StoredEvent
from tests.workflows.histories import keep_recorded

STARTED = date(2022, 12, 12)
AREA_STARTED = date(2023, 6, 1)
ADOPTED = date(2024, 3, 1)
REF = voorstel_ref("LI")
BLOCKED = "geblokkeerd"


def _agenda(on: date | None = None) -> list[ac.AreaCommand]:
    """Zuid-Limburg's action that waits for Limburg's voorstel (recorded on ``on``)."""
    action = Action(
        id="grensbaan",
        title="Grensbaan",
        owner="provincie",
        planned_start=date(2027, 1, 1),
        planned_end=date(2027, 6, 1),
    )
    expected = External(ref=REF, expected=date(2024, 6, 1))
    return [
        ac.RecordExternalMilestone(actor="regio", milestone=expected, occurred_on=on),
        ac.AddAction(actor="regio", action=action, occurred_on=on),
        ac.AddDependency(
            actor="regio", dependency=Dependency(before=REF, after="grensbaan"), occurred_on=on
        ),
    ]


async def _adopted_on(env: WorkflowEnvironment, queue: str, label: str, on: date | None) -> Journey:
    """Limburg's journey entered on past dates up to its voorstel, adopted on ``on`` (None:
    now)."""
    journey = Journey(env.client, queue, "LI", load_catalog(), label)
    started = await start_journeys(
        env.client, journey.catalog, actor="regieteam", task_queue=queue, codes=["LI"],
        label=label, occurred_on=STARTED,
    )  # fmt: skip
    assert started == {"LI": "started"}
    for n, drafted in enumerate((date(2023, 1, 20), date(2023, 5, 20), date(2023, 9, 20)), 1):
        draft = cmd.SubmitDraft(
            actor="gs", checkpoint=n, document_ref=f"d{n}", summary="s", occurred_on=drafted
        )
        result = await journey.send(draft)
        for party in result.status["checkpoints"][str(n)]["missing_reviews"]:
            await journey.send(
                cmd.SubmitReview(
                    actor=party, checkpoint=n, party=party, outcome="akkoord", occurred_on=drafted
                )
            )
    await journey.send(
        cmd.SubmitProposal(
            actor="gs", document_ref="voorstel", summary="v", occurred_on=date(2024, 2, 15)
        )
    )
    result = await journey.send(cmd.AdoptProposal(actor="minister-vro", occurred_on=on))
    assert "ProposalAdopted" in result.events
    return journey


async def _released(area: Area) -> dict[str, Any]:
    return await status_when(
        area.client, area.stream_id, lambda s: s["agenda"]["status"]["grensbaan"] != BLOCKED
    )


async def _milestones(store: EventStore, stream_id: str) -> list[StoredEvent]:
    return [e for e in await store.read_stream(stream_id) if e.type == "ExternalMilestoneRecorded"]


async def _history_events(client: Client, workflow_id: str) -> list[Any]:
    return list((await client.get_workflow_handle(workflow_id).fetch_history()).events)


async def _asked(client: Client, workflow_id: str) -> set[str]:
    """The refs the area's run asked the store about and got an answer for."""
    events = await _history_events(client, workflow_id)
    scheduled = {
        e.event_id: json.loads(e.activity_task_scheduled_event_attributes.input.payloads[0].data)
        for e in events
        if e.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
        and e.activity_task_scheduled_event_attributes.activity_type.name == "milestones_reached"
    }
    answered = [
        scheduled[e.activity_task_completed_event_attributes.scheduled_event_id]
        for e in events
        if e.event_type == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED
        and e.activity_task_completed_event_attributes.scheduled_event_id in scheduled
    ]
    return {ref for request in answered for ref in request["refs"]}


async def _eventually(check: Callable[[], Awaitable[bool]], within: float = 60.0) -> None:
    """Wait until ``check`` holds (a loaded machine may take long); fail after ``within`` s."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while not await check():
        assert loop.time() < deadline, "condition not met in time"
        await asyncio.sleep(0.1)


async def _one(count: Awaitable[int]) -> bool:
    return await count == 1


async def _covers(found: Awaitable[set[str]], wanted: set[str]) -> bool:
    return wanted <= await found


async def _signals(client: Client, workflow_id: str, name: str) -> int:
    events = await _history_events(client, workflow_id)
    return sum(
        1
        for e in events
        if e.event_type == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED
        and e.workflow_execution_signaled_event_attributes.signal_name == name
    )


async def started_area(env: WorkflowEnvironment, queue: str, label: str) -> Area:
    """Zuid-Limburg's area under a label of its own, started on AREA_STARTED, its start
    recorded."""
    area = Area(env.client, queue, "zuid-limburg", load_catalog(), label)
    begun = await start_areas(
        area.client, area.catalog, actor="regieteam", task_queue=queue,
        areas=[area.area_id], label=area.label, occurred_on=AREA_STARTED,
    )  # fmt: skip
    assert begun == {"zuid-limburg": "started"}
    await start_recorded(area.client, area.stream_id)
    return area


async def test_an_area_imported_after_its_province_adopted_the_voorstel_learns_it_on_that_day(
    temporal_env: WorkflowEnvironment, worker_queue: str, store: EventStore
) -> None:
    province = await _adopted_on(temporal_env, worker_queue, "late1", ADOPTED)
    area = Area(temporal_env.client, worker_queue, "zuid-limburg", province.catalog, "late1")
    history = ac.AreaHistory(actor="regieteam", commands=tuple(_agenda(date(2023, 9, 1))))
    start = StartWith(area.catalog, worker_queue, "regieteam", on=AREA_STARTED)
    result = await send_area_command(
        area.client, area.area_id, history, area.label, key="history:zl", start=start
    )
    assert result.status["agenda"]["status"]["grensbaan"] == BLOCKED  # as its history says

    status = await _released(area)
    assert status["agenda"]["status"]["grensbaan"] == "gereed om te starten"
    learned = (await _milestones(store, area.stream_id))[-1].data
    assert learned["milestone"] == {"ref": REF, "expected": "2024-03-01", "done": True}
    assert learned["occurred_on"] == ADOPTED.isoformat()  # the adoption's day, not today's
    assert learned["correction_reason"] is None  # nothing the area recorded came after it
    assert learned["actor"] == province.stream_id
    fetched = await area.client.get_workflow_handle(area.stream_id).fetch_history()
    await keep_recorded("area__voorstel_learned_after_its_history", fetched)


async def test_an_action_that_depends_on_a_voorstel_adopted_before_is_released_without_a_signal(
    temporal_env: WorkflowEnvironment, worker_queue: str, store: EventStore
) -> None:
    area = await started_area(temporal_env, worker_queue, "late2")
    await _adopted_on(temporal_env, worker_queue, area.label, ADOPTED)
    signalled = lambda: _signals(area.client, area.stream_id, "external_reached")  # noqa: E731
    await _eventually(lambda: _one(signalled()))  # it came while nothing waited for it
    assert await _milestones(store, area.stream_id) == []  # and was let pass

    for command in _agenda():  # today
        await area.send(command)
    status = await _released(area)
    assert status["agenda"]["status"]["grensbaan"] == "gereed om te starten"
    assert await signalled() == 1  # no new one
    learned = (await _milestones(store, area.stream_id))[-1].data
    assert learned["milestone"]["done"] is True
    assert learned["milestone"]["expected"] == learned["occurred_on"] == ADOPTED.isoformat()
    assert learned["correction_reason"] == (
        f"{REF} bereikt op 2024-03-01; later vernomen uit de event store"
    )  # dated before the agenda recorded today: a correction
    fetched = await area.client.get_workflow_handle(area.stream_id).fetch_history()
    await keep_recorded("area__voorstel_learned_when_depended_on", fetched)


async def test_an_area_recovered_after_it_died_learns_the_voorstel_adopted_meanwhile(
    temporal_env: WorkflowEnvironment, worker_queue: str, store: EventStore
) -> None:
    area = Area(temporal_env.client, worker_queue, "zuid-limburg")
    province = Journey(area.client, worker_queue, "LI", area.catalog, area.label)
    await province.start()
    await area.start()
    for command in _agenda():
        result = await area.send(command)
    assert result.status["agenda"]["status"]["grensbaan"] == BLOCKED
    await area.client.get_workflow_handle(area.stream_id).terminate("test: the area died")

    await province.to_arrangement()  # adopts the voorstel: the area is not there to hear it
    outcome = await recover_process(
        area.client, store, area.stream_id, task_queue=worker_queue, label=area.label
    )
    assert outcome == "recovered"
    await _released(area)
    stored = await store.read_stream(province.stream_id)
    adopted = [e for e in stored if e.type == "ProposalAdopted"]
    learned = (await _milestones(store, area.stream_id))[-1].data
    assert learned["milestone"]["done"] is True
    assert learned["milestone"]["expected"] == adopted[0].data["occurred_on"]
    assert learned["occurred_on"] == adopted[0].data["occurred_on"]
    fetched = await area.client.get_workflow_handle(area.stream_id).fetch_history()
    await keep_recorded("area__voorstel_learned_when_recovered", fetched)


async def test_a_milestone_not_reached_in_the_area_s_own_run_stays_open(
    temporal_env: WorkflowEnvironment, worker_queue: str, store: EventStore
) -> None:
    elsewhere = Journey(temporal_env.client, worker_queue, "LI", label="late3-rehearsal")
    await elsewhere.start()
    await elsewhere.to_arrangement()  # Limburg's voorstel adopted — in another run
    area = Area(temporal_env.client, worker_queue, "zuid-limburg", label="late3")
    await Journey(area.client, worker_queue, "LI", area.catalog, area.label).start()
    await area.start()
    others = ("province:ZZ/voorstel", "area:lelylijn/bouw")  # no such province; no answer
    for ref in others:
        milestone = External(ref=ref, expected=date(2027, 1, 1))
        await area.send(ac.RecordExternalMilestone(actor="regio", milestone=milestone))
    for command in _agenda():
        await area.send(command)

    asked = {REF, *others}
    await _eventually(lambda: _covers(_asked(area.client, area.stream_id), asked))
    assert (await area.status())["agenda"]["status"]["grensbaan"] == BLOCKED
    state = await area.client.get_workflow_handle(area.stream_id).query("state")
    assert sorted(state["externals"]) == sorted(asked)
    assert not any(m["done"] for m in state["externals"].values())
    assert not [e for e in await _milestones(store, area.stream_id) if e.data["milestone"]["done"]]
