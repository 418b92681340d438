"""The machinery every process workflow shares: run, command update, validation, queries, timers."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import timedelta
from typing import Any, TypeVar

from temporalio import workflow
from temporalio.exceptions import ApplicationError

with workflow.unsafe.imports_passed_through():
    from domain.shared import commands as cmd
    from domain.shared.errors import DomainError
    from domain.shared.state import Versioned
    from workflows.answers import Answers
    from workflows.messages import CommandResult, Keyed, ProcessInput
    from workflows.process_rules import SYSTEM_ACTOR, ProcessRules, dry_run_id, refused
    from workflows.recording import Recording

S = TypeVar("S", bound=Versioned)
__all__ = ["SYSTEM_ACTOR", "ProcessRules", "ProcessWorkflow"]


class ProcessWorkflow(Recording[S]):
    """Base of every process workflow (not a workflow itself).

    A concrete workflow gives its rules to ``__init__`` and declares its typed entry points —
    ``run``, the ``command`` update and its validator — as one-line calls of ``run_process``,
    ``take`` and ``validate``; Temporal needs their argument types on the class itself.
    """

    def __init__(self, rules: ProcessRules[S], request: ProcessInput[Any, S]) -> None:
        super().__init__(rules)
        self._inbox: list[cmd.Command] = []
        self._pending_start = request.start if request.carried is None else None
        """The start while it is being recorded: commands that come with it wait for it."""
        self.answers = Answers(request.answers)
        self.announced: set[str] = set()
        """What this process told others already (carried into the next run)."""
        self._histories = 0
        """Histories (novex import) accepted and not yet recorded: while there are any, the
        process's own work (messages, announcements, timers) waits, so nothing it records
        itself lands between a start and the history that comes with it."""
        if request.carried is not None:  # before any update of the first task is judged
            self.state = request.carried

    # What a concrete process may add.
    async def announce(self) -> None:
        """Tell other processes what they wait for; called after every wake-up, outside the
        lock (it may execute commands of its own)."""

    async def follow_up(self) -> None:
        """Work the process still owes after recording (a child to start); after every wake-up."""

    async def learn(self) -> None:
        """Ask the store what others did that this process waits for and was not told of (it
        was not listening then); when no timer is due, so the timers judge the deadlines first."""

    async def receive(self, message: cmd.Command) -> None:
        """Record (or refuse) one message received, through the normal command path."""
        await self.execute(message, quiet=True)

    def take_over(self, request: ProcessInput[Any, S]) -> None:
        """Take what the previous run carried over besides the state."""
        self._inbox = list(request.inbox)
        self.announced = set(request.announced)

    def carried_input(self, request: ProcessInput[Any, S]) -> ProcessInput[Any, S]:
        """The input of the next run: the state and everything received or owed, not done."""
        return type(request)(
            carried=self.state,
            answers=self.answers.to_carry(workflow.now()),
            inbox=list(self._inbox),
            announced=sorted(self.announced),
        )

    def finished(self) -> bool:
        """A process that can end (an escalation) says so; journeys and areas never end."""
        return False

    # The entry points every process shares.
    async def run_process(self, request: ProcessInput[Any, S]) -> dict[str, Any]:
        """Start, take over the carried state, or recover it from the store; then serve until
        the process finishes."""
        self.take_over(request)
        self._carry = lambda: request.model_copy(update={"inbox": list(self._inbox)})
        if request.carried is not None:
            pass  # the state was taken over when the run was created (__init__)
        elif request.recover:
            await self.guard("herstellen uit de event store", self.recover)
        elif request.start is not None:
            start = request.start
            produce = functools.partial(self.produce, self.rules.start, start)
            await self.guard(
                start.type, functools.partial(self.decided, produce, start, keyed=request)
            )
            self._pending_start = None
        else:
            raise ApplicationError(
                f"{workflow.info().workflow_type} needs start data, carried state or recover",
                non_retryable=True,
            )
        self._carry = lambda: self.carried_input(request)
        await self.serve(self._carry)
        return self.rules.summarize(self.state)

    async def take(self, command: cmd.Command, keyed: Keyed) -> CommandResult:
        """Execute a command sent as an Update; the caller sees what it recorded. A command
        that came with the start waits for it; a key answered before gets that answer again."""
        key = keyed.idempotency_key
        if key is not None and key in self.answers:
            return self.answers.get(key)
        history = command.type == "RecordHistory"
        self._histories += history
        try:
            if self._pending_start is not None:
                await workflow.wait_condition(lambda: self._pending_start is None)
            events = await self.execute(command, keyed=keyed, awaited=True)
        finally:
            self._histories -= history
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
        return self.with_trouble(self.rules.summarize(self.state))

    @workflow.query(name="state")
    def full_state(self) -> S:
        return self.state

    # The machinery.
    async def serve(self, carry: Callable[[], Any]) -> None:
        """Serve commands and deadlines; continue-as-new (carrying the state and whatever was
        received and not yet recorded) when asked to."""
        while True:
            if self._histories:  # only ever for an import: old histories never wait here
                await workflow.wait_condition(lambda: not self._histories)
            await self.guard("berichten verwerken", self._drain_inbox)
            await self.guard("berichten versturen", self.announce)
            await self.guard("escalatie starten", self.follow_up)
            if self.finished():
                await workflow.wait_condition(workflow.all_handlers_finished)
                return
            if self._new_run or workflow.info().is_continue_as_new_suggested():
                await workflow.wait_condition(workflow.all_handlers_finished)
                workflow.continue_as_new(carry())
            alarm = self.rules.alarm(self.state)
            if alarm is None or alarm[0] > workflow.now():
                seen = self.state.version
                await self.guard("mijlpalen nalezen", self.learn)
                if self.state.version != seen:
                    continue  # what it learned may move its timers
                await self.settle_when_idle()
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
            await self.guard(command.type, functools.partial(self.execute, command, quiet=True))

    def _wake_check(self, seen: int) -> Callable[[], bool]:
        """Wake when the state moved (timers re-arm), a message arrived, or a run ended."""
        return lambda: self.state.version != seen or bool(self._inbox) or self._new_run

    async def _drain_inbox(self) -> None:
        """Record (or refuse) the messages received; one leaves the inbox only when done."""
        while self._inbox:
            await self.receive(self._inbox[0])
            self._inbox.pop(0)
