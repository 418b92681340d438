"""A command someone waits for is answered by the rules or once it is recorded — never with the
store's failure: Temporal gives an Update's outcome again to every retry under its key, so a
failure would stick to the key while the command may well have landed (found by tests/chaos)."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from temporalio.client import WorkflowUpdateStage
from temporalio.testing import WorkflowEnvironment

from domain.shared import commands as cmd
from service.commands import send_command
from service.idempotency import fingerprint
from service.rehearsal import Journey
from store.eventstore import EventStore
from tests.workflows.faults import journey_on, own_worker, restricted_store
from tests.workflows.histories import keep_recorded
from workflows.messages import CommandRequest, CommandResult


async def _append_attempts(journey: Journey) -> int:
    """How often the pending append has been tried so far (0: none pending)."""
    handle = journey.client.get_workflow_handle(journey.stream_id)
    pending = (await handle.describe()).raw_description.pending_activities
    return max((a.attempt for a in pending), default=0)


async def test_a_command_waits_out_a_store_that_refuses_and_is_recorded_once_it_accepts(
    skipping_env: WorkflowEnvironment, database_url: str, store: EventStore
) -> None:
    async with (
        restricted_store(database_url) as restricted,
        own_worker(skipping_env, restricted.store) as own,
    ):
        journey = await journey_on(skipping_env, own, "FR")
        await restricted.refuse_appends()

        command = cmd.RaiseFriction(actor="rijk", description="Ruimte voor de windparken")
        key = "raise-s1"
        request = CommandRequest(
            command=command,
            idempotency_key=key,
            fingerprint=fingerprint(command.model_dump(mode="json")),
        )
        handle = journey.client.get_workflow_handle(journey.stream_id)
        update = await handle.start_update(
            "command",
            request,
            id=key,
            wait_for_stage=WorkflowUpdateStage.ACCEPTED,
            result_type=CommandResult,
        )
        await skipping_env.sleep(timedelta(minutes=10))  # far beyond the process's own retries
        assert await _append_attempts(journey) > 5
        waiting = asyncio.create_task(update.result())
        await asyncio.sleep(0.5)
        assert not waiting.done()  # no failure came back: the command still waits

        await restricted.accept_appends()
        await skipping_env.sleep(timedelta(minutes=1))  # the next attempt of the append
        first = await waiting
        again = await send_command(journey.client, "FR", command, journey.label, key=key)
        assert first.events == again.events == ["FrictionRaised"]
        assert again.status["open_frictions"] == ["S1"]
        stored = [e.type for e in await store.read_stream(journey.stream_id)]
        assert stored == ["JourneyStarted", "FrictionRaised"]
        history = await handle.fetch_history()
    await keep_recorded("province__command_waited_for_the_store", history)
