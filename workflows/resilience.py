"""How a process stays alive: bounded retries, backoff, when it counts as stuck, and why."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy
from temporalio.exceptions import ActivityError, ApplicationError, FailureError

with workflow.unsafe.imports_passed_through():
    from domain.shared.state import Stuck

APPEND_RETRY = RetryPolicy(
    initial_interval=timedelta(seconds=1),
    maximum_interval=timedelta(seconds=30),
    maximum_attempts=5,
    non_retryable_error_types=["WrongExpectedVersion", "DuplicateEventId"],
)
"""One attempt of the process's own work tries the store a few times before it gives up."""
LOAD_RETRY = RetryPolicy(
    initial_interval=timedelta(seconds=1),
    maximum_interval=timedelta(seconds=30),
    maximum_attempts=5,
)
COMMAND_APPEND_RETRY = RetryPolicy(
    initial_interval=timedelta(seconds=1),
    maximum_interval=timedelta(seconds=10),
    maximum_attempts=0,
    non_retryable_error_types=["WrongExpectedVersion", "DuplicateEventId"],
)
"""A command someone waits for is tried until the store takes it (every 10 s at most: it lands
soon after the store is back), with the same events: it is answered by the rules or once
recorded, never with the store's failure (Temporal would give that failure again to every retry
under the command's key, while the events may have landed)."""
COMMAND_LOAD_RETRY = RetryPolicy(
    initial_interval=timedelta(seconds=1),
    maximum_interval=timedelta(seconds=10),
    maximum_attempts=0,
)
STUCK_AFTER = 3
"""Failed attempts after which the process records that it is stuck (``vastgelopen``)."""
BACKOFF_FIRST = timedelta(seconds=10)
BACKOFF_CAP = timedelta(minutes=15)
REFUSED_APPENDS = ("WrongExpectedVersion", "DuplicateEventId")
NOTHING_TO_RECOVER = "NothingToRecover"

GUARD_PATCH = "no-death-by-infrastructure"
CATCH_UP_PATCH = "catch-up-from-the-store"
OWE_CHILD_PATCH = "owe-unstarted-escalations"
SETTLE_PATCH = "decided-schuurpunt-settles-ijkmoment"
"""From 0.2 on a decided schuurpunt lets its ijkmoment pass (before, CloseCheckpoint had to)."""
HISTORY_ESCALATIONS_PATCH = "escalations-after-their-history"
"""From 0.2 on an escalation requested in a history (a request dated in the past) starts once
the whole history is recorded, and not at all when that history decided its schuurpunt."""


def backoff(failures: int) -> timedelta:
    """The wait before the next attempt: doubling from ten seconds, at most a quarter hour."""
    return min(BACKOFF_FIRST * 2 ** max(failures - 1, 0), BACKOFF_CAP)


def refused_append(exc: BaseException) -> bool:
    """Whether the store refused an append because the stream moved on (or ids clashed)."""
    cause = exc.cause if isinstance(exc, ActivityError) else None
    return isinstance(cause, ApplicationError) and cause.type in REFUSED_APPENDS


def infrastructure(exc: BaseException) -> bool:
    """A failure of the store, a child, a message or the server — not of the process's input:
    worth another attempt later."""
    if isinstance(exc, ApplicationError) and exc.type == NOTHING_TO_RECOVER:
        return False
    return isinstance(exc, FailureError)


def cause_of(exc: BaseException) -> str:
    """The innermost message of a failure, for people."""
    message = str(exc) or type(exc).__name__
    while isinstance(exc, FailureError) and exc.cause is not None:
        exc = exc.cause
        message = str(exc) or message
    return message[:500]


@dataclass
class Trouble:
    """What a process failed to do, why, since when, and how often (kept in memory)."""

    operation: str
    cause: str
    since: datetime
    failures: int = 0

    @property
    def stuck(self) -> Stuck:
        return Stuck(operation=self.operation, cause=self.cause, since=self.since)

    @property
    def counts(self) -> bool:
        """Whether it failed often enough to count as stuck."""
        return self.failures >= STUCK_AFTER
