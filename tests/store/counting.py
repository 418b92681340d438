"""A store whose statement pool notes every statement sent through it, and how many events each
carried (for tests that count round trips)."""

from __future__ import annotations

from typing import Any

import pytest

from store.eventstore import EventStore
from store.statement_pool import StatementPool


class CountingPool:
    """The store's pool, noting every statement and how many events it held (its first
    argument's length when that is an array, else one)."""

    def __init__(self, pool: StatementPool) -> None:
        self.pool, self.sent = pool, list[tuple[str, int]]()

    @property
    def queries(self) -> list[str]:
        return [query for query, _ in self.sent]

    async def fetch(self, query: str, *args: Any) -> Any:
        self.sent.append((query, len(args[0]) if isinstance(args[0], list) else 1))
        return await self.pool.fetch(query, *args)

    async def fetchrow(self, query: str, *args: Any) -> Any:
        self.sent.append((query, 1))
        return await self.pool.fetchrow(query, *args)


async def counted(store: EventStore, monkeypatch: pytest.MonkeyPatch) -> CountingPool:
    """Put a counting pool under ``store`` for the rest of the test."""
    counting = CountingPool(await store.pool())
    monkeypatch.setattr(store, "_pool", counting)
    monkeypatch.setattr(store, "_group", None)
    return counting
