"""`make bench` / `make bench-quick`: every benchmark at its full (or quick) size, one after the
other; each writes its section of bench/RESULTS.md (a quick run: RESULTS-quick.md), and the run
writes the summary at its top."""

from __future__ import annotations

import argparse
import asyncio
import time
from collections.abc import Callable
from types import ModuleType

from bench import (
    agenda,
    cli,
    eventstore,
    forecast,
    journey,
    notify,
    open_processes,
    programme,
    status,
    under_load,
)
from bench.common import server_url
from bench.figures import (
    SUMMARY,
    Outcome,
    load,
    machine,
    pg_version,
    results,
    summary,
    write_section,
)

BENCHMARKS: dict[str, ModuleType] = {
    "eventstore": eventstore,
    "journey": journey,
    "agenda": agenda,
    "notify": notify,
    "status": status,
    "cli": cli,
    "programme": programme,
    "forecast": forecast,
    "open_processes": open_processes,
    "under_load": under_load,  # last: it runs the test suite beside `novex up`
}


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes (about two minutes)")
    parser.add_argument(
        "only",
        nargs="*",
        choices=[[], *BENCHMARKS],
        metavar="BENCHMARK",
        help=", ".join(BENCHMARKS),
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = _arguments(argv)
    chosen = args.only or list(BENCHMARKS)
    runs: list[tuple[Outcome, float, float, float]] = []
    for name in chosen:
        run: Callable[..., Outcome] = BENCHMARKS[name].main
        before, started = load(), time.perf_counter()
        outcome = run(quick=args.quick)
        runs.append((outcome, time.perf_counter() - started, before, load()))
    version = asyncio.run(pg_version(asyncio.run(server_url())))
    described, path = f"{machine()}, PostgreSQL {version}", results(args.quick)
    write_section(SUMMARY, summary(runs, args.quick, described), first=True, path=path)
    total = sum(r[1] for r in runs)
    print(f"{len(runs)} benchmarks in {total / 60:.1f} min; summary at the top of {path.name}")


if __name__ == "__main__":
    main()
