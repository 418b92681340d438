"""10,000 open journeys on one worker (a process of its own, as `novex up` runs it): the start
rate against bare Temporal, the worker's memory per 1,000 open processes at two cache sizes, and
the projector's lag at the end."""

from __future__ import annotations

import asyncio
import math
import os
import secrets
import signal
import sys
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, timedelta

import psutil
from sqlalchemy import text
from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment

from bench.bare import BareJourney
from bench.common import machine, scratch_database, write_section
from bench.under_load import _free_port, scrape
from config.binaries import temporal_cli
from domain.catalog.model import Catalog
from runtime.connections import create_engine
from service.rehearsal import catalog_due_from
from service.starting import start_journeys
from store.eventstore import EventStore
from store.projector import Projector
from workflows import search

CONCURRENCY = 32


@dataclass
class Opened:
    """One run: how fast the processes opened and what the worker holds afterwards."""

    processes: int
    seconds: float
    rss_before: int
    rss_after: int
    projector_lag: int = 0
    catch_up: float = 0.0

    @property
    def rate(self) -> float:
        return self.processes / self.seconds

    @property
    def mb_per_thousand(self) -> float:
        return (self.rss_after - self.rss_before) / 2**20 / (self.processes / 1000)


async def _dev_server() -> WorkflowEnvironment:
    return await WorkflowEnvironment.start_local(
        data_converter=pydantic_data_converter,
        dev_server_existing_path=temporal_cli(),
        search_attributes=list(search.ALL),
    )


async def _spawn(argv: list[str], env: dict[str, str]) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        *argv, env={**os.environ, **env}, stdout=asyncio.subprocess.DEVNULL, stderr=None
    )


async def _stop(process: asyncio.subprocess.Process) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        await asyncio.wait_for(process.wait(), 60)
    except TimeoutError:
        process.kill()


async def _until(done: Callable[[], Awaitable[bool]], pause: float = 0.2) -> None:
    while not await done():
        await asyncio.sleep(pause)


async def _in_batches(n: int, start: Callable[[int], Awaitable[int]]) -> None:
    """``start(i)`` for i in 0..n-1, CONCURRENCY at a time."""
    gate = asyncio.Semaphore(CONCURRENCY)

    async def one(i: int) -> int:
        async with gate:
            return await start(i)

    await asyncio.gather(*(one(i) for i in range(n)))


async def _rss(pid: int) -> int:
    await asyncio.sleep(2)  # let the worker settle after its last tasks
    return int(psutil.Process(pid).memory_info().rss)


async def open_novex(address: str, url: str, journeys: int, cached: int) -> Opened:
    """``journeys`` journeys opened (12 per label), until each has recorded its start."""
    queue, port = f"bench-open-{secrets.token_hex(2)}", _free_port()
    worker = await _spawn(
        [sys.executable, "-m", "worker"],
        {
            "NOVEX_DATABASE_URL": url,
            "NOVEX_TEMPORAL_ADDRESS": address,
            "NOVEX_TASK_QUEUE": queue,
            "NOVEX_METRICS_PORT": str(port),
            "NOVEX_WORKER_CACHED_WORKFLOWS": str(cached),
            "NOVEX_LOG_LEVEL": "WARNING",
        },
    )
    client = await Client.connect(address, data_converter=pydantic_data_converter)
    catalog = catalog_due_from(date.today() + timedelta(days=365))
    engine = create_engine(url)
    store = EventStore(engine)
    try:
        await scrape(str(port))  # the worker is up
        before = await _rss(worker.pid)
        opened = await _open_and_project(client, catalog, queue, store, journeys)
        opened.rss_before, opened.rss_after = before, await _rss(worker.pid)
        return opened
    finally:
        await _stop(worker)
        await store.close()
        await engine.dispose()


async def _recorded(store: EventStore) -> int:
    async with store.engine.connect() as conn:
        query = "SELECT count(*) FROM novex_events WHERE type = 'JourneyStarted'"
        return int((await conn.execute(text(query))).scalar_one())


async def _open_and_project(
    client: Client, catalog: Catalog, queue: str, store: EventStore, journeys: int
) -> Opened:
    """Start the journeys with the projector following; the projector's lag once every start is
    recorded, and how long it then takes to catch up."""
    labels = math.ceil(journeys / len(catalog.province_codes))
    stop = asyncio.Event()
    projector = Projector(store.engine)
    following = asyncio.create_task(projector.run(stop))
    started = time.perf_counter()

    async def start(i: int) -> int:
        label = f"o{i:05d}"
        return len(await start_journeys(client, catalog, actor="r", task_queue=queue, label=label))

    await _in_batches(labels, start)
    total = labels * len(catalog.province_codes)
    await _until(lambda: _count_is(store, total))
    seconds = time.perf_counter() - started
    head, reached = await _positions(store, projector.name)
    caught = time.perf_counter()
    await _until(lambda: _caught_up(store, projector.name, head), 0.05)
    stop.set()
    await following
    return Opened(total, seconds, 0, 0, head - reached, time.perf_counter() - caught)


