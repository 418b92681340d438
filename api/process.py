"""Client-side operations on running processes: start journeys, send commands, read status."""

from __future__ import annotations

from typing import Any

from temporalio.client import Client, WorkflowUpdateFailedError
from temporalio.common import WorkflowIDConflictPolicy, WorkflowIDReusePolicy
from temporalio.exceptions import ApplicationError, WorkflowAlreadyStartedError

from domain.catalog import Catalog
from domain.commands import Command
from domain.planning import journey_start
from workflows.ids import province_workflow_id
from workflows.messages import CommandRequest, CommandResult, ProvinceJourneyInput
from workflows.province import ProvinceWorkflow


class CommandRefused(Exception):
    """A command was refused by the process; nothing was recorded."""

    def __init__(self, message: str, kind: str | None = None) -> None:
        super().__init__(message)
        self.kind = kind or "DomainError"


async def start_journeys(
    client: Client,
    catalog: Catalog,
    *,
    actor: str,
    task_queue: str,
    codes: list[str] | None = None,
    label: str | None = None,
) -> dict[str, str]:
    """Start the journeys of the given (default: all) provinces; running ones are reported."""
    selected = codes or list(catalog.province_codes)
    commands = {code: journey_start(catalog, code, actor=actor) for code in selected}
    outcome: dict[str, str] = {}
    for code, command in commands.items():
        try:
            await client.start_workflow(
                ProvinceWorkflow.run,
                ProvinceJourneyInput(start=command),
                id=province_workflow_id(code, label),
                task_queue=task_queue,
                id_reuse_policy=WorkflowIDReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
                id_conflict_policy=WorkflowIDConflictPolicy.FAIL,
            )
            outcome[code] = "started"
        except WorkflowAlreadyStartedError:
            outcome[code] = "already running"
    return outcome


async def send_command(
    client: Client, code: str, command: Command, label: str | None = None
) -> CommandResult:
    """Send one command as an Update; a refusal raises CommandRefused with the rule's message."""
    handle = client.get_workflow_handle(province_workflow_id(code, label))
    try:
        result: CommandResult = await handle.execute_update(
            "command",
            CommandRequest(command=command),
            result_type=CommandResult,
        )
        return result
    except WorkflowUpdateFailedError as exc:
        cause = exc.cause
        if isinstance(cause, ApplicationError):
            raise CommandRefused(cause.message, cause.type) from None
        raise


async def province_status(client: Client, code: str, label: str | None = None) -> dict[str, Any]:
    """The live status of one journey, straight from its workflow."""
    handle = client.get_workflow_handle(province_workflow_id(code, label))
    return await handle.query(ProvinceWorkflow.status)
