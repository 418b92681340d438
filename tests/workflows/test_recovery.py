"""The store is the system of record: a process whose run is gone is recovered from its events."""

from __future__ import annotations

import json
import os
import uuid
from datetime import UTC, datetime

import pytest
from temporalio.api.common.v1 import WorkflowExecution
from temporalio.api.workflowservice.v1 import ResetWorkflowExecutionRequest
from temporalio.client import WorkflowExecutionStatus
from temporalio.testing import WorkflowEnvironment

from domain.province import commands as cmd
from domain.province.summary import summarize_province
from domain.shared.events import EscalationRequested
from service.commands import CommandRefused
from service.recovery import RecoveryRefused, recover_process
from service.rehearsal import AGREEMENTS, Journey, start_recorded, status_when
from store.eventstore import EventMetadata, EventStore, NewEvent
from store.recovery import fold_stream
from tests.e2e.conftest import NOVEX, run
from tests.workflows.histories import keep_recorded
from workflows.ids import escalation_workflow_id


async def _recover(journey: Journey, store: EventStore) -> str:
    return await recover_process(
        journey.client, store, journey.stream_id, task_queue=journey.queue, label=journey.label
    )


async def _finish(journey: Journey) -> list[str]:
    """From ijkmoment 3 to a signed arrangement."""
    await journey.pass_checkpoint(3)
    await journey.send(cmd.SubmitProposal(actor="gs", document_ref="voorstel", summary="v"))
    await journey.send(cmd.AdoptProposal(actor="minister-vro"))
    drafted = await journey.send(
        cmd.DraftArrangement(
            actor="regieteam", text="Ruimtelijk arrangement", agreements=AGREEMENTS
        )
    )
    text_hash = drafted.status["arrangement"]["text_hash"]
    events: list[str] = []
    for signatory in ("gedeputeerde-fr", "minister-vro"):
        signed = await journey.send(
            cmd.SignArrangement(actor=signatory, signatory=signatory, text_hash=text_hash)
        )
        events += signed.events
    return events


async def test_a_journey_terminated_halfway_is_recovered_from_the_store_and_signs_its_arrangement(
    temporal_env: WorkflowEnvironment, worker_queue: str, store: EventStore
) -> None:
    journey = Journey(temporal_env.client, worker_queue, "FR")
    await journey.start()
    await start_recorded(journey.client, journey.stream_id)
    await journey.pass_checkpoint(1)
    await journey.pass_checkpoint(2)
    before = await store.read_stream(journey.stream_id)
    handle = journey.client.get_workflow_handle(journey.stream_id)
    first_run = (await handle.describe()).run_id
    await handle.terminate("test: the run is lost halfway")
    with pytest.raises(CommandRefused, match="not running"):
        await journey.pass_checkpoint(3)

    assert await _recover(journey, store) == "recovered"
    folded = await fold_stream(store, journey.stream_id)
    status = await status_when(journey.client, journey.stream_id, lambda s: s["round"] == 1)
    assert status == summarize_province(folded.state)
    assert status["current_checkpoint"] == 3 and status["next_alarm"] is not None
    assert await _recover(journey, store) == "already running"

    assert await _finish(journey) == [
        "ArrangementSigned",
        "ArrangementSigned",
        "ArrangementConcluded",
    ]
    stored = await store.read_stream(journey.stream_id)
    assert [e.event_id for e in stored[: len(before)]] == [e.event_id for e in before]
    assert [e.version for e in stored] == list(range(1, len(stored) + 1))
    assert [e.type for e in stored].count("JourneyStarted") == 1
    runs = {e.metadata["run_id"] for e in stored}
    assert first_run in runs and len(runs) == 2
    recovered = journey.client.get_workflow_handle(journey.stream_id)
    await keep_recorded("province__recovered_from_the_store", await recovered.fetch_history())


async def test_a_recovered_journey_starts_the_escalation_it_requested_that_never_started(
    temporal_env: WorkflowEnvironment, worker_queue: str, store: EventStore
) -> None:
    journey = Journey(temporal_env.client, worker_queue, "DR")
    await journey.start()
    await start_recorded(journey.client, journey.stream_id)
    await journey.client.get_workflow_handle(journey.stream_id).terminate("test")
    version = await store.stream_version(journey.stream_id)
    request = EscalationRequested(
        event_id=uuid.uuid4(),
        occurred_at=datetime.now(UTC),
        actor="regieteam",
        subject="ijkmoment-1",
        reason="de run verdween voordat de escalatie startte",
    )
    await store.append(
        journey.stream_id,
        version,
        [NewEvent(request.event_id, request.type, request.model_dump(mode="json"))],
        EventMetadata(actor="regieteam"),
    )
    assert await _recover(journey, store) == "recovered"
    escalation_id = escalation_workflow_id(journey.stream_id, 1)
    status = await status_when(journey.client, escalation_id, lambda s: s["level"] == 1)
    assert status["subject"] == "ijkmoment-1" and status["parent"] == journey.stream_id


