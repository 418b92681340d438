"""Answers a process gave under idempotency keys: a retried command gets the first answer again,
also in a later run (Temporal itself recognises an Update id only within one run)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from workflows.messages import Answer, CommandResult

KEPT = 50
"""How many recent answers a process keeps (and carries into its next run)."""
KEPT_FOR = timedelta(hours=24)
"""How long an answer is carried into a next run: a key is honoured for at least this long."""


class Answers:
    """The recent answers of one process, by idempotency key, oldest first."""

    def __init__(self, carried: Iterable[Answer] = ()) -> None:
        self._by_key: dict[str, Answer] = {a.key: a for a in carried}

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def get(self, key: str) -> CommandResult:
        return self._by_key[key].result

    def remember(self, key: str, at: datetime, result: CommandResult) -> None:
        """Keep an answer; the oldest goes when more than ``KEPT`` are kept."""
        self._by_key[key] = Answer(key=key, at=at, result=result)
        while len(self._by_key) > KEPT:
            del self._by_key[next(iter(self._by_key))]

    def to_carry(self, now: datetime) -> list[Answer]:
        """The answers young enough to go into the next run."""
        return [a for a in self._by_key.values() if now - a.at <= KEPT_FOR]
