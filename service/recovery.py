"""Recovering processes from the event store: a fresh run whose state is folded from its events,
after a terminate, a failed run, a reset or the loss of Temporal's whole database."""

from __future__ import annotations

from typing import Any

from temporalio.client import Client, WorkflowExecutionStatus
from temporalio.common import WorkflowIDConflictPolicy, WorkflowIDReusePolicy
from temporalio.exceptions import WorkflowAlreadyStartedError
from temporalio.service import RPCError, RPCStatusCode

from domain.shared.ids import StreamId
from store.eventstore import EventStore
from store.recovery import FoldedStream, fold_stream, process_streams
from workflows.area import NovexAreaWorkflow
from workflows.escalation import EscalationWorkflow
from workflows.messages import AreaInput, EscalationInput, ProvinceJourneyInput
from workflows.province import ProvinceWorkflow

RECOVERED, RUNNING, FINISHED = "recovered", "already running", "finished"
RETRIED = "already running; stuck, told to try again now"
WORKFLOWS: dict[str, tuple[Any, Any]] = {
    "province": (ProvinceWorkflow.run, ProvinceJourneyInput),
    "area": (NovexAreaWorkflow.run, AreaInput),
    "escalation": (EscalationWorkflow.run, EscalationInput),
}


class RecoveryRefused(Exception):
    """There is nothing to recover: not a process, not of this run, or no events (``unknown``:
    the name is fine, but there is no such process here)."""

    def __init__(self, message: str, *, unknown: bool = False) -> None:
        super().__init__(message)
        self.unknown = unknown


def _stream(stream_id: str, label: str | None) -> StreamId:
    try:
        stream = StreamId.parse(stream_id)
    except ValueError as exc:
        raise RecoveryRefused(str(exc)) from None
    if stream.kind not in WORKFLOWS:
        raise RecoveryRefused(f"{stream_id!r} is no process (kinds: {', '.join(WORKFLOWS)})")
    if not stream.in_run(label):
        run = f"the run labelled {label!r}" if label else "the real run"
        raise RecoveryRefused(f"{stream_id!r} is not a process of {run}", unknown=True)
    return stream


async def _finished(store: EventStore, folded: FoldedStream) -> bool:
    """An escalation is finished once its parent recorded its decision."""
    state = folded.state
    if folded.kind != "escalation" or state.decision is None:
        return False
    parent = await fold_stream(store, state.parent_workflow_id)
    recorded = parent.state.escalation_decisions if parent.state is not None else ()
    return any(note.startswith(f"{folded.stream_id}: ") for note in recorded)


async def _running(client: Client, workflow_id: str) -> bool:
    try:
        described = await client.get_workflow_handle(workflow_id).describe()
    except RPCError as exc:
        if exc.status is RPCStatusCode.NOT_FOUND:
            return False
        raise
    return described.status is WorkflowExecutionStatus.RUNNING


async def recover_process(
    client: Client,
    store: EventStore,
    stream_id: str,
    *,
    task_queue: str,
    label: str | None = None,
    restart: bool = False,
) -> str:
    """Start a run of one process that folds its state from the store. A running process is
    left alone unless ``restart`` (then its run is replaced) — if it is stuck, it is told to try
    again now; a finished one is reported."""
    stream = _stream(stream_id, label)
    folded = await fold_stream(store, stream_id)
    if folded.version == 0:
        raise RecoveryRefused(
            f"{stream_id} has no events in the event store: nothing to recover", unknown=True
        )
    if await _finished(store, folded):
        return FINISHED
    if not restart and await _running(client, stream_id):
        if folded.state.stuck is None:
            return RUNNING
        await client.get_workflow_handle(stream_id).signal("retry_now")
        return RETRIED
    run, input_type = WORKFLOWS[stream.kind]
    conflict = (
        WorkflowIDConflictPolicy.TERMINATE_EXISTING if restart else WorkflowIDConflictPolicy.FAIL
    )
    try:
        await client.start_workflow(
            run,
            input_type(recover=True),
            id=stream_id,
            task_queue=task_queue,
            id_reuse_policy=WorkflowIDReusePolicy.ALLOW_DUPLICATE,
            id_conflict_policy=conflict,
        )
    except WorkflowAlreadyStartedError:
        return RUNNING
    return RECOVERED


async def recover_all(
    client: Client,
    store: EventStore,
    *,
    task_queue: str,
    label: str | None = None,
    restart: bool = False,
) -> dict[str, str]:
    """Recover every process of one run that the store knows and Temporal does not run:
    journeys and areas first, then their escalations. One outcome per stream."""
    outcomes: dict[str, str] = {}
    for stream_id in await process_streams(store, label):
        outcomes[stream_id] = await recover_process(
            client, store, stream_id, task_queue=task_queue, label=label, restart=restart
        )
    return outcomes
