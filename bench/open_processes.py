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
from bench.common import scratch_database
from bench.figures import Outcome
from bench.opened import CONCURRENCY, Opened, figures, report
from bench.under_load import _free_port, scrape
from config.binaries import temporal_cli
from domain.catalog.model import Catalog
from runtime.connections import create_engine
from service.rehearsal import catalog_due_from
from service.starting import start_journeys
from store.commit_order import ORIGIN, Cursor
from store.eventstore import EventStore
from store.projector import Projector
from workflows import search


@dataclass(frozen=True)
class Sizes:
    """Journeys opened on a worker caching a tenth of them (as the default cache of 1,000 does
    at 10,000), and journeys opened all cached."""

    journeys: int
    cache: int
    all_cached: int


SCALE = Sizes(10_008, 1_000, 2_004)  # `make bench-scale`: the 10,000 open processes
FULL = Sizes(1_200, 120, 600)
QUICK = Sizes(120, 12, 60)


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
    lag = await _lag(store, projector.name)
    caught = time.perf_counter()
    await _until(lambda: _caught_up(store, projector.name), 0.05)
    stop.set()
    await following
    return Opened(total, seconds, 0, 0, lag, time.perf_counter() - caught)


async def _count_is(store: EventStore, total: int) -> bool:
    return await _recorded(store) >= total


async def _lag(store: EventStore, name: str) -> int:
    """Events stored beyond the projector's checkpoint."""
    async with store.engine.connect() as conn:
        checkpoint = "SELECT tx, position FROM novex_projector_checkpoints WHERE name = :n"
        row = (await conn.execute(text(checkpoint), {"n": name})).first()
        at = Cursor(int(row[0]), int(row[1])) if row else ORIGIN
        beyond = "SELECT count(*) FROM novex_events WHERE (tx, position) > (:tx, :p)"
        return int((await conn.execute(text(beyond), at.binds())).scalar_one())


async def _caught_up(store: EventStore, name: str) -> bool:
    return await _lag(store, name) == 0


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


async def run(sizes: Sizes) -> tuple[Opened, Opened, Opened]:
    """Bare (every workflow cached), novex caching ``sizes.cache`` of its journeys, and novex
    with ``all_cached`` journeys all in its cache; each on a fresh dev server and database."""
    journeys = sizes.journeys
    env = await _dev_server()
    try:
        bare = await open_bare(env.client.service_client.config.target_host, journeys, journeys)
    finally:
        await env.shutdown()
    ours = await _novex_on_fresh_server(journeys, sizes.cache)
    cached = await _novex_on_fresh_server(sizes.all_cached, sizes.all_cached)
    return bare, ours, cached


def main(quick: bool = False, sizes: Sizes | None = None) -> Outcome:
    sizes = sizes or (QUICK if quick else FULL)
    bare, ours, cached = asyncio.run(run(sizes))
    title = f"{ours.processes:,} open processes (bench/open_processes.py)"
    body, found = report(bare, ours, cached, sizes.cache), figures(bare, ours, cached, sizes.cache)
    return Outcome(title, body, found).write(quick)


if __name__ == "__main__":
    main(quick="--quick" in sys.argv, sizes=SCALE if "--scale" in sys.argv else None)
