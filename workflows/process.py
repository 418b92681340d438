"""The machinery every process workflow shares: apply commands one at a time through the
domain rules, append their events before the state moves, and act on its own deadlines."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, Generic, TypeVar

from temporalio import workflow
from temporalio.common import RetryPolicy, SearchAttributeUpdate
from temporalio.exceptions import ApplicationError
from temporalio.workflow import ParentClosePolicy

with workflow.unsafe.imports_passed_through():
    from domain.escalation.commands import StartEscalation
    from domain.shared import commands as cmd
    from domain.shared.deadlines import next_alarm
    from domain.shared.errors import DomainError
    from domain.shared.events import EscalationRequested, Event
    from domain.views.notifications import NotificationRequest, notifications_for
    from workflows.ids import escalation_workflow_id
    from workflows.messages import AppendRequest, EscalationInput

S = TypeVar("S", bound=Any)

APPEND_RETRY = RetryPolicy(
    initial_interval=timedelta(seconds=1),
    maximum_interval=timedelta(seconds=30),
    non_retryable_error_types=["WrongExpectedVersion", "DuplicateEventId"],
)
SYSTEM_ACTOR = "novex"


def dry_run_id() -> uuid.UUID:
    """Ids for a validator's dry run: it must not draw from the workflow's random sequence."""
    return uuid.UUID(int=0)


def refused(exc: DomainError) -> ApplicationError:
    """A rule's refusal as the error a caller of an Update sees."""
    return ApplicationError(str(exc), type=type(exc).__name__, non_retryable=True)


class ProcessWorkflow(Generic[S]):
    """Base of the province and area workflows (not a workflow itself)."""

    def __init__(self, state: S) -> None:
        self.state: S = state
        self._lock = asyncio.Lock()
        self._inbox: list[cmd.Command] = []
        self._new_round = False

    # What a concrete process supplies.
    def decide(self, command: cmd.Command, new_id: Callable[[], uuid.UUID]) -> list[Event]:
        raise NotImplementedError

    def evolve(self, event: Event) -> S:
        raise NotImplementedError

    def search_attributes(self) -> list[SearchAttributeUpdate[Any]]:
        return []

    async def on_change(self) -> None:
        """Called after every wake-up, outside the lock; for follow-up work (deliveries)."""

    def notifications(self, event: Event) -> list[NotificationRequest]:
        """What the event asks to be told, and to whom (pure; from domain.notifications)."""
        signatories = tuple(s.id for s in getattr(self.state, "signatories", ()))
        return notifications_for(self.stream_id, event, signatories)

    def finished(self) -> bool:
        """A process that can end (an escalation) says so; journeys and areas never end."""
        return False

    def alarm(self) -> tuple[datetime, cmd.Command] | None:
        """When the process must act by itself next, and with which command."""
        upcoming = next_alarm(self.state)
        return (upcoming.at, upcoming.command(SYSTEM_ACTOR)) if upcoming else None

    @property
    def stream_id(self) -> str:
        return workflow.info().workflow_id

    async def serve(self, carry: Callable[[S], Any]) -> None:
        """Serve commands and deadlines; continue-as-new (carrying the state) when asked to."""
        while True:
            await self._drain_inbox()
            await self.on_change()
            if self.finished():
                await workflow.wait_condition(workflow.all_handlers_finished)
                return
            if self._new_round or workflow.info().is_continue_as_new_suggested():
                await workflow.wait_condition(workflow.all_handlers_finished)
                workflow.continue_as_new(carry(self.state))
            alarm = self.alarm()
            woken = self._wake_check(self.state.version)
            if alarm is None:
                await workflow.wait_condition(woken)
                continue
            at, command = alarm
            delay = at - workflow.now()
            if delay > timedelta(0):
                try:
                    await workflow.wait_condition(woken, timeout=delay)
                    continue
                except TimeoutError:
                    pass
            await self.execute(command, quiet=True)

    def _wake_check(self, seen: int) -> Callable[[], bool]:
        """Wake when the state moved (timers re-arm), a message arrived, or a round ended."""
        return lambda: self.state.version != seen or bool(self._inbox) or self._new_round

    async def _drain_inbox(self) -> None:
        while self._inbox:
            await self.execute(self._inbox.pop(0), quiet=True)

    def validate(self, command: cmd.Command) -> None:
        """Dry-run the rule: a refused command never reaches the history or the store."""
        try:
            self.decide(command, dry_run_id)
        except DomainError as exc:
            raise refused(exc) from exc

    async def execute(self, command: cmd.Command, *, quiet: bool = False) -> list[Event]:
        """Decide again under the lock (the state may have moved since validation), record."""
        async with self._lock:
            try:
                events = self.decide(command, workflow.uuid4)
            except DomainError as exc:
                if quiet:
                    workflow.logger.warning("command refused: %s: %s", command.type, exc)
                    return []
                raise refused(exc) from exc
            await self.record(events, command.actor, command.type)
            return events

    async def _start_escalation(self, event: EscalationRequested) -> None:
        """Hand the escalation to a child workflow that climbs the ladder; it outlives this
        run (continue-as-new) and signals its decision back to this workflow id."""
        ladder = getattr(self.state, "escalation_ladder", ())
        if not ladder:
            workflow.logger.warning(
                "no escalation ladder for %s; request recorded only", event.subject
            )
            return
        number = self.state.escalations_requested
        await workflow.start_child_workflow(
            "Escalation",
            EscalationInput(
                start=StartEscalation(
                    actor=event.actor,
                    parent_workflow_id=self.stream_id,
                    subject=event.subject,
                    reason=event.reason,
                    friction_id=event.friction_id,
                    target=None if event.friction_id else event.subject,
                    ladder=ladder,
                )
            ),
            id=escalation_workflow_id(self.stream_id, number),
            task_queue=workflow.info().task_queue,
            parent_close_policy=ParentClosePolicy.ABANDON,
        )

    async def record(self, events: list[Event], actor: str, causation: str) -> None:
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
                notifications=[n for e in events for n in self.notifications(e)],
            ),
            start_to_close_timeout=timedelta(seconds=30),
            retry_policy=APPEND_RETRY,
        )
        for event in events:
            self.state = self.evolve(event)
            if event.type == "AmendmentStarted":
                self._new_round = True
            if isinstance(event, EscalationRequested) and workflow.patched("escalation-children"):
                await self._start_escalation(event)
        updates = self.search_attributes()
        if updates:
            workflow.upsert_search_attributes(updates)
