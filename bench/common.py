"""Shared benchmark plumbing: a scratch database, the machine's description, RESULTS.md."""

from __future__ import annotations

import os
import platform
import secrets
import statistics
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path

import asyncpg

from store.migrate import upgrade_async

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres"


async def server_url() -> str:
    """NOVEX_BENCH_DATABASE_URL, the local server if it answers, else an embedded one."""
    url = os.environ.get("NOVEX_BENCH_DATABASE_URL")
    if url:
        return url
    try:
        conn = await asyncpg.connect(DEFAULT_SERVER, timeout=3)
        await conn.close()
        return DEFAULT_SERVER
    except (OSError, asyncpg.PostgresError):
        from store.embedded import start_embedded_postgres

        return start_embedded_postgres(Path(".data") / "bench-postgres")


@asynccontextmanager
async def scratch_database() -> AsyncIterator[str]:
    """A fresh, migrated database that is dropped afterwards."""
    server = await server_url()
    name = f"novex_bench_{secrets.token_hex(4)}"
    admin = await asyncpg.connect(server)
    await admin.execute(f'CREATE DATABASE "{name}"')
    await admin.close()
    base, _, query = server.partition("?")
    url = base.rsplit("/", 1)[0] + "/" + name + (f"?{query}" if query else "")
    await upgrade_async(url)
    try:
        yield url
    finally:
        admin = await asyncpg.connect(server)
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


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


def machine() -> str:
    """One line describing where the figures were measured."""
    return (
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def write_section(title: str, body: str) -> None:
    """Replace (or add) one ``## title`` section of RESULTS.md."""
    text = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    sections = text.split("\n## ")
    head, rest = sections[0], sections[1:]
    kept = [s for s in rest if not s.startswith(title + "\n")]
    kept.append(f"{title}\n\n{body.strip()}\n")
    RESULTS.write_text(head.rstrip() + "\n\n## " + "\n## ".join(kept), encoding="utf-8")
