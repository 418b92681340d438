"""Starting processes and sending them commands: the Temporal client side of every edge."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from temporalio.client import Client, WorkflowUpdateFailedError
from temporalio.common import WorkflowIDConflictPolicy, WorkflowIDReusePolicy
from temporalio.exceptions import ApplicationError, WorkflowAlreadyStartedError
from temporalio.service import RPCError, RPCStatusCode

from domain.catalog.model import Catalog
from domain.catalog.planning import area_start, journey_start
from domain.shared.commands import Command
from workflows.area import NovexAreaWorkflow
from workflows.ids import area_workflow_id, province_workflow_id
from workflows.messages import (
    AreaCommandRequest,
    AreaInput,
    CommandRequest,
    CommandResult,
    EscalationCommandRequest,
    ProvinceJourneyInput,
)
from workflows.province import ProvinceWorkflow


class CommandRefused(Exception):
    """A command was refused by the process; nothing was recorded."""

    def __init__(self, message: str, kind: str | None = None) -> None:
        super().__init__(message)
        self.kind = kind or "DomainError"


async def _start_each(
    client: Client, workflow: Any, inputs: dict[str, tuple[str, BaseModel]], task_queue: str
) -> dict[str, str]:
    """Start one workflow per key; one that already runs is reported, not duplicated."""
    outcome: dict[str, str] = {}
    for key, (workflow_id, request) in inputs.items():
        try:
            await client.start_workflow(
                workflow,
                request,
                id=workflow_id,
                task_queue=task_queue,
                id_reuse_policy=WorkflowIDReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
                id_conflict_policy=WorkflowIDConflictPolicy.FAIL,
            )
            outcome[key] = "started"
        except WorkflowAlreadyStartedError:
            outcome[key] = "already running"
    return outcome


async def start_journeys(
    client: Client,
    catalog: Catalog,
    *,
    actor: str,
    task_queue: str,
    codes: list[str] | None = None,
    label: str | None = None,
) -> dict[str, str]:
    """Start the journeys of the given (default: all) provinces."""
    selected = codes or list(catalog.province_codes)
    inputs: dict[str, tuple[str, BaseModel]] = {
        code: (
            province_workflow_id(code, label),
            ProvinceJourneyInput(start=journey_start(catalog, code, actor=actor)),
        )
        for code in selected
    }
    return await _start_each(client, ProvinceWorkflow.run, inputs, task_queue)


async def _update(client: Client, workflow_id: str, request: BaseModel) -> CommandResult:
    """Send one command as an Update; a refusal raises CommandRefused with the rule's message."""
    handle = client.get_workflow_handle(workflow_id)
    try:
        result: CommandResult = await handle.execute_update(
            "command", request, result_type=CommandResult
        )
        return result
    except WorkflowUpdateFailedError as exc:
        cause = exc.cause
        if isinstance(cause, ApplicationError):
            raise CommandRefused(cause.message, cause.type) from None
        raise
    except RPCError as exc:
        if exc.status is RPCStatusCode.NOT_FOUND:
            raise CommandRefused(
                f"{workflow_id} is not running: it is closed (decided, finished) or unknown",
                "NotRunning",
            ) from None
        raise


async def send_command(
    client: Client, code: str, command: Command, label: str | None = None
) -> CommandResult:
    """A command to a province's journey."""
    return await _update(client, province_workflow_id(code, label), CommandRequest(command=command))


async def send_area_command(
    client: Client, area_id: str, command: Command, label: str | None = None
) -> CommandResult:
    """A command to a NOVEX area's process."""
    return await _update(
        client, area_workflow_id(area_id, label), AreaCommandRequest(command=command)
    )


async def send_escalation_command(
    client: Client, escalation_id: str, command: Command
) -> CommandResult:
    """A member's command to an escalation (propose, agree, disagree, ask for an extension)."""
    return await _update(client, escalation_id, EscalationCommandRequest(command=command))


async def start_areas(
    client: Client,
    catalog: Catalog,
    *,
    actor: str,
    task_queue: str,
    areas: list[str] | None = None,
    label: str | None = None,
) -> dict[str, str]:
    """Start the processes of the given (default: all 16) NOVEX areas."""
    selected = [catalog.area(a).id for a in areas] if areas else [a.id for a in catalog.areas]
    inputs: dict[str, tuple[str, BaseModel]] = {
        area_id: (
            area_workflow_id(area_id, label),
            AreaInput(start=area_start(catalog, area_id, actor=actor, label=label)),
        )
        for area_id in selected
    }
    return await _start_each(client, NovexAreaWorkflow.run, inputs, task_queue)
