"""The store's own connections: a refused statement keeps its connection, a cancelled one loses it,
callers beyond the size wait their turn, one that stalls is given up."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import asyncpg
import pytest

from config.settings import to_plain_url
from store.statement_pool import StatementPool

PID = "SELECT pg_backend_pid() AS pid"


@pytest.fixture
async def pool(quiet_database_url: str) -> AsyncIterator[StatementPool]:
    statements = StatementPool(to_plain_url(quiet_database_url), 1)
    yield statements
    await statements.close()


async def _pid(pool: StatementPool) -> int:
    row = await pool.fetchrow(PID)
    assert row is not None
    return int(row["pid"])


async def test_a_refused_statement_leaves_its_connection_ready_for_the_next(
    pool: StatementPool,
) -> None:
    first = await _pid(pool)
    with pytest.raises(asyncpg.UndefinedTableError):
        await pool.fetch("SELECT * FROM no_such_table")
    assert await _pid(pool) == first


async def test_a_statement_cancelled_midway_costs_its_connection_and_the_next_gets_a_new_one(
    pool: StatementPool,
) -> None:
    first = await _pid(pool)
    sleeping = asyncio.create_task(pool.fetch("SELECT pg_sleep(30)"))
    await asyncio.sleep(0.3)
    sleeping.cancel()
    with pytest.raises(asyncio.CancelledError):
        await sleeping
    assert await asyncio.wait_for(_pid(pool), 10) != first


async def test_callers_beyond_the_size_wait_for_a_connection(quiet_database_url: str) -> None:
    pool = StatementPool(to_plain_url(quiet_database_url), 2)
    try:
        rows = await asyncio.gather(
            *(pool.fetchrow("SELECT pg_sleep(0.1), pg_backend_pid() AS pid") for _ in range(6))
        )
        assert len({row["pid"] for row in rows if row is not None}) == 2
    finally:
        await pool.close()


async def test_a_statement_that_stalls_is_given_up_after_the_timeout_and_costs_its_connection(
    quiet_database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("store.statement_pool.TIMEOUT", 0.5)
    pool = StatementPool(to_plain_url(quiet_database_url), 1)
    try:
        first = await _pid(pool)
        began = asyncio.get_running_loop().time()
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(pool.fetch("SELECT pg_sleep(30)"), 10)
        assert asyncio.get_running_loop().time() - began < 5  # the pool's, not the test's
        assert await asyncio.wait_for(_pid(pool), 10) != first
    finally:
        await pool.close()
