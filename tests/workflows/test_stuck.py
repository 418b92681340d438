"""No process dies of infrastructure: a store that refuses, a parent that is gone, a stream that
moved on. The process retries, says it is stuck (vastgelopen), and carries on by itself."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from temporalio.client import WorkflowExecutionStatus
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment

from config.binaries import temporal_test_server
from domain.area import commands as ac
from domain.escalation.commands import AgreeToProposal, ProposeDecision
from domain.escalation.events import Decision
from domain.shared import commands as cmd
from domain.shared.events import FrictionRaised
from domain.shared.models import Friction
from domain.views.as_of import AsOf
from notify.outbox import list_notifications
from service.commands import send_escalation_command
from service.recovery import recover_process
from service.rehearsal import Area, Journey, catalog_due_from, start_recorded, status_when
from store.eventstore import EventMetadata, EventStore, NewEvent
from store.status import status_as_of
from tests.workflows.faults import journey_on, own_worker, restricted_store
from tests.workflows.histories import keep_recorded
from workflows import search
from workflows.ids import escalation_workflow_id


async def _types(store: EventStore, stream_id: str) -> list[str]:
    return [e.type for e in await store.read_stream(stream_id)]


async def _kinds(store: EventStore, stream_id: str) -> set[str]:
    rows = await list_notifications(store.engine, limit=10_000)
    return {n["kind"] for n in rows if n["stream_id"] == stream_id}


async def test_a_process_whose_store_refuses_says_it_is_stuck_and_carries_on_once_it_accepts(
    skipping_env: WorkflowEnvironment, database_url: str, store: EventStore
) -> None:
    async with (
        restricted_store(database_url) as restricted,
        own_worker(skipping_env, restricted.store) as own,
    ):
        now = await skipping_env.get_current_time()
        journey = await journey_on(skipping_env, own, "OV")
        handle = journey.client.get_workflow_handle(journey.stream_id)
        alarm = datetime.fromisoformat((await handle.query("status"))["next_alarm"])
        await restricted.refuse_appends()
        await skipping_env.sleep(alarm - now + timedelta(minutes=3))

        status = await handle.query("status")
        assert status["stuck"]["label"] == "vastgelopen"
        assert status["stuck"]["operation"] == "IssueReminder"
        assert "permission denied" in status["stuck"]["cause"]
        assert (await handle.describe()).status is WorkflowExecutionStatus.RUNNING
        assert await _types(store, journey.stream_id) == ["JourneyStarted"]

        await restricted.accept_appends()
        await skipping_env.sleep(timedelta(minutes=20))
        assert await _types(store, journey.stream_id) == [
            "JourneyStarted",
            "ProcessStuck",
            "ReminderIssued",
            "ProcessResumed",
        ]
        assert (await handle.query("status"))["stuck"] is None
        assert {"stuck", "resumed", "reminder"} <= await _kinds(store, journey.stream_id)
        history = await handle.fetch_history()
    await keep_recorded("province__stuck_on_a_refusing_store_and_resumed", history)


async def test_an_append_conflict_is_caught_up_from_the_store_and_the_command_recorded(
    temporal_env: WorkflowEnvironment, worker_queue: str, store: EventStore
) -> None:
    journey = Journey(temporal_env.client, worker_queue, "UT")
    await journey.start()
    await start_recorded(journey.client, journey.stream_id)
    version = await store.stream_version(journey.stream_id)
    foreign = FrictionRaised(
        event_id=uuid.uuid4(),
        occurred_at=datetime.now(UTC),
        actor="elders",
        friction=Friction(id="S1", description="Buiten het traject om vastgelegd", raised_by="x"),
    )
    await store.append(
        journey.stream_id,
        version,
        [NewEvent(foreign.event_id, foreign.type, foreign.model_dump(mode="json"))],
        EventMetadata(actor="elders"),
    )
    result = await journey.send(cmd.RaiseFriction(actor="rijk", description="Tweede schuurpunt"))
    assert result.events == ["FrictionRaised"] and result.version == version + 2
    assert result.status["open_frictions"] == ["S1", "S2"]
    stored = await store.read_stream(journey.stream_id)
    assert [e.version for e in stored] == list(range(1, version + 3))
    handle = journey.client.get_workflow_handle(journey.stream_id)
    assert (await handle.describe()).status is WorkflowExecutionStatus.RUNNING
    await keep_recorded(
        "province__caught_up_after_an_append_conflict", await handle.fetch_history()
    )


async def _escalate(journey: Journey) -> str:
    await journey.start()
    await start_recorded(journey.client, journey.stream_id)
    await journey.send(cmd.RaiseFriction(actor="rijk", description="Windpark versus radar"))
    await journey.send(
        cmd.ChangeFriction(actor="regieteam", friction_id="S1", status="geëscaleerd")
    )
    escalation_id = escalation_workflow_id(journey.stream_id, 1)
    await status_when(journey.client, escalation_id, lambda s: s["level"] == 1)
    return escalation_id


async def _decide(journey: Journey, escalation_id: str) -> None:
    duo = journey.catalog.province(journey.code).civil_duo
    assert duo is not None
    a, b = duo.rijk.id, duo.region.id
    decision = Decision(kind="schuurpunt beslecht", text="Radar wordt verplaatst")
    client = journey.client
    await send_escalation_command(
        client, escalation_id, ProposeDecision(actor=a, member=a, decision=decision)
    )
    await send_escalation_command(
        client, escalation_id, AgreeToProposal(actor=b, member=b, proposal_id="P1")
    )


@pytest.fixture
async def lone_skipping() -> AsyncIterator[WorkflowEnvironment]:
    """A time-skipping server of this test's own: once an escalation whose parent run was
    terminated finishes, that server's clock no longer skips (a fault of the test server)."""
    env = await WorkflowEnvironment.start_time_skipping(
        data_converter=pydantic_data_converter,
        test_server_existing_path=temporal_test_server(),
    )
    await search.register(env.client, "default")
    yield env
    await env.shutdown()


