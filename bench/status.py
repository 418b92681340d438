"""Status at a glance: a status query's p99 through the read models with 10,000 processes in the
store, against a Temporal workflow query's p99 on one running workflow, in the same run; and the
board at 10,000 processes, a page of 50 (filtered, sorted, paged): the dashboard's and the API's
p95."""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment

from bench.common import scratch_database
from bench.figures import Figure, Outcome, load, machine, ratio_figure
from config.binaries import temporal_cli
from config.settings import Settings
from domain.catalog.planning import journey_start
from domain.province.rules import start
from domain.province.state import ProvinceJourney
from runtime.connections import create_engine
from service.context import Services
from service.rehearsal import Journey, catalog_due_from
from store.eventstore import EventMetadata, EventStore, NewEvent
from store.projector import Projector
from store.status import status_of
from store.tokens import create_token
from web.app import create_app
from worker import build_worker
from workflows import search

TITLE = "Status queries (bench/status.py)"


@dataclass(frozen=True)
class Sizes:
    """Processes in the store, status queries, rounds of board pages."""

    processes: int
    queries: int
    rounds: int


FULL = Sizes(10_000, 500, 8)
QUICK = Sizes(1_000, 100, 2)


def p99(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=100)[98]


async def _fill(store: EventStore, processes: int) -> None:
    catalog = catalog_due_from(datetime.now(UTC).date() + timedelta(days=30))
    command = journey_start(catalog, "GE", actor="bench")
    now = datetime.now(UTC)
    sem = asyncio.Semaphore(8)

    async def one(i: int) -> None:
        events = start(ProvinceJourney(), command, now=now, new_id=uuid.uuid4)
        async with sem:
            await store.append(
                f"province-B{i:05d}",
                0,
                [NewEvent(e.event_id, e.type, e.model_dump(mode="json")) for e in events],
                EventMetadata(actor="bench"),
            )

    await asyncio.gather(*(one(i) for i in range(processes)))


async def _queries(
    store: EventStore, client: Client, handle_id: str, sizes: Sizes
) -> tuple[list[float], list[float]]:
    """Seconds per status lookup in the read model and per workflow query, interleaved."""
    handle = client.get_workflow_handle(handle_id)
    step = sizes.processes // sizes.queries
    ids = [f"province-B{i:05d}" for i in range(0, sizes.processes, step)]
    await status_of(store, ids[0])  # open the pool
    ours: list[float] = []
    theirs: list[float] = []
    for stream_id in ids:
        t = time.perf_counter()
        row = await status_of(store, stream_id)
        ours.append(time.perf_counter() - t)
        assert row is not None
        t = time.perf_counter()
        status = await handle.query("status")
        theirs.append(time.perf_counter() - t)
        assert status["phase"]
    return ours, theirs


BOARD_QUERIES = (
    "",
    "?sort=name",
    "?sort=-next_due&page=57",
    "?phase=ijkmoment+1&sort=-name&page=120",
    "?overdue=true",
    "?province=GE",
    "?sort=-updated&page=3&area_page=2",
    "?programme=peh&stuck=true",
)
"""What people ask the board: every default page, sorted and filtered ones, deep pages."""


async def _board_renders(
    engine: AsyncEngine, client: Client, journey: Journey, sizes: Sizes
) -> tuple[list[float], list[float], list[float]]:
    """Seconds per page of the dashboard's board, per page of `/api/status` (50 rows), and per
    Mijn werk of a reviewer (which reads every row's summary)."""
    services = Services(engine, client, journey.catalog, Settings())
    token = await create_token(engine, "bench", "viewer", None)
    transport = httpx.ASGITransport(app=create_app(services))
    board: list[float] = []
    api: list[float] = []
    tasks: list[float] = []
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as http:
        http.cookies.set("novex_token", token)
        await http.get("/overzicht")  # open the pools
        for _ in range(sizes.rounds):
            for query in BOARD_QUERIES:
                t = time.perf_counter()
                response = await http.get("/overzicht" + query)
                board.append(time.perf_counter() - t)
                assert response.status_code == 200
                assert response.text.count("data-process=") <= 100
                t = time.perf_counter()
                response = await http.get("/api/status" + (query or "?") + "&kind=province")
                api.append(time.perf_counter() - t)
                assert response.status_code == 200 and len(response.json()) <= 50
        assert int(response.headers["X-Total-Count"]) <= sizes.processes
        reviewer = await create_token(engine, "bench", "reviewer", "rijk-accountteam")
        http.cookies.set("novex_token", reviewer)
        for _ in range(sizes.rounds):
            t = time.perf_counter()
            response = await http.get("/mijn-werk")
            tasks.append(time.perf_counter() - t)
            assert response.status_code == 200
    await services.close()
    return board, api, tasks


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[18]


