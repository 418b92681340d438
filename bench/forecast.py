"""How good the prognose is: the demo's programme history (fictional details on the public
timeline) imported through the real workflows, cut every quarter, forecast, and compared with
what happened after — mean absolute error in days against the naive "the plan holds"."""

from __future__ import annotations

import asyncio
import secrets
import sys
from datetime import date

from sqlalchemy import text
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment

from bench.common import scratch_database
from bench.figures import Figure, Outcome, load, machine
from config.binaries import temporal_test_server
from config.catalog_file import load_catalog
from config.settings import Settings
from domain.shared.effective import effective_date
from domain.shared.events import Event
from domain.views.backtest import Backtest, backtest
from runtime.connections import create_engine
from service.context import Services
from service.demo_history import demo_history
from service.history_file import write_yaml
from service.importing import import_history
from store.projections import fold_stream_events
from worker import build_worker
from workflows import search

TITLE = "Prognose backtest (bench/forecast.py)"
CUTS = tuple(date(year, month, 1) for year in (2023, 2024, 2025) for month in (1, 4, 7, 10))
"""A cut every quarter from the startpakket to the first arrangements."""


async def _histories() -> list[list[Event]]:
    """Import the demo's history into a fresh store; every province's and area's events."""
    env = await WorkflowEnvironment.start_time_skipping(
        data_converter=pydantic_data_converter, test_server_existing_path=temporal_test_server()
    )
    await search.register(env.client, "default")
    catalog = load_catalog()
    try:
        async with scratch_database() as url:
            engine = create_engine(url)
            label = f"f{secrets.token_hex(2)}"
            queue = f"bench-forecast-{label}"
            services = Services(
                engine, env.client, catalog, Settings(task_queue=queue), label=label
            )
            async with build_worker(env.client, services.store, queue, catalog):
                history = write_yaml(demo_history(catalog))
                outcomes = await import_history(services, "demo.yaml", history, "regieteam")
            refused = [o for o in outcomes if o.status == "refused"]
            if refused:
                raise SystemExit(f"the history was refused: {refused[0].refusal}")
            histories = []
            async with engine.connect() as conn:
                found = await conn.execute(text("SELECT DISTINCT stream_id FROM novex_events"))
                streams = sorted(str(s) for s in found.scalars())
            for stream in streams:
                if stream.startswith(("province-", "area-")):
                    stored = await services.store.read_stream(stream)
                    folded = fold_stream_events(stream, stored, effective=True)
                    histories.append([e for _, e in folded.pairs if e is not None])
            await services.close()
            await engine.dispose()
    finally:
        await env.shutdown()
    return histories


def report(result: Backtest, processes: int) -> str:
    """The section of RESULTS.md."""
    if result.forecast_mae_days is None or result.naive_mae_days is None:
        return (
            f"{processes} processes imported; no milestone was pending at a cut: nothing measured."
        )
    ratio = result.forecast_mae_days / result.naive_mae_days
    return (
        f"{processes} processes imported (`novex demo`'s history: the milestones on the public "
        "timeline, the details fictional), cut on the first day of every quarter "
        f"{CUTS[0]:%Y-%m}…{CUTS[-1]:%Y-%m}; every milestone pending at a cut and reached later "
        f"is one sample ({result.milestones} samples).\n\n"
        "| forecast | mean absolute error | against the plan holds | target |\n|---|---|---|---|\n"
        f"| prognose (own slip → programme trend → plan; critical path for agendas) | "
        f"{result.forecast_mae_days} days | {ratio:.2f}× | < 1.00× "
        f"({'met' if ratio < 1 else 'missed'}) |\n"
        f"| the plan holds (the due date agreed on the cut day) | {result.naive_mae_days} days | "
        "1.00× | — |\n\n"
        "One programme, so the figure says how the method does on a history shaped like the "
        "real one (slip that grows milestone by milestone), not how it would do on another."
    )


def figures(result: Backtest, processes: int) -> list[Figure]:
    if result.forecast_mae_days is None or result.naive_mae_days is None:
        return []
    ratio = result.forecast_mae_days / result.naive_mae_days
    return [
        Figure(
            "prognose, mean absolute error",
            f"{result.forecast_mae_days} days",
            f"the plan holds {result.naive_mae_days} days",
            f"{ratio:.2f}×",
            "< 1.00×",
            ratio < 1,
            f"{processes} processes, {len(CUTS)} cuts, {result.milestones} samples",
        )
    ]


async def run() -> Outcome:
    histories = await _histories()
    result = backtest(histories, CUTS, effective_date)
    body = f"Machine: {machine()}; load average {load():.1f} at the end.\n\n"
    body += report(result, len(histories))
    return Outcome(TITLE, body, figures(result, len(histories)))


def main(quick: bool = False) -> Outcome:
    """Run the backtest (the same at every size: the history is the programme's)."""
    return asyncio.run(run()).write(quick)


if __name__ == "__main__":
    main("--quick" in sys.argv)
