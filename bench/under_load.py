"""Workflow task latency of `novex up` while `novex demo` drives it and the test suite runs beside
it, read from the worker's Prometheus metrics."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from bench.figures import Figure, Outcome, load, machine
from bench.metrics import Histogram, histograms

NOVEX = str(Path(sys.executable).parent / "novex")
ROOT = Path(__file__).resolve().parent.parent
EXECUTION = "temporal_workflow_task_execution_latency"
SCHEDULE_TO_START = "temporal_workflow_task_schedule_to_start_latency"
ACTIVITY = "temporal_activity_execution_latency"
SHOWN = (EXECUTION, SCHEDULE_TO_START, ACTIVITY)
TITLE = "Workflow tasks under load (bench/under_load.py)"


@dataclass(frozen=True)
class Sizes:
    """Demos at least, and the tests run beside them for at most ``seconds`` (then stopped)."""

    demos: int
    tests: tuple[str, ...]
    seconds: float


FULL = Sizes(3, ("tests", "--ignore=tests/e2e"), 120)
QUICK = Sizes(1, ("tests/unit",), 10)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def up_env(folder: Path) -> dict[str, str]:
    """`novex up` on a data folder of its own and free ports (as the end-to-end tests run it)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NOVEX_")}
    env.update(
        NOVEX_DATA_DIR=str(folder / ".data"),
        NOVEX_TEMPORAL_PORT=str(_free_port()),
        NOVEX_TEMPORAL_UI_PORT=str(_free_port()),
        NOVEX_API_PORT=str(_free_port()),
        NOVEX_METRICS_PORT=str(_free_port()),
    )
    return env


async def launch_up(env: dict[str, str], folder: Path) -> asyncio.subprocess.Process:
    """`novex up`, awaited until it says it is running."""
    log_path = folder / "up.log"
    with log_path.open("w") as log:
        process = await asyncio.create_subprocess_exec(
            NOVEX, "up", env=env, cwd=folder, stdout=log, stderr=asyncio.subprocess.STDOUT
        )
    for _ in range(600):
        if "novex is running" in log_path.read_text():
            return process
        if process.returncode is not None:
            break
        await asyncio.sleep(0.3)
    process.kill()
    raise RuntimeError("novex up did not get ready:\n" + log_path.read_text()[-4000:])


async def stop_up(process: asyncio.subprocess.Process) -> None:
    """Ctrl-C, as a user stops it."""
    process.send_signal(signal.SIGINT)
    try:
        await asyncio.wait_for(process.wait(), timeout=90)
    except TimeoutError:
        process.kill()
        await process.wait()


async def demo(env: dict[str, str], folder: Path, label: str) -> float:
    """One `novex demo` under its own label; returns its wall time."""
    started = time.perf_counter()
    process = await asyncio.create_subprocess_exec(
        NOVEX,
        "demo",
        env={**env, "NOVEX_LABEL": label},
        cwd=folder,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"novex demo failed: {err.decode()[-2000:]}{out.decode()[-2000:]}")
    return time.perf_counter() - started


async def beside(paths: list[str]) -> asyncio.subprocess.Process:
    """The test suite (or part of it) as a separate pytest run, its output discarded."""
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        *paths,
        cwd=ROOT,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
        start_new_session=True,  # a group of its own: what it starts is stopped with it
    )


async def scrape(port: str) -> dict[str, Histogram]:
    """The worker's histograms (waiting for the worker to serve them)."""
    async with httpx.AsyncClient() as http:
        for _ in range(300):
            try:
                return histograms((await http.get(f"http://127.0.0.1:{port}/metrics")).text)
            except httpx.TransportError:
                await asyncio.sleep(0.2)
    raise RuntimeError(f"no metrics on port {port}")


@dataclass
class Measured:
    """Workflow task latencies observed during one run, and what ran."""

    observed: dict[str, Histogram]
    demos: list[float]
    tests_exit: int | None


async def _demos(
    env: dict[str, str], folder: Path, first: int, at_least: int, beside_it: Beside | None
) -> list[float]:
    """Demos in a row, each under its own label: ``at_least`` of them, and more while the tests
    beside them run (until their time is up)."""
    times: list[float] = []
    while len(times) < at_least or (beside_it is not None and beside_it.running()):
        times.append(await demo(env, folder, f"load{first + len(times)}"))
    return times


@dataclass
class Beside:
    """The tests running beside the demos, and when they are to be stopped."""

    suite: asyncio.subprocess.Process
    deadline: float

    def running(self) -> bool:
        return self.suite.returncode is None and time.monotonic() < self.deadline


