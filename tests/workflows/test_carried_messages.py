"""Messages are never lost: what a run received and did not record yet goes into the next run,
and what it announced already is not announced again."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from temporalio.client import WorkflowHistory, WorkflowUpdateStage
from temporalio.testing import WorkflowEnvironment

from domain.province import commands as cmd
from domain.shared.commands import RaiseFriction, RecordEscalationDecision
from service.rehearsal import Journey, catalog_due_from, start_recorded
from store.eventstore import EventStore
from tests.workflows.faults import Gate, own_worker
from tests.workflows.histories import keep_recorded
from workflows.messages import CommandRequest, CommandResult


async def _signed(journey: Journey) -> None:
    await journey.start()
    await start_recorded(journey.client, journey.stream_id)
    text_hash = await journey.to_arrangement()
    for signatory in ("gedeputeerde-ge", "minister-vro"):
        await journey.send(
            cmd.SignArrangement(actor=signatory, signatory=signatory, text_hash=text_hash)
        )


async def _stored_once(store: EventStore, stream_id: str, event_type: str) -> str:
    """The run that recorded the one event of this type (waits for it to land)."""
    for _ in range(200):
        found = [e for e in await store.read_stream(stream_id) if e.type == event_type]
        if found:
            assert len(found) == 1, f"{event_type} recorded {len(found)} times"
            return str(found[0].metadata["run_id"])
        await asyncio.sleep(0.05)
    raise AssertionError(f"{event_type} was never recorded")


async def test_a_signal_and_an_update_at_the_continue_as_new_boundary_are_both_recorded(
    skipping_env: WorkflowEnvironment, store: EventStore
) -> None:
    gate = Gate()
    async with own_worker(skipping_env, store, before_append=gate) as own:
        now = await skipping_env.get_current_time()
        catalog = catalog_due_from(now.date() + timedelta(days=400))
        journey = Journey(skipping_env.client, own.queue, "GE", catalog)
        own.started.append(journey.stream_id)
        await _signed(journey)
        handle = journey.client.get_workflow_handle(journey.stream_id)
        first_run = str((await store.read_stream(journey.stream_id))[0].metadata["run_id"])
        gate.close("StartAmendment")
        gate.close("RaiseFriction")

        # The amendment ends the run; while its append is held, a friction is accepted...
        amend = asyncio.create_task(journey.send(cmd.StartAmendment(actor="r", reason="nieuw")))
        await gate.arrived["StartAmendment"].wait()
        friction = await handle.start_update(
            "command",
            CommandRequest(command=RaiseFriction(actor="rijk", description="Na de ondertekening")),
            wait_for_stage=WorkflowUpdateStage.ACCEPTED,
            result_type=CommandResult,
        )
        gate.release("StartAmendment")
        # ...and while the run waits for that update before it continues as new, a signal comes.
        await gate.arrived["RaiseFriction"].wait()
        decision = RecordEscalationDecision(
            actor="novex",
            escalation_id=f"escalation-province-GE~9.{journey.label}",
            subject="schuurpunt S9",
            decision="Het BOL besluit: doorgaan",
            decided_by=("bol",),
            level=3,
        )
        await handle.signal("escalation_decided", decision)
        gate.release("RaiseFriction")

        assert (await amend).events == ["AmendmentStarted"]
        assert (await friction.result()).events == ["FrictionRaised"]
        stream = journey.stream_id
        assert await _stored_once(store, stream, "AmendmentStarted") == first_run
        assert await _stored_once(store, stream, "FrictionRaised") == first_run
        next_run = await _stored_once(store, stream, "EscalationDecisionRecorded")
        assert next_run not in (first_run, "")
        assert (await handle.query("status"))["round"] == 2

        old = await journey.client.get_workflow_handle(stream, run_id=first_run).fetch_history()
        new = await journey.client.get_workflow_handle(stream, run_id=next_run).fetch_history()

    def announcements(history: WorkflowHistory) -> int:
        return sum(
            e.HasField("signal_external_workflow_execution_initiated_event_attributes")
            for e in history.events
        )

    assert announcements(old) == 2  # the voorstel, to the two areas of the province
    assert announcements(new) == 0  # carried: not again
    await keep_recorded("province__inbox_carried_over_continue_as_new", old)
    await keep_recorded("province__carried_inbox_recorded_by_the_next_run", new)