@dataclass
class Measured:
    """Seconds per query of each kind, and how long filling and projecting took."""

    ours: list[float]
    theirs: list[float]
    board: list[float]
    api: list[float]
    tasks: list[float]
    fill_s: float
    project_s: float


async def measure(sizes: Sizes) -> Measured:
    async with scratch_database() as url:
        engine = create_engine(url)
        store = EventStore(engine)
        started = time.perf_counter()
        await _fill(store, sizes.processes)
        fill_s = time.perf_counter() - started
        started = time.perf_counter()
        await Projector(engine).catch_up()
        project_s = time.perf_counter() - started
        env = await WorkflowEnvironment.start_local(
            data_converter=pydantic_data_converter,
            dev_server_existing_path=temporal_cli(),
            search_attributes=list(search.ALL),
        )
        async with build_worker(env.client, store, "bench-status"):
            today = datetime.now(UTC).date()
            journey = Journey(env.client, "bench-status", "GE", catalog_due_from(today))
            await journey.start()
            ours, theirs = await _queries(store, env.client, journey.stream_id, sizes)
            board, api, tasks = await _board_renders(engine, env.client, journey, sizes)
        await env.shutdown()
        await store.close()
        await engine.dispose()
    return Measured(ours, theirs, board, api, tasks, fill_s, project_s)


def figures(m: Measured, sizes: Sizes) -> list[Figure]:
    n = f"{sizes.processes:,} processes"
    board_p95 = p95(m.board) * 1000
    return [
        ratio_figure(
            "status query p99",
            p99(m.ours) * 1000,
            p99(m.theirs) * 1000,
            unit="ms",
            baseline="Temporal workflow query",
            at_most=0.2,
            size=f"{n}, {sizes.queries} queries",
        ),
        Figure(
            "dashboard board p95, a page of 50",
            f"{board_p95:.0f} ms",
            target="≤ 300 ms",
            met=board_p95 <= 300,
            size=f"{n}, {len(BOARD_QUERIES)} pages × {sizes.rounds}",
        ),
    ]


def body(m: Measured, sizes: Sizes) -> str:
    ours_p99, theirs_p99, n = p99(m.ours) * 1000, p99(m.theirs) * 1000, sizes.processes
    return "\n".join(
        [
            f"Machine: {machine()}; Temporal dev server in memory; {n:,} province processes in "
            f"the store (appended in {m.fill_s:.1f} s, projected in {m.project_s:.1f} s); "
            f"{sizes.queries} queries each, interleaved; load average {load():.1f} at the end.",
            "",
            "| measure | novex read model | Temporal workflow query | ratio | target |",
            "|---|---|---|---|---|",
            f"| status query p99 | {ours_p99:.2f} ms | {theirs_p99:.2f} ms | "
            f"{ours_p99 / theirs_p99:.2f}× | ≤ 0.2× |",
            f"| status query median | {statistics.median(m.ours) * 1000:.2f} ms | "
            f"{statistics.median(m.theirs) * 1000:.2f} ms | | |",
            "",
            "| measure | p95 | median | target |",
            "|---|---|---|---|",
            f"| dashboard board, {n:,} processes, a page of 50 | "
            f"{p95(m.board) * 1000:.0f} ms | {statistics.median(m.board) * 1000:.0f} ms "
            "| ≤ 300 ms |",
            f"| `GET /api/status`, {n:,} processes, a page of 50 | "
            f"{p95(m.api) * 1000:.0f} ms | {statistics.median(m.api) * 1000:.0f} ms | |",
            f"| Mijn werk of a reviewer, {n:,} processes | "
            f"{max(m.tasks) * 1000:.0f} ms (max of {sizes.rounds}) | "
            f"{statistics.median(m.tasks) * 1000:.0f} ms | |",
            "",
            "The read-model query (store.status.status_of, as the API's process view uses it) is "
            "one indexed lookup over the store's own connections; the Temporal query goes client "
            "→ server → worker → workflow and back.",
            f"The board: {len(BOARD_QUERIES)} kinds of page (the first page, sorted by name, by "
            "next due date deep in the list, filtered by phase, overdue, province, programme and "
            f"stuck), {sizes.rounds} rounds, in process over ASGI; each dashboard page is two "
            "filtered, sorted, paged SQL queries (provinces, areas) plus the open escalations "
            "and dead letters counted; the API page is one. Mijn werk picks the rows that may "
            "hold the reviewer's tasks in SQL (a JSON path over every summary; here none has a "
            "review outstanding) and decides the tasks in Python.",
        ]
    )


async def run(sizes: Sizes) -> Outcome:
    m = await measure(sizes)
    return Outcome(TITLE, body(m, sizes), figures(m, sizes))


def main(quick: bool = False) -> Outcome:
    sizes = QUICK if quick else FULL
    return asyncio.run(run(sizes)).write(quick)


if __name__ == "__main__":
    main(quick="--quick" in sys.argv)