async def test_an_escalation_whose_parent_is_gone_is_stuck_on_the_board_until_it_is_recovered(
    lone_skipping: WorkflowEnvironment, store: EventStore
) -> None:
    async with own_worker(lone_skipping, store) as own:
        await _stuck_until_recovered(lone_skipping, own.queue, store)


async def _stuck_until_recovered(
    skipping_env: WorkflowEnvironment, skipping_queue: str, store: EventStore
) -> None:
    now = await skipping_env.get_current_time()
    catalog = catalog_due_from(now.date() + timedelta(days=400))
    journey = Journey(skipping_env.client, skipping_queue, "FL", catalog)
    escalation_id = await _escalate(journey)
    await journey.client.get_workflow_handle(journey.stream_id).terminate("test: parent gone")
    await _decide(journey, escalation_id)
    await skipping_env.sleep(timedelta(minutes=3))

    handle = journey.client.get_workflow_handle(escalation_id)
    assert (await handle.describe()).status is WorkflowExecutionStatus.RUNNING
    assert (await _types(store, escalation_id))[-1] == "ProcessStuck"
    assert "stuck" in await _kinds(store, escalation_id)
    rows = await status_as_of(
        store.engine, AsOf(known=datetime.now(UTC)), journey.label
    )  # the board's fold
    board = {r["stream_id"]: r for r in rows}
    stuck = board[escalation_id]["summary"]["stuck"]
    assert stuck["label"] == "vastgelopen" and "not found" in stuck["cause"]

    queue, label = skipping_queue, journey.label
    for stream_id, outcome in (
        (journey.stream_id, "recovered"),
        (escalation_id, "already running; stuck, told to try again now"),
    ):
        assert (
            await recover_process(journey.client, store, stream_id, task_queue=queue, label=label)
            == outcome
        )
    await handle.result()  # the nudged escalation reports its decision now, and finishes
    assert (await _types(store, escalation_id))[-1] == "ProcessResumed"
    await status_when(journey.client, journey.stream_id, lambda s: s["open_frictions"] == [])
    assert (await _types(store, journey.stream_id))[-2:] == [
        "EscalationDecisionRecorded",
        "FrictionStatusChanged",
    ]
    history = await handle.fetch_history()
    await keep_recorded("escalation__stuck_until_its_parent_is_recovered", history)


async def test_an_area_that_cannot_deliver_its_perspective_is_stuck_until_the_journey_runs(
    skipping_env: WorkflowEnvironment, skipping_queue: str, store: EventStore
) -> None:
    now = await skipping_env.get_current_time()
    catalog = catalog_due_from(now.date() + timedelta(days=400))
    area = Area(skipping_env.client, skipping_queue, "de-peel", catalog)
    nb, li = (Journey(area.client, skipping_queue, c, catalog, area.label) for c in ("NB", "LI"))
    await nb.start()
    await start_recorded(nb.client, nb.stream_id)
    await area.start()
    await start_recorded(area.client, area.stream_id)
    result = await area.send(
        ac.DraftPerspective(actor="regio", document_ref="op", summary="s", readiness=95)
    )
    for party in result.status["perspective"]["missing_reviews"]:
        await area.send(ac.ReviewPerspective(actor=party, party=party, outcome="akkoord"))
    await area.send(ac.AdoptPerspective(actor="duo"))
    await skipping_env.sleep(timedelta(minutes=3))
    status = await area.status()
    assert status["perspective"]["delivered_to"] == ["NB"]
    assert li.stream_id in status["stuck"]["cause"]
    assert (await _types(store, area.stream_id))[-1] == "ProcessStuck"

    await li.start()  # the cause is gone; the area finds out at its next attempt
    await skipping_env.sleep(timedelta(minutes=20))
    status = await area.status()
    assert status["perspective"]["delivered_to"] == ["NB", "LI"] and status["stuck"] is None
    assert (await _types(store, area.stream_id))[-2:] == [
        "PerspectiveDeliveredToProvince",
        "ProcessResumed",
    ]
    await status_when(
        li.client, li.stream_id, lambda s: s["perspectives"]["delivered"] == ["de-peel"]
    )
    history = await area.client.get_workflow_handle(area.stream_id).fetch_history()
    await keep_recorded("area__stuck_until_a_journey_runs", history)
