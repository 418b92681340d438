"""Keeping a process alive: its own work is retried with backoff; if it keeps failing the process
records that it is stuck (``vastgelopen``), and once the work succeeds, that it carries on."""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any, Generic, TypeVar

from temporalio import workflow
from temporalio.exceptions import FailureError

with workflow.unsafe.imports_passed_through():
    from domain.shared.events import Event
    from domain.shared.state import Versioned
    from domain.shared.stuck import resumed_events, stuck_events
    from workflows.process_rules import SYSTEM_ACTOR
    from workflows.resilience import GUARD_PATCH, Trouble, backoff, cause_of, infrastructure

S = TypeVar("S", bound=Versioned)


class KeepingAlive(Generic[S]):
    """The part of the process machinery that keeps it alive (a base, not a workflow)."""

    state: S

    def __init__(self) -> None:
        self._trouble: Trouble | None = None
        self._nudged = False
        self._carry: Callable[[], Any] | None = None
        """The input of the next run, should the history grow too long while stuck."""

    @workflow.signal(name="retry_now")
    def retry_now(self) -> None:
        """Someone removed the cause (``novex process recover``): try again without waiting."""
        self._nudged = True

    async def record_own(self, events: list[Event]) -> None:
        raise NotImplementedError

    async def guard(self, operation: str, work: Callable[[], Awaitable[Any]]) -> None:
        """Do the process's own work. A failure of the store, a child or a message is tried
        again after a growing wait; the process never fails of it."""
        failures = 0
        while True:
            try:
                await self._own_up()
                await work()
                await self._settle()
                return
            except FailureError as exc:
                if not infrastructure(exc) or not workflow.patched(GUARD_PATCH):
                    raise
                failures += 1
                await self._failed(operation, exc, failures)
                await self._continue_if_suggested()
            await self._wait(backoff(failures))

    async def _continue_if_suggested(self) -> None:
        """A process stuck for long continues as new rather than let its history grow without
        end; the next run does the work it owes again."""
        if self._carry is None or not workflow.info().is_continue_as_new_suggested():
            return
        await workflow.wait_condition(workflow.all_handlers_finished)
        workflow.continue_as_new(self._carry())

    async def _wait(self, delay: timedelta) -> None:
        """Wait before the next attempt, or less when nudged."""
        self._nudged = False
        with contextlib.suppress(TimeoutError):
            await workflow.wait_condition(lambda: self._nudged, timeout=delay)

    async def _failed(self, operation: str, exc: BaseException, failures: int) -> None:
        """Remember the trouble; once it counts, try to record that the process is stuck."""
        cause = cause_of(exc)
        workflow.logger.warning("%s failed (attempt %d): %s", operation, failures, cause)
        if self._trouble is None:
            self._trouble = Trouble(operation, cause, workflow.now())
        self._trouble.failures = max(self._trouble.failures, failures)
        with contextlib.suppress(FailureError):  # the store may be what fails; tried again
            await self._own_up()

    async def _own_up(self) -> None:
        """Record that the process is stuck, if it counts as stuck and has not said so yet."""
        trouble = self._trouble
        if trouble is None or not trouble.counts or self.state.version == 0:
            return
        await self.record_own(
            stuck_events(
                self.state,
                trouble.stuck,
                now=workflow.now(),
                new_id=workflow.uuid4,
                actor=SYSTEM_ACTOR,
            )
        )

    async def _settle(self) -> None:
        """The work that failed succeeded: a process that was stuck records that it carries on
        (and, if the store refused even that news while it was stuck, first that it was stuck)."""
        if self._trouble is None:
            return
        await self._own_up()
        await self._resume()
        self._trouble = None

    async def _resume(self) -> None:
        now, new_id = workflow.now(), workflow.uuid4
        await self.record_own(
            resumed_events(self.state, now=now, new_id=new_id, actor=SYSTEM_ACTOR)
        )

    async def settle_when_idle(self) -> None:
        """A run that took over a stuck state (recovered, or continued as new) says the process
        carries on once it has done all its own work and has nothing left to do but wait."""
        if self.state.stuck is not None and self._trouble is None:
            await self.guard("weer op gang", self._resume)

    def with_trouble(self, summary: dict[str, Any]) -> dict[str, Any]:
        """A summary that also shows a stuck process whose store refused the news so far."""
        trouble = self._trouble
        if trouble is not None and trouble.counts and summary.get("stuck") is None:
            return {**summary, "stuck": trouble.stuck.summary()}
        return summary
