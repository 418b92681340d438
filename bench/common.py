"""Shared benchmark plumbing: a scratch database, rates, rounds run in alternation."""

from __future__ import annotations

import statistics
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

from runtime.embedded_pg import find_server
from store.scratch import create_scratch_database, drop_scratch_database


async def server_url() -> str:
    """NOVEX_BENCH_DATABASE_URL, the local server if it answers, else an embedded one."""
    return await find_server("NOVEX_BENCH_DATABASE_URL", Path(".data") / "bench-postgres")


@asynccontextmanager
async def scratch_database() -> AsyncIterator[str]:
    """A fresh, migrated database that is dropped afterwards."""
    server = await server_url()
    url = await create_scratch_database(server, "novex_bench")
    try:
        yield url
    finally:
        await drop_scratch_database(server, url)


async def rate(work: Callable[[], Awaitable[int]]) -> float:
    """Items per second of one run of ``work`` (which returns how many items it did)."""
    started = time.perf_counter()
    items = await work()
    return items / (time.perf_counter() - started)


async def alternate(
    ours: Callable[[], Awaitable[int]], base: Callable[[], Awaitable[int]], rounds: int = 5
) -> tuple[float, float]:
    """Median rates of ours and the baseline, run in alternation so drift hits both alike."""
    a: list[float] = []
    b: list[float] = []
    for i in range(rounds):
        if i % 2:
            b.append(await rate(base))
            a.append(await rate(ours))
        else:
            a.append(await rate(ours))
            b.append(await rate(base))
    return statistics.median(a), statistics.median(b)