async def test_recovery_refuses_what_it_cannot_recover_and_restarts_a_running_run_only_if_asked(
    temporal_env: WorkflowEnvironment, worker_queue: str, store: EventStore
) -> None:
    journey = Journey(temporal_env.client, worker_queue, "LI")
    client, queue, label = journey.client, worker_queue, journey.label
    for stream_id, message in (
        ("not a stream", "not a stream id"),
        (f"alerts-notifications.{label}", "is no process"),
        ("province-LI", "is not a process of the run labelled"),
        (f"province-LI.{label}", "no events in the event store"),
    ):
        with pytest.raises(RecoveryRefused, match=message):
            await recover_process(client, store, stream_id, task_queue=queue, label=label)
    await journey.start()
    await start_recorded(journey.client, journey.stream_id)
    handle = client.get_workflow_handle(journey.stream_id)
    first = await handle.describe()
    assert await _recover(journey, store) == "already running"
    assert (await handle.describe()).run_id == first.run_id
    outcome = await recover_process(
        client, store, journey.stream_id, task_queue=queue, label=label, restart=True
    )
    assert outcome == "recovered"
    await status_when(client, journey.stream_id, lambda s: s["phase"] == "ijkmoment 1")
    old = client.get_workflow_handle(journey.stream_id, run_id=first.run_id)
    assert (await old.describe()).status is WorkflowExecutionStatus.TERMINATED
    assert (await handle.describe()).run_id != first.run_id


async def test_novex_process_recover_brings_back_the_terminated_processes_of_its_run(
    temporal_env: WorkflowEnvironment, worker_queue: str, database_url: str, store: EventStore
) -> None:
    journey = Journey(temporal_env.client, worker_queue, "NB")
    await journey.start()
    await start_recorded(journey.client, journey.stream_id)
    await journey.client.get_workflow_handle(journey.stream_id).terminate("test")
    env = {
        **os.environ,
        "NOVEX_DATABASE_URL": database_url,
        "NOVEX_TEMPORAL_ADDRESS": temporal_env.client.service_client.config.target_host,
        "NOVEX_TASK_QUEUE": worker_queue,
        "NOVEX_LABEL": journey.label,
    }
    ran = await run(NOVEX, "process", "recover", "--all", "--json", env=env)
    assert ran.returncode == 0, ran.stderr
    assert json.loads(ran.stdout) == {journey.stream_id: "recovered"}
    await status_when(journey.client, journey.stream_id, lambda s: s["phase"] == "ijkmoment 1")
    ran = await run(NOVEX, "process", "recover", journey.stream_id, env=env)
    assert ran.returncode == 0 and f"{journey.stream_id}: already running" in ran.stdout
    ran = await run(NOVEX, "process", "recover", f"province-GR.{journey.label}", env=env)
    assert ran.returncode == 2 and "no events in the event store" in ran.stderr


async def test_a_journey_reset_to_its_start_catches_up_from_the_store_and_records_nothing_twice(
    temporal_env: WorkflowEnvironment, worker_queue: str, store: EventStore
) -> None:
    journey = Journey(temporal_env.client, worker_queue, "OV")
    await journey.start()
    await start_recorded(journey.client, journey.stream_id)
    await journey.pass_checkpoint(1)
    before = await store.read_stream(journey.stream_id)
    handle = journey.client.get_workflow_handle(journey.stream_id)
    history = await handle.fetch_history()
    first_task = next(
        e.event_id for e in history.events if e.HasField("workflow_task_completed_event_attributes")
    )
    reset = await journey.client.workflow_service.reset_workflow_execution(
        ResetWorkflowExecutionRequest(
            namespace=journey.client.namespace,
            workflow_execution=WorkflowExecution(workflow_id=journey.stream_id),
            reason="test: back to the start",
            workflow_task_finish_event_id=first_task,
            request_id=str(uuid.uuid4()),
        )
    )
    folded = summarize_province((await fold_stream(store, journey.stream_id)).state)
    status = await status_when(journey.client, journey.stream_id, lambda s: s == folded)
    assert (await handle.describe()).run_id == reset.run_id
    assert status["current_checkpoint"] == 2
    activities = [
        e.activity_task_scheduled_event_attributes.activity_type.name
        for e in (await handle.fetch_history()).events
        if e.HasField("activity_task_scheduled_event_attributes")
    ]
    assert activities[:2] == ["append_events", "load_process"]  # refused: caught up

    await journey.pass_checkpoint(2)
    stored = await store.read_stream(journey.stream_id)
    assert [e.event_id for e in stored[: len(before)]] == [e.event_id for e in before]
    assert [e.type for e in stored].count("JourneyStarted") == 1
    assert [e.version for e in stored] == list(range(1, len(stored) + 1))