async def measure(sizes: Sizes) -> tuple[Measured, Measured]:
    """One `novex up`: first demos with nothing beside them (the baseline), then demos while the
    tests run beside it, stopped after ``sizes.seconds``; the worker's histograms of each."""
    folder = Path(tempfile.mkdtemp(prefix="novex-underload-"))
    env = up_env(folder)
    up = await launch_up(env, folder)
    try:
        port = env["NOVEX_METRICS_PORT"]
        start = await scrape(port)
        quiet = await _demos(env, folder, 0, sizes.demos, None)
        middle = await scrape(port)
        beside_it = Beside(await beside(list(sizes.tests)), time.monotonic() + sizes.seconds)
        loaded = await _demos(env, folder, len(quiet), sizes.demos, beside_it)
        end = await scrape(port)
        exit_code = await _finish(beside_it.suite)
    finally:
        await stop_up(up)
    return (
        Measured(_between(start, middle), quiet, None),
        Measured(_between(middle, end), loaded, exit_code),
    )


def _between(before: dict[str, Histogram], after: dict[str, Histogram]) -> dict[str, Histogram]:
    return {
        name: after[name].minus(before.get(name, Histogram())) for name in SHOWN if name in after
    }


async def _finish(suite: asyncio.subprocess.Process) -> int | None:
    """The suite's exit code, or None when it was still running and had to be stopped (Ctrl-C,
    so that its fixtures stop the servers they started). Whatever of its process group outlives
    it (a Temporal server a fixture started and an interrupted teardown left) is killed."""
    code = suite.returncode
    if code is None:
        suite.send_signal(signal.SIGINT)
        try:
            await asyncio.wait_for(suite.wait(), 60)
        except TimeoutError:
            suite.kill()
            await suite.wait()
    with contextlib.suppress(ProcessLookupError):
        os.killpg(suite.pid, signal.SIGKILL)
    return code


def _ms(ms: float) -> str:
    return "> 60 s" if ms == float("inf") else f"≤ {ms:,.0f} ms"


def report(quiet: Measured, loaded: Measured, sizes: Sizes) -> str:
    ended = (
        f"stopped after {sizes.seconds:.0f} s"
        if loaded.tests_exit is None
        else f"exit {loaded.tests_exit}"
    )
    rows = [
        f"Machine: {machine()}. `novex up` (embedded PostgreSQL, Temporal dev server on SQLite, "
        "worker, API, projector and dispatcher) driven by `novex demo` run "
        f"{len(loaded.demos)}× under fresh labels; beside it `pytest {' '.join(sizes.tests)}` "
        f"({ended}); the baseline: {len(quiet.demos)} demos in the same `novex up` just before, "
        f"with nothing beside them; load average {load():.1f} at the end. Latencies are the "
        "upper bound of the Prometheus histogram bucket (milliseconds) holding the quantile.",
        "",
        "| measure | tests beside it | nothing beside it | target |",
        "|---|---|---|---|",
    ]
    for name in SHOWN:
        under, idle = loaded.observed.get(name, Histogram()), quiet.observed.get(name, Histogram())
        target = "≤ 1 s" if name == EXECUTION else ""
        met = ""
        if target:
            met = " (met)" if under.quantile(0.99) <= 1000 else " (missed)"
        rows.append(
            f"| {name.removeprefix('temporal_')} p99 | {_ms(under.quantile(0.99))} | "
            f"{_ms(idle.quantile(0.99))} | {target}{met} |"
        )
    count = loaded.observed.get(EXECUTION, Histogram())
    rows += [
        f"| workflow tasks observed (> 1 s) | {count.count:,.0f} ({count.above(1000):,.0f}) | "
        f"{quiet.observed.get(EXECUTION, Histogram()).count:,.0f} | |",
        f"| demo wall time, median | {sorted(loaded.demos)[len(loaded.demos) // 2]:.1f} s | "
        f"{sorted(quiet.demos)[len(quiet.demos) // 2]:.1f} s | |",
    ]
    return "\n".join(rows)


def figures(quiet: Measured, loaded: Measured) -> list[Figure]:
    under = loaded.observed.get(EXECUTION, Histogram())
    idle = quiet.observed.get(EXECUTION, Histogram())
    p99 = under.quantile(0.99)
    return [
        Figure(
            "workflow task execution p99, tests beside it",
            _ms(p99),
            f"nothing beside it {_ms(idle.quantile(0.99))}",
            target="≤ 1 s",
            met=p99 <= 1000,
            size=f"{len(loaded.demos)} demos, {under.count:,.0f} tasks",
        )
    ]


async def run(sizes: Sizes) -> Outcome:
    quiet, loaded = await measure(sizes)
    return Outcome(TITLE, report(quiet, loaded, sizes), figures(quiet, loaded))


def main(quick: bool = False) -> Outcome:
    return asyncio.run(run(QUICK if quick else FULL)).write(quick)


if __name__ == "__main__":
    main(quick="--quick" in sys.argv)
