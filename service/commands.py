"""Starting processes and sending them commands: the Temporal client side of every edge.

A command travels as a Temporal Update whose id is the request's idempotency key (when it has
one): a retry is answered, never recorded twice. A command to a process that is not there yet
starts it with that command as its first (update-with-start), when the edge may start it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, TypeVar
from uuid import uuid4

from temporalio.client import Client, WithStartWorkflowOperation, WorkflowUpdateFailedError
from temporalio.common import WorkflowIDConflictPolicy, WorkflowIDReusePolicy
from temporalio.exceptions import ApplicationError, WorkflowAlreadyStartedError
from temporalio.service import RPCError, RPCStatusCode

from domain.catalog.model import Catalog
from domain.catalog.planning import area_start, journey_start
from domain.catalog.references import check_references
from domain.shared.commands import Command
from domain.shared.errors import DomainError
from service.idempotency import check_same, fingerprint
from workflows import area, province
from workflows.area import NovexAreaWorkflow
from workflows.base import ProcessRules
from workflows.ids import area_workflow_id, province_workflow_id
from workflows.messages import (
    AreaCommandRequest,
    AreaInput,
    CommandRequest,
    CommandResult,
    EscalationCommandRequest,
    ProcessInput,
    ProvinceJourneyInput,
)
from workflows.province import ProvinceWorkflow

C = TypeVar("C", bound=Command)


class CommandRefused(Exception):
    """A command was refused by the process; nothing was recorded."""

    def __init__(self, message: str, kind: str | None = None) -> None:
        super().__init__(message)
        self.kind = kind or "DomainError"


@dataclass(frozen=True)
class StartWith:
    """What lets an edge start a process that is not there yet with its first command: the
    catalog it is started from, the task queue, and who starts it."""

    catalog: Catalog
    task_queue: str
    actor: str
    on: date | None = None
    """The date the process started (a history's); None: the first command's date."""


@dataclass(frozen=True)
class _Opening:
    """How one process is started: its workflow, start input and rules."""

    run: Any
    start: ProcessInput[Any, Any]
    rules: ProcessRules[Any]
    task_queue: str

    def refuse_early(self, command: Command) -> None:
        """Judge the command against the state the start will record: a refused first
        command starts nothing."""
        assert self.start.start is not None
        now = datetime.now(UTC)
        state = self.rules.state()
        for event in self.rules.start(state, self.start.start, now=now, new_id=uuid4):
            state = self.rules.evolve(state, event)
        try:
            self.rules.decide(state, command, now=now, new_id=uuid4)
        except DomainError as exc:
            raise CommandRefused(str(exc), type(exc).__name__) from None

    def operation(self, workflow_id: str) -> WithStartWorkflowOperation[Any, Any]:
        return WithStartWorkflowOperation(
            self.run,
            self.start,
            id=workflow_id,
            task_queue=self.task_queue,
            id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
            id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE,  # closed: recover it
        )


def vet(catalog: Catalog, command: Command) -> None:
    """What the edge checks before it sends a command: the catalog references it makes (a
    refusal is a CommandRefused, 422 at the API; nothing is sent)."""
    try:
        check_references(catalog, command)
    except DomainError as exc:
        raise CommandRefused(str(exc), type(exc).__name__) from None


def _not_running(workflow_id: str) -> CommandRefused:
    return CommandRefused(
        f"{workflow_id} is not running: it is closed (decided, finished) or unknown",
        "NotRunning",
    )


async def _execute(
    client: Client, workflow_id: str, request: Any, opening: _Opening | None
) -> CommandResult:
    """The Update, under the request's key; a process not there yet is started with it."""
    key = request.idempotency_key
    try:
        result: CommandResult = await client.get_workflow_handle(workflow_id).execute_update(
            "command", request, id=key, result_type=CommandResult
        )
        return result
    except RPCError as exc:
        if exc.status is not RPCStatusCode.NOT_FOUND or opening is None:
            raise
    if await _closed(client, workflow_id):
        raise _not_running(workflow_id)
    opening.refuse_early(request.command)
    started: CommandResult = await client.execute_update_with_start_workflow(
        "command",
        request,
        start_workflow_operation=opening.operation(workflow_id),
        id=key,
        result_type=CommandResult,
    )
    return started


async def _closed(client: Client, workflow_id: str) -> bool:
    """Whether the process ran and is closed (a command does not reopen it)."""
    try:
        await client.get_workflow_handle(workflow_id).describe()
    except RPCError as exc:
        if exc.status is RPCStatusCode.NOT_FOUND:
            return False
        raise
    return True


async def _update(
    client: Client, workflow_id: str, request: Any, opening: _Opening | None = None
) -> CommandResult:
    """Send one command; a refusal raises CommandRefused with the rule's message, a key used
    before for another command raises KeyConflict."""
    try:
        result = await _execute(client, workflow_id, request, opening)
    except WorkflowUpdateFailedError as exc:
        cause = exc.cause
        if isinstance(cause, ApplicationError):
            raise _unreadable(cause) or CommandRefused(cause.message, cause.type) from None
        raise
    except WorkflowAlreadyStartedError:  # closed, and a command does not reopen it
        raise _not_running(workflow_id) from None
    except RPCError as exc:
        if exc.status is RPCStatusCode.NOT_FOUND:
            raise _not_running(workflow_id) from None
        raise
    check_same(request.idempotency_key, request.fingerprint, result.fingerprint, workflow_id)
    return result


def _unreadable(cause: ApplicationError) -> CommandRefused | None:
    """The process could not read the command (a field out of bounds, sent past the edge's
    checks): the update was rejected before its validator; the fields and bounds pydantic
    named, as bad input (``ValidationError``, 422 at the API)."""
    inner = cause.cause
    if not isinstance(inner, ApplicationError) or inner.type != "ValidationError":
        return None
    lines = [line.strip() for line in inner.message.splitlines()[1:]]
    named = [
        f"{where.removeprefix('command.')}: {why.split(' [type=')[0]}"
        for where, why in zip(lines[::2], lines[1::2], strict=False)
    ]
    return CommandRefused("; ".join(named) or inner.message, "ValidationError")


def dated(begin: C, command: Command, on: date | None = None) -> C:
    """A start that comes with a command dated in the past takes effect on that date too (or
    on ``on``, the date a history says the process started)."""
    when = on or command.occurred_on
    if when is None:
        return begin
    return begin.model_copy(update={"occurred_on": when})


def _keyed(command: Command, key: str | None) -> dict[str, Any]:
    """The request fields that make a command safe to retry."""
    if key is None:
        return {}
    return {"idempotency_key": key, "fingerprint": fingerprint(command.model_dump(mode="json"))}


async def send_command(
    client: Client,
    code: str,
    command: Command,
    label: str | None = None,
    *,
    key: str | None = None,
    start: StartWith | None = None,
) -> CommandResult:
    """A command to a province's journey (started with it when ``start`` allows)."""
    opening = None
    if start is not None:
        begin = dated(journey_start(start.catalog, code, actor=start.actor), command, start.on)
        opening = _Opening(
            ProvinceWorkflow.run,
            ProvinceJourneyInput(start=begin, **_keyed(command, key)),
            province.RULES,
            start.task_queue,
        )
    request = CommandRequest(command=command, **_keyed(command, key))
    return await _update(client, province_workflow_id(code, label), request, opening)


async def send_area_command(
    client: Client,
    area_id: str,
    command: Command,
    label: str | None = None,
    *,
    key: str | None = None,
    start: StartWith | None = None,
) -> CommandResult:
    """A command to a NOVEX area's process (started with it when ``start`` allows)."""
    opening = None
    if start is not None:
        begin = area_start(start.catalog, area_id, actor=start.actor, label=label)
        begin = dated(begin, command, start.on)
        opening = _Opening(
            NovexAreaWorkflow.run,
            AreaInput(start=begin, **_keyed(command, key)),
            area.RULES,
            start.task_queue,
        )
    request = AreaCommandRequest(command=command, **_keyed(command, key))
    return await _update(client, area_workflow_id(area_id, label), request, opening)


async def send_escalation_command(
    client: Client, escalation_id: str, command: Command, *, key: str | None = None
) -> CommandResult:
    """A member's command to an escalation (propose, agree, disagree, ask for an extension)."""
    request = EscalationCommandRequest(command=command, **_keyed(command, key))
    return await _update(client, escalation_id, request)
