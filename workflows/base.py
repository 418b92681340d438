"""The machinery every process workflow shares: run, command update, validation, queries, timers."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Generic, Protocol, TypeVar

from temporalio import workflow
from temporalio.common import RetryPolicy, SearchAttributeUpdate
from temporalio.exceptions import ApplicationError

with workflow.unsafe.imports_passed_through():
    from domain.shared import commands as cmd
    from domain.shared.errors import DomainError
    from domain.shared.events import Event
    from domain.shared.ids import NewId, StreamId
    from domain.shared.state import Versioned
    from domain.views.notifications import notifications_for
    from workflows.answers import Answers
    from workflows.contracts import append_events
    from workflows.messages import AppendRequest, CommandResult, Keyed, ProcessInput

S = TypeVar("S", bound=Versioned)
S_contra = TypeVar("S_contra", contravariant=True)

APPEND_RETRY = RetryPolicy(
    initial_interval=timedelta(seconds=1),
    maximum_interval=timedelta(seconds=30),
    non_retryable_error_types=["WrongExpectedVersion", "DuplicateEventId"],
)
SYSTEM_ACTOR = "novex"


class Decide(Protocol[S_contra]):
    """A room's ``start`` or ``decide``: the events a command produces, or a DomainError."""

    def __call__(
        self, state: S_contra, command: Any, /, *, now: datetime, new_id: NewId
    ) -> list[Event]: ...


@dataclass(frozen=True)
class ProcessRules(Generic[S]):
    """What a process workflow takes from its room of the domain."""

    state: Callable[[], S]
    """The state before the first event."""
    start: Decide[S]
    decide: Decide[S]
    evolve: Callable[[S, Event], S]
    summarize: Callable[[S], dict[str, Any]]
    alarm: Callable[[S], tuple[datetime, cmd.Command] | None]
    """When the process must act by itself next, and with which command."""


def dry_run_id() -> uuid.UUID:
    """Ids for a validator's dry run: it must not draw from the workflow's random sequence."""
    return uuid.UUID(int=0)


def refused(exc: DomainError) -> ApplicationError:
    """A rule's refusal as the error a caller of an Update sees."""
    return ApplicationError(str(exc), type=type(exc).__name__, non_retryable=True)


