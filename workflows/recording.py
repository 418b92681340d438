"""How a process records: decide under the lock, append to the store first, then evolve; catch
up from the store when the stream moved on; begin a run from the store (recovery)."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from datetime import timedelta
from typing import Any, TypeVar

from temporalio import workflow
from temporalio.common import SearchAttributeUpdate
from temporalio.exceptions import ActivityError, ApplicationError

with workflow.unsafe.imports_passed_through():
    from domain.shared import commands as cmd
    from domain.shared.errors import AlreadyDone, DomainError
    from domain.shared.events import Event
    from domain.shared.ids import StreamId
    from domain.shared.state import Versioned
    from domain.views.notifications import notifications_for
    from workflows.contracts import append_events, load_process
    from workflows.keeping import KeepingAlive
    from workflows.messages import AppendRequest, Keyed, LoadedProcess, LoadRequest
    from workflows.process_rules import SYSTEM_ACTOR, Decide, ProcessRules, refused
    from workflows.resilience import (
        APPEND_RETRY,
        CATCH_UP_PATCH,
        COMMAND_APPEND_RETRY,
        COMMAND_LOAD_RETRY,
        LOAD_RETRY,
        NOTHING_TO_RECOVER,
        refused_append,
    )

S = TypeVar("S", bound=Versioned)


class Recording(KeepingAlive[S]):
    """The part of the process machinery that records (a base, not a workflow)."""

    def __init__(self, rules: ProcessRules[S]) -> None:
        super().__init__()
        self.rules = rules
        self.state: S = rules.state()
        self._lock = asyncio.Lock()
        self._new_run = False

    # What a concrete process may add.
    async def recorded(self, event: Event) -> None:
        """Follow-up work on one event just recorded and folded into the state."""

    def caught_up(self, loaded: LoadedProcess) -> None:
        """The state was folded from the store; what else the store says is owed."""

    def continue_as_new_after(self, event: Event) -> bool:
        """Whether this event ends the run: the state carries over into a fresh history."""
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

    # Recording.
    async def execute(
        self,
        command: cmd.Command,
        *,
        quiet: bool = False,
        keyed: Keyed | None = None,
        awaited: bool = False,
    ) -> list[Event]:
        """Decide again under the lock (the state may have moved since validation), record.
        A command someone ``awaited`` (an Update) waits for the store as long as it takes."""
        produce = functools.partial(self.produce, self.rules.decide, command)
        return await self.decided(produce, command, quiet=quiet, keyed=keyed, awaited=awaited)

    def produce(self, decide: Decide[S], command: cmd.Command) -> list[Event]:
        return decide(self.state, command, now=workflow.now(), new_id=workflow.uuid4)

    async def decided(
        self,
        produce: Callable[[], list[Event]],
        command: cmd.Command,
        *,
        quiet: bool = True,
        keyed: Keyed | None = None,
        awaited: bool = False,
    ) -> list[Event]:
        """Under the lock, produce events from the current state and record them. When the
        store refuses the append because the stream moved on, fold the state from the store
        and decide once more."""
        async with self._lock:
            for attempt in (1, 2):
                try:
                    events = produce()
                except DomainError as exc:
                    if quiet:  # a repeated message is no cause for alarm: info, not warning
                        log = workflow.logger.warning
                        if isinstance(exc, AlreadyDone):
                            log = workflow.logger.info
                        log("command refused: %s: %s", command.type, exc)
                        return []
                    raise refused(exc) from exc
                try:
                    await self.record(events, command.actor, command.type, keyed, awaited)
                    return events
                except ActivityError as exc:
                    if attempt == 2 or not refused_append(exc):
                        raise
                    if not workflow.patched(CATCH_UP_PATCH):
                        raise
                    await self._catch_up(awaited)
        raise AssertionError("unreachable: the second attempt returns or raises")

    async def record_own(self, events: list[Event]) -> None:
        """Record events the machinery makes itself (stuck, resumed), under the lock."""
        if events:
            async with self._lock:
                await self.record(events, SYSTEM_ACTOR, events[0].type)

    async def _catch_up(self, awaited: bool = False) -> LoadedProcess:
        """Fold the state from the event store (the caller holds the lock)."""
        loaded = await workflow.execute_activity(
            load_process,
            LoadRequest(stream_id=self.stream_id),
            start_to_close_timeout=timedelta(seconds=60),
            retry_policy=COMMAND_LOAD_RETRY if awaited else LOAD_RETRY,
        )
        fresh = self.rules.state() if loaded.state is None else self.rules.load(loaded.state)
        self.state = fresh
        self.caught_up(loaded)
        return loaded

    async def recover(self) -> None:
        """Begin from the store: a fresh run after a terminate, a failure, a reset or a lost
        Temporal database. Timers re-arm from the folded state."""
        async with self._lock:
            loaded = await self._catch_up()
        if loaded.version == 0:
            raise ApplicationError(
                f"{self.stream_id} has no events in the event store: nothing to recover",
                type=NOTHING_TO_RECOVER,
                non_retryable=True,
            )

    async def record(
        self,
        events: list[Event],
        actor: str,
        causation: str,
        keyed: Keyed | None = None,
        awaited: bool = False,
    ) -> None:
        """Append to the event store first; only then does the workflow's state move. The
        idempotency key of the request that caused the events is stored with them. Events
        dated in the past are history, not news: they notify no one. The process's own work
        tries the store a few times (``guard`` tries again later and says when it is stuck); a
        command someone awaits is tried until the store takes it."""
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
                    n
                    for e in events
                    if e.decided_at is None
                    for n in notifications_for(self.stream_id, e, signatories)
                ],
                idempotency_key=keyed.idempotency_key if keyed else None,
                fingerprint=keyed.fingerprint if keyed else None,
            ),
            start_to_close_timeout=timedelta(seconds=30),
            retry_policy=COMMAND_APPEND_RETRY if awaited else APPEND_RETRY,
        )
        for event in events:
            self.state = self.rules.evolve(self.state, event)
            if self.continue_as_new_after(event):
                self._new_run = True
            await self.recorded(event)
        updates = self.search_attributes()
        if updates:
            workflow.upsert_search_attributes(updates)
