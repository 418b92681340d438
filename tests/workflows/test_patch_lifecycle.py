"""One change through the whole patch lifecycle — ``patched`` → ``deprecate_patch`` → removed —
at the spot where a journey hands an escalation request to a child workflow: which code replays
which history (the reasons each step must wait), and a journey begun on the old code and
finished by a worker with the new code."""

from __future__ import annotations

import contextlib
import json
import secrets
from collections.abc import AsyncIterator
from typing import Any

from temporalio.client import Client, WorkflowHistory
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker
from temporalio.workflow import NondeterminismError

from activities.events import EventActivities
from config.catalog_file import load_catalog
from domain.escalation.commands import AgreeToProposal, ProposeDecision
from domain.escalation.events import Decision
from domain.province import commands as cmd
from domain.shared.commands import ChangeFriction, RaiseFriction
from service.commands import send_escalation_command
from service.rehearsal import Journey, status_when
from store.eventstore import EventStore
from tests.workflows.histories import replayer
from tests.workflows.patch_stages import STAGES, BeforeThePatch, Deprecated, Patched, Removed
from workflows.area import NovexAreaWorkflow
from workflows.escalating import ESCALATION_CHILDREN
from workflows.escalation import EscalationWorkflow
from workflows.ids import escalation_workflow_id

REPLAYS = {
    "before": {"before": True, "patched": True, "deprecated": False, "removed": False},
    "patched": {"before": False, "patched": True, "deprecated": True, "removed": False},
    "deprecated": {"before": False, "patched": True, "deprecated": True, "removed": True},
    "removed": {"before": False, "patched": False, "deprecated": True, "removed": True},
}
"""Recorded at a stage (row) → whether the code of a stage (column) replays it."""


@contextlib.asynccontextmanager
async def worker_with(
    client: Client, store: EventStore, queue: str, journey: type
) -> AsyncIterator[None]:
    """A worker whose province journey is the given class (caching nothing: every task is a
    full replay, and a stopped worker leaves no sticky queue behind)."""
    events = EventActivities(store, load_catalog())
    async with Worker(
        client,
        task_queue=queue,
        workflows=[journey, NovexAreaWorkflow, EscalationWorkflow],
        activities=[events.append_events, events.load_process, events.milestones_reached],
        max_cached_workflows=0,
    ):
        yield


async def _escalate(journey: Journey, friction: str) -> None:
    await journey.send(RaiseFriction(actor="programmes", description=f"Schuurpunt {friction}"))
    await journey.send(
        ChangeFriction(actor="regieteam", friction_id=friction, status="geëscaleerd")
    )


async def _replays(history: WorkflowHistory, code: type) -> bool:
    workflows = [code, NovexAreaWorkflow, EscalationWorkflow]
    try:
        await replayer(workflows).replay_workflow(history, raise_on_replay_failure=True)
    except NondeterminismError:
        return False
    return True


def _patch_markers(history: WorkflowHistory) -> list[dict[str, object]]:
    """The markers of this patch in a history (other patches' markers left out)."""
    found = []
    for event in history.events:
        if event.HasField("marker_recorded_event_attributes"):
            details = event.marker_recorded_event_attributes.details["patch-data"]
            marker = json.loads(details.payloads[0].data)
            if marker["id"] == ESCALATION_CHILDREN:
                found.append(marker)
    return found


async def test_each_stage_replays_what_its_neighbours_recorded_and_no_more(
    temporal_env: WorkflowEnvironment, store: EventStore
) -> None:
    histories: dict[str, WorkflowHistory] = {}
    for stage, code in STAGES.items():
        queue = f"lifecycle-{stage}-{secrets.token_hex(3)}"
        async with worker_with(temporal_env.client, store, queue, code):
            journey = Journey(temporal_env.client, queue, "GE")
            await journey.start()
            await _escalate(journey, "S1")
            handle = temporal_env.client.get_workflow_handle(journey.stream_id)
            histories[stage] = await handle.fetch_history()
    assert _patch_markers(histories["before"]) == [] == _patch_markers(histories["removed"])
    assert _patch_markers(histories["patched"]) == [
        {"id": "escalation-children", "deprecated": False}
    ]
    assert _patch_markers(histories["deprecated"]) == [
        {"id": "escalation-children", "deprecated": True}
    ]
    found = {
        recorded: {
            stage: await _replays(histories[recorded], code) for stage, code in STAGES.items()
        }
        for recorded in STAGES
    }
    assert found == REPLAYS


async def _decided_by_the_duo(journey: Journey, escalation_id: str) -> None:
    await status_when(journey.client, escalation_id, lambda s: s["level"] == 1)
    duo = journey.catalog.province(journey.code).civil_duo
    assert duo is not None
    decision = Decision(kind="schuurpunt beslecht", text="Tracé langs het spoor")
    a, b = duo.rijk.id, duo.region.id
    client = journey.client
    await send_escalation_command(
        client, escalation_id, ProposeDecision(actor=a, member=a, decision=decision)
    )
    await send_escalation_command(
        client, escalation_id, AgreeToProposal(actor=b, member=b, proposal_id="P1")
    )


async def _signed(journey: Journey) -> dict[str, Any]:
    text_hash = await journey.to_arrangement()
    for signatory in ("gedeputeerde-ge", "minister-vro"):
        result = await journey.send(
            cmd.SignArrangement(actor=signatory, signatory=signatory, text_hash=text_hash)
        )
    return result.status


async def test_a_journey_begun_on_the_old_code_is_finished_by_a_worker_with_the_patched_code(
    temporal_env: WorkflowEnvironment, store: EventStore
) -> None:
    client, queue = temporal_env.client, f"lifecycle-{secrets.token_hex(3)}"
    journey = Journey(client, queue, "GE")
    handle = client.get_workflow_handle(journey.stream_id)
    async with worker_with(client, store, queue, BeforeThePatch):
        await journey.start()
        await _escalate(journey, "S1")  # the old code only records the request

    async with worker_with(client, store, queue, Patched):
        await _escalate(journey, "S2")  # a run begun on the old code keeps the old path
        assert (await _signed(journey))["phase"] == "getekend"
        first_run = (await handle.describe()).run_id
        await journey.send(cmd.StartAmendment(actor="regieteam", reason="Nieuwe opgave"))
        await _escalate(journey, "S3")  # the amendment's new run takes the new path
        await _decided_by_the_duo(journey, escalation_workflow_id(journey.stream_id, 3))
        status = await status_when(
            client, journey.stream_id, lambda s: "S3" not in s["open_frictions"]
        )
    assert status["open_frictions"] == ["S1", "S2"] and status["round"] == 2
    for number in (1, 2):  # the requests of the old run never got a child
        assert await store.stream_version(escalation_workflow_id(journey.stream_id, number)) == 0

    old_run = await client.get_workflow_handle(journey.stream_id, run_id=first_run).fetch_history()
    new_run = await handle.fetch_history()
    assert _patch_markers(old_run) == []
    assert _patch_markers(new_run) == [{"id": "escalation-children", "deprecated": False}]
    assert await _replays(old_run, Patched) and await _replays(new_run, Patched)
    assert not await _replays(old_run, Deprecated)  # deprecation waits until such runs end
    assert await _replays(new_run, Deprecated)
    assert not await _replays(new_run, Removed)  # removal waits until runs like this one end