async def _count_is(store: EventStore, total: int) -> bool:
    return await _recorded(store) >= total


async def _positions(store: EventStore, name: str) -> tuple[int, int]:
    """The store's last position and the projector's checkpoint."""
    async with store.engine.connect() as conn:
        head = (await conn.execute(text("SELECT last FROM novex_positions"))).scalar_one()
        reached = (
            await conn.execute(
                text("SELECT position FROM novex_projector_checkpoints WHERE name = :n"),
                {"n": name},
            )
        ).scalar_one_or_none()
    return int(head), int(reached or 0)


async def _caught_up(store: EventStore, name: str, head: int) -> bool:
    return (await _positions(store, name))[1] >= head


async def open_bare(address: str, workflows: int, cached: int) -> Opened:
    """As many bare workflows (each runs one no-op activity when it opens), on a bare worker."""
    queue, port = f"bench-bare-{secrets.token_hex(2)}", _free_port()
    argv = [sys.executable, "-m", "bench.bare", address, queue, str(port), str(cached)]
    worker = await _spawn(argv, {})
    client = await Client.connect(address)
    try:
        await scrape(str(port))
        before = await _rss(worker.pid)
        started = time.perf_counter()

        async def start(i: int) -> int:
            await client.start_workflow(BareJourney.run, f"b{i}", id=f"b{i}", task_queue=queue)
            return 1

        await _in_batches(workflows, start)
        await _until(lambda: _activities_done(port, workflows))
        seconds = time.perf_counter() - started
        return Opened(workflows, seconds, before, await _rss(worker.pid))
    finally:
        await _stop(worker)


async def _activities_done(port: int, total: int) -> bool:
    found = await scrape(str(port))
    latency = found.get("temporal_activity_execution_latency")
    return latency is not None and latency.count >= total


async def _novex_on_fresh_server(journeys: int, cached: int) -> Opened:
    env = await _dev_server()
    try:
        async with scratch_database() as url:
            address = env.client.service_client.config.target_host
            return await open_novex(address, url, journeys, cached)
    finally:
        await env.shutdown()


async def run(journeys: int, all_cached: int) -> tuple[Opened, Opened, Opened]:
    """Bare (every workflow cached), novex with the default cache of 1,000, and novex with
    ``all_cached`` journeys all in its cache; each on a fresh dev server and database."""
    env = await _dev_server()
    try:
        bare = await open_bare(env.client.service_client.config.target_host, journeys, journeys)
    finally:
        await env.shutdown()
    ours = await _novex_on_fresh_server(journeys, 1000)
    cached = await _novex_on_fresh_server(all_cached, all_cached)
    return bare, ours, cached


def report(bare: Opened, ours: Opened, cached: Opened) -> str:
    per_open = ours.mb_per_thousand
    return "\n".join(
        [
            f"Machine: {machine()}. Temporal dev server in memory; the worker in a process of "
            "its own (as `novex up` runs it), its resident memory read before and after; "
            f"{CONCURRENCY} starts at a time; one run each, each on a fresh server.",
            f"{ours.processes:,} journeys opened (12 per label); a journey counts as open once "
            "its start is recorded in the store; a bare workflow once its no-op activity ran.",
            "",
            "| measure | novex | bare Temporal | ratio | target |",
            "|---|---|---|---|---|",
            f"| processes opened per second | {ours.rate:,.1f} | {bare.rate:,.1f} | "
            f"{ours.rate / bare.rate:.2f}× | |",
            f"| worker memory per 1,000 open (cache 1,000) | {per_open:,.0f} MB | "
            f"{bare.mb_per_thousand:,.0f} MB (all cached) | | ≤ 100 MB "
            f"({'met' if per_open <= 100 else 'missed'}) |",
            f"| worker memory per 1,000 cached ({cached.processes:,} open, all cached) | "
            f"{cached.mb_per_thousand:,.0f} MB | {bare.mb_per_thousand:,.0f} MB | "
            f"{cached.mb_per_thousand / bare.mb_per_thousand:.2f}× | |",
            f"| projector lag once every start was recorded | {ours.projector_lag:,} events, "
            f"caught up in {ours.catch_up:.2f} s | | | |",
            "",
            "The cache (NOVEX_WORKER_CACHED_WORKFLOWS, default 1,000) bounds the memory: a "
            "process outside it costs the worker next to nothing while it waits, but its next "
            "task replays its whole history first (fetched from the server), which costs CPU "
            "and latency for that one task.",
        ]
    )


def main(quick: bool = False) -> None:
    bare, ours, cached = asyncio.run(run(1_200 if quick else 10_000, 1_200 if quick else 2_000))
    body = report(bare, ours, cached)
    write_section("10,000 open processes (bench/open_processes.py)", body)
    print(body)


if __name__ == "__main__":
    main(quick="--quick" in sys.argv)
