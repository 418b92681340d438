"""Escalations in a history entered on past dates: a schuurpunt the history escalates and then
decides starts no escalation (the history says how it ended); one it leaves escalated starts
its escalation once the whole history is recorded. Each keeps its history in the corpus."""

from __future__ import annotations

from datetime import date

from temporalio.service import RPCError, RPCStatusCode
from temporalio.testing import WorkflowEnvironment

from config.catalog_file import load_catalog
from domain.province import commands as cmd
from domain.shared.commands import ChangeFriction, Command, RaiseFriction
from service.commands import StartWith, send_command
from service.rehearsal import Journey, status_when
from store.eventstore import EventStore
from tests.workflows.histories import keep_recorded
from workflows.ids import escalation_workflow_id

STARTED = date(2022, 12, 12)


def _escalated_history(*, decided: bool) -> cmd.ProvinceHistory:
    """A draft, a schuurpunt on it, escalated — and decided, if so — all on past dates."""
    lines: list[Command] = [
        cmd.SubmitDraft(
            actor="regieteam",
            checkpoint=1,
            document_ref="d1",
            summary="puzzel",
            occurred_on=date(2023, 1, 20),
        ),
        RaiseFriction(
            actor="regieteam",
            checkpoint=1,
            description="Woningbouw tegen geluidsruimte",
            theme="woningbouw",
            occurred_on=date(2023, 1, 25),
        ),
        ChangeFriction(
            actor="regieteam",
            friction_id="S1",
            status="geëscaleerd",
            occurred_on=date(2023, 2, 1),
        ),
    ]
    if decided:
        lines.append(
            ChangeFriction(
                actor="regieteam",
                friction_id="S1",
                status="besloten",
                note="Besluit bestuurlijk duo: buiten de contour",
                occurred_on=date(2023, 3, 1),
            )
        )
    return cmd.ProvinceHistory(actor="regieteam", commands=tuple(lines))


async def _entered(env: WorkflowEnvironment, queue: str, code: str, decided: bool) -> Journey:
    journey = Journey(env.client, queue, code, load_catalog())
    start = StartWith(journey.catalog, queue, "regieteam", on=STARTED)
    history = _escalated_history(decided=decided)
    result = await send_command(
        env.client, code, history, journey.label, key=f"history:{code}:{decided}", start=start
    )
    assert "EscalationRequested" in result.events
    return journey


async def _absent(env: WorkflowEnvironment, workflow_id: str) -> bool:
    try:
        await env.client.get_workflow_handle(workflow_id).describe()
    except RPCError as exc:
        return exc.status is RPCStatusCode.NOT_FOUND
    return False


async def test_a_schuurpunt_escalated_and_decided_in_a_history_starts_no_escalation(
    temporal_env: WorkflowEnvironment, worker_queue: str, store: EventStore
) -> None:
    journey = await _entered(temporal_env, worker_queue, "NH", decided=True)
    raised = await journey.send(  # a live escalation after it: the next number, started at once
        RaiseFriction(actor="programmes", description="Netcongestie", theme="npe")
    )
    assert raised.status["escalations_requested"] == 1
    assert raised.status["open_frictions"] == ["S2"]  # S1 stays decided
    await journey.send(ChangeFriction(actor="regieteam", friction_id="S2", status="geëscaleerd"))
    second = escalation_workflow_id(journey.stream_id, 2)
    await status_when(temporal_env.client, second, lambda s: s["level"] == 1)
    first = escalation_workflow_id(journey.stream_id, 1)
    assert await _absent(temporal_env, first), "the decided schuurpunt was escalated anew"
    assert await store.stream_version(first) == 0
    fetched = await journey.client.get_workflow_handle(journey.stream_id).fetch_history()
    await keep_recorded("province__history_escalation_decided_in_it", fetched)


async def test_a_schuurpunt_a_history_leaves_escalated_starts_its_escalation_after_it(
    temporal_env: WorkflowEnvironment, worker_queue: str, store: EventStore
) -> None:
    journey = await _entered(temporal_env, worker_queue, "UT", decided=False)
    escalation = escalation_workflow_id(journey.stream_id, 1)
    opened = await status_when(temporal_env.client, escalation, lambda s: s["level"] == 1)
    assert opened["subject"] == "schuurpunt S1"
    history = await store.read_stream(journey.stream_id)
    own = await store.read_stream(escalation)
    assert own[0].recorded_at > max(e.recorded_at for e in history if e.type != "ProcessStuck")
    fetched = await journey.client.get_workflow_handle(journey.stream_id).fetch_history()
    await keep_recorded("province__history_escalation_left_open", fetched)