class ProcessWorkflow(Generic[S]):
    """Base of every process workflow (not a workflow itself).

    A concrete workflow gives its rules to ``__init__`` and declares its typed entry points —
    ``run``, the ``command`` update and its validator — as one-line calls of ``run_process``,
    ``take`` and ``validate``; Temporal needs their argument types on the class itself.
    """

    def __init__(self, rules: ProcessRules[S], request: ProcessInput[Any, S]) -> None:
        self.rules = rules
        self.state: S = rules.state()
        self._lock = asyncio.Lock()
        self._inbox: list[cmd.Command] = []
        self._new_run = False
        self._pending_start = request.start if request.carried is None else None
        """The start while it is being recorded: commands that come with it wait for it."""
        self.answers = Answers(request.answers)

    # What a concrete process may add.
    async def announce(self) -> None:
        """Tell other processes what they wait for; called after every wake-up, outside the
        lock (it may execute commands of its own)."""

    async def recorded(self, event: Event) -> None:
        """Follow-up work on one event just recorded and folded into the state."""

    def continue_as_new_after(self, event: Event) -> bool:
        """Whether this event ends the run: the state carries over into a fresh history."""
        return False

    def finished(self) -> bool:
        """A process that can end (an escalation) says so; journeys and areas never end."""
        return False

    def signatories(self) -> tuple[str, ...]:
        """Who is asked to sign when the process drafts a text to sign."""
        return ()

    def search_attributes(self) -> list[SearchAttributeUpdate[Any]]:
        return []

    @property
    def stream_id(self) -> str:
        return workflow.info().workflow_id

    @property
    def stream(self) -> StreamId:
        return StreamId.parse(self.stream_id)

    # The entry points every process shares.
    async def run_process(self, request: ProcessInput[Any, S]) -> dict[str, Any]:
        """Start (or take over the carried state), then serve until the process finishes."""
        if request.carried is not None:
            self.state = request.carried
        elif request.start is not None:
            async with self._lock:
                events = self.rules.start(
                    self.state, request.start, now=workflow.now(), new_id=workflow.uuid4
                )
                await self.record(events, request.start.actor, request.start.type, request)
            self._pending_start = None
        else:
            raise ApplicationError(
                f"{workflow.info().workflow_type} needs start data or carried state",
                non_retryable=True,
            )
        await self.serve(
            lambda state: type(request)(
                carried=state, answers=self.answers.to_carry(workflow.now())
            )
        )
        return self.rules.summarize(self.state)

    async def take(self, command: cmd.Command, keyed: Keyed) -> CommandResult:
        """Execute a command sent as an Update; the caller sees what it recorded. A command
        that came with the start waits for it; a key answered before gets that answer again."""
        key = keyed.idempotency_key
        if key is not None and key in self.answers:
            return self.answers.get(key)
        if self._pending_start is not None:
            await workflow.wait_condition(lambda: self._pending_start is None)
        events = await self.execute(command, keyed=keyed)
        result = CommandResult(
            version=self.state.version,
            events=[e.type for e in events],
            status=self.rules.summarize(self.state),
            fingerprint=keyed.fingerprint,
        )
        if key is not None:
            self.answers.remember(key, workflow.now(), result)
        return result

    def validate(self, command: cmd.Command, keyed: Keyed) -> None:
        """Dry-run the rule: a refused command never reaches the history or the store. While
        the start is being recorded, the command is judged against the state it will record."""
        if keyed.idempotency_key is not None and keyed.idempotency_key in self.answers:
            return  # answered before: the handler gives that answer again
        try:
            self.rules.decide(self._judged_state(), command, now=workflow.now(), new_id=dry_run_id)
        except DomainError as exc:
            raise refused(exc) from exc

    def _judged_state(self) -> S:
        if self._pending_start is None:
            return self.state
        state = self.state
        now = workflow.now()
        for event in self.rules.start(state, self._pending_start, now=now, new_id=dry_run_id):
            state = self.rules.evolve(state, event)
        return state

    @workflow.query(name="status")
    def status(self) -> dict[str, Any]:
        return self.rules.summarize(self.state)

    @workflow.query(name="state")
    def full_state(self) -> S:
        return self.state

    # The machinery.
    async def serve(self, carry: Callable[[S], Any]) -> None:
        """Serve commands and deadlines; continue-as-new (carrying the state) when asked to."""
        while True:
            await self._drain_inbox()
            await self.announce()
            if self.finished():
                await workflow.wait_condition(workflow.all_handlers_finished)
                return
            if self._new_run or workflow.info().is_continue_as_new_suggested():
                await workflow.wait_condition(workflow.all_handlers_finished)
                workflow.continue_as_new(carry(self.state))
            alarm = self.rules.alarm(self.state)
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
        """Wake when the state moved (timers re-arm), a message arrived, or a run ended."""
        return lambda: self.state.version != seen or bool(self._inbox) or self._new_run

    async def _drain_inbox(self) -> None:
        while self._inbox:
            await self.execute(self._inbox.pop(0), quiet=True)

    async def execute(
        self, command: cmd.Command, *, quiet: bool = False, keyed: Keyed | None = None
    ) -> list[Event]:
        """Decide again under the lock (the state may have moved since validation), record."""
        async with self._lock:
            try:
                events = self.rules.decide(
                    self.state, command, now=workflow.now(), new_id=workflow.uuid4
                )
            except DomainError as exc:
                if quiet:
                    workflow.logger.warning("command refused: %s: %s", command.type, exc)
                    return []
                raise refused(exc) from exc
            await self.record(events, command.actor, command.type, keyed)
            return events

    async def record(
        self, events: list[Event], actor: str, causation: str, keyed: Keyed | None = None
    ) -> None:
        """Append to the event store first; only then does the workflow's state move. The
        idempotency key of the request that caused the events is stored with them."""
        if not events:
            return
        signatories = self.signatories()
        await workflow.execute_activity(
            append_events,
            AppendRequest(
                stream_id=self.stream_id,
                expected_version=self.state.version,
                events=[e.model_dump(mode="json") for e in events],
                actor=actor,
                correlation_id=self.stream_id,
                causation_id=causation,
                notifications=[
                    n for e in events for n in notifications_for(self.stream_id, e, signatories)
                ],
                idempotency_key=keyed.idempotency_key if keyed else None,
                fingerprint=keyed.fingerprint if keyed else None,
            ),
            start_to_close_timeout=timedelta(seconds=30),
            retry_policy=APPEND_RETRY,
        )
        for event in events:
            self.state = self.rules.evolve(self.state, event)
            if self.continue_as_new_after(event):
                self._new_run = True
            await self.recorded(event)
        updates = self.search_attributes()
        if updates:
            workflow.upsert_search_attributes(updates)
