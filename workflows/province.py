"""ProvinceWorkflow: one province's journey, thin over the domain rules; it owns time and order."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from temporalio import workflow
from temporalio.common import RetryPolicy, SearchAttributeUpdate
from temporalio.exceptions import ApplicationError

with workflow.unsafe.imports_passed_through():
    from domain import commands as cmd
    from domain.deadlines import next_alarm
    from domain.errors import DomainError
    from domain.events import Event
    from domain.province import Phase, ProvinceJourney, evolve
    from domain.province_rules import decide, start
    from domain.status import summarize_province
    from workflows import search
    from workflows.messages import (
        AppendRequest,
        CommandRequest,
        CommandResult,
        ProvinceJourneyInput,
    )

APPEND_RETRY = RetryPolicy(
    initial_interval=timedelta(seconds=1),
    maximum_interval=timedelta(seconds=30),
    non_retryable_error_types=["WrongExpectedVersion", "DuplicateEventId"],
)
SYSTEM_ACTOR = "novex"


def _dry_run_id() -> uuid.UUID:
    """Ids for a validator's dry run: it must not draw from the workflow's random sequence."""
    return uuid.UUID(int=0)


@workflow.defn(name="ProvinceJourney")
class ProvinceWorkflow:
    """Startpakket → three ijkmomenten → voorstel → signed arrangement, then amendments."""

    def __init__(self) -> None:
        self.state = ProvinceJourney()
        self._lock = asyncio.Lock()
        self._inbox: list[cmd.Command] = []
        self._amendment_pending = False

    @property
    def stream_id(self) -> str:
        return workflow.info().workflow_id

    @workflow.run
    async def run(self, request: ProvinceJourneyInput) -> dict[str, Any]:
        if request.carried is not None:
            self.state = request.carried
        elif request.start is not None:
            async with self._lock:
                events = start(self.state, request.start, now=workflow.now(), new_id=workflow.uuid4)
                await self._record(events, request.start.actor, "StartJourney")
        else:
            raise ApplicationError(
                "a journey needs start data or carried state", non_retryable=True
            )

        while True:
            await self._drain_inbox()
            if self._round_finished() or workflow.info().is_continue_as_new_suggested():
                await workflow.wait_condition(workflow.all_handlers_finished)
                workflow.continue_as_new(ProvinceJourneyInput(carried=self.state))
            alarm = next_alarm(self.state)
            woken = self._wake_check(self.state.version)
            if alarm is None:
                await workflow.wait_condition(woken)
                continue
            delay = alarm.at - workflow.now()
            if delay > timedelta(0):
                try:
                    await workflow.wait_condition(woken, timeout=delay)
                    continue
                except TimeoutError:
                    pass
            await self._execute(alarm.command(SYSTEM_ACTOR), quiet=True)

    def _wake_check(self, seen: int) -> Callable[[], bool]:
        """Wake when the state moved (timers re-arm), a message arrived, or a round ended."""
        return lambda: self.state.version != seen or bool(self._inbox) or self._round_finished()

    def _round_finished(self) -> bool:
        """An amendment starts a new round in a fresh run, so each history stays small."""
        return self._amendment_pending

    async def _drain_inbox(self) -> None:
        while self._inbox:
            command = self._inbox.pop(0)
            await self._execute(command, quiet=True)

    async def _execute(self, command: cmd.Command, *, quiet: bool = False) -> list[Event]:
        async with self._lock:
            try:
                events = decide(self.state, command, now=workflow.now(), new_id=workflow.uuid4)
            except DomainError as exc:
                if quiet:
                    workflow.logger.warning("command refused: %s: %s", command.type, exc)
                    return []
                raise ApplicationError(
                    str(exc), type=type(exc).__name__, non_retryable=True
                ) from exc
            await self._record(events, command.actor, command.type)
            return events

    async def _record(self, events: list[Event], actor: str, causation: str) -> None:
        """Append to the event store first; only then does the workflow's state move."""
        if not events:
            return
        await workflow.execute_activity(
            "append_events",
            AppendRequest(
                stream_id=self.stream_id,
                expected_version=self.state.version,
                events=[e.model_dump(mode="json") for e in events],
                actor=actor,
                correlation_id=self.stream_id,
                causation_id=causation,
            ),
            start_to_close_timeout=timedelta(seconds=30),
            retry_policy=APPEND_RETRY,
        )
        for event in events:
            self.state = evolve(self.state, event)
            if event.type == "AmendmentStarted":
                self._amendment_pending = True
        self._publish_search_attributes()

    def _publish_search_attributes(self) -> None:
        live = self.state.active_deadlines
        next_due = min((d.due for d in live), default=None)
        updates: list[SearchAttributeUpdate[Any]] = [
            search.PROVINCE.value_set(self.state.province),
            search.PHASE.value_set(self.state.phase.value),
            search.OVERDUE.value_set(any(d.overdue for d in live)),
            search.NEXT_DUE.value_set(next_due) if next_due else search.NEXT_DUE.value_unset(),
        ]
        workflow.upsert_search_attributes(updates)

    @workflow.update(name="command")
    async def command(self, request: CommandRequest) -> CommandResult:
        events = await self._execute(request.command)
        return CommandResult(
            version=self.state.version,
            events=[e.type for e in events],
            status=summarize_province(self.state),
        )

    @command.validator
    def validate_command(self, request: CommandRequest) -> None:
        """Dry-run the rule: a refused command never reaches the history or the store."""
        _dry_run(self.state, request.command)

    @workflow.signal(name="perspective_delivered")
    def perspective_delivered(self, command: cmd.DeliverPerspective) -> None:
        """An area delivers its adopted perspective; refused ones are logged, not recorded."""
        self._inbox.append(command)

    @workflow.query(name="status")
    def status(self) -> dict[str, Any]:
        return summarize_province(self.state)

    @workflow.query(name="state")
    def full_state(self) -> ProvinceJourney:
        return self.state


def _dry_run(
    state: ProvinceJourney, command: cmd.Command, new_id: Callable[[], uuid.UUID] = _dry_run_id
) -> None:
    if state.phase is Phase.NOT_STARTED:
        raise ApplicationError("the journey has not started yet", type="InvalidTransition")
    try:
        decide(state, command, now=workflow.now(), new_id=new_id)
    except DomainError as exc:
        raise ApplicationError(str(exc), type=type(exc).__name__, non_retryable=True) from exc
