"""The `novex up` stack as a new user starts it, for end-to-end tests (one per test module).

Everything here waits without blocking the session's event loop, on which the tests' Temporal
worker runs: subprocesses are awaited and pauses are ``asyncio.sleep``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

NOVEX = str(Path(sys.executable).parent / "novex")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class Ran:
    """What a finished `novex` command left: its exit code and its output."""

    returncode: int
    stdout: str
    stderr: str


async def run(*argv: str, env: dict[str, str] | None = None, cwd: str | None = None) -> Ran:
    """Run a command to its end without blocking the event loop."""
    process = await asyncio.create_subprocess_exec(
        *argv,
        env=env,
        cwd=cwd,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), timeout=180)
    assert process.returncode is not None
    return Ran(process.returncode, out.decode(), err.decode())


def up_env(data: Path) -> dict[str, str]:
    """The environment of a `novex up` on this data folder and free ports."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NOVEX_")}
    env.update(
        NOVEX_DATA_DIR=str(data / ".data"),
        NOVEX_TEMPORAL_PORT=str(free_port()),
        NOVEX_TEMPORAL_UI_PORT=str(free_port()),
        NOVEX_API_PORT=str(free_port()),
        NOVEX_METRICS_PORT=str(free_port()),
        XDG_CONFIG_HOME=str(data / "config"),  # no login of the machine's user is read
    )
    return env


def _logs(log_path: Path, data: Path) -> str:
    """What `novex up` printed, and the embedded PostgreSQL's own log when there is one."""
    postgres = data / ".data" / "postgres" / "log"
    tail = postgres.read_text(errors="replace")[-4000:] if postgres.exists() else ""
    return log_path.read_text() + ("\n--- PostgreSQL log ---\n" + tail if tail else "")


async def launch_up(env: dict[str, str], data: Path, log_path: Path) -> asyncio.subprocess.Process:
    """`novex up` started and awaited until it says it is running (its output in ``log_path``)."""
    with log_path.open("w") as log:
        process = await asyncio.create_subprocess_exec(
            NOVEX, "up", env=env, cwd=data, stdout=log, stderr=asyncio.subprocess.STDOUT
        )
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 120
    while loop.time() < deadline:
        if "novex is running" in log_path.read_text():
            return process
        if process.returncode is not None:
            raise AssertionError("novex up exited:\n" + _logs(log_path, data))
        await asyncio.sleep(0.3)
    process.kill()
    raise AssertionError("novex up did not get ready:\n" + _logs(log_path, data))


@contextlib.asynccontextmanager
async def running_stack(data: Path) -> AsyncIterator[dict[str, str]]:
    """`novex up` on this data folder and free ports, with a coordinator's token; stopped as a
    user stops it (Ctrl-C) unless the test stopped it."""
    env = up_env(data)
    log_path = data / "up.log"
    process = await launch_up(env, data, log_path)
    base = f"http://127.0.0.1:{env['NOVEX_API_PORT']}"
    made = await run(
        NOVEX,
        "token",
        "create",
        "--actor",
        "regieteam",
        "--role",
        "coordinator",
        env=env,
        cwd=str(data),
    )
    assert made.returncode == 0, made.stderr
    try:
        yield {
            "base": base,
            "env": json.dumps(env),
            "log": str(log_path),
            "pid": str(process.pid),
            "cwd": str(data),
            "token": made.stdout.strip().splitlines()[-1],
        }
    finally:
        if process.returncode is None:  # the test did not stop it: stop it as a user would
            process.send_signal(signal.SIGINT)
            try:
                await asyncio.wait_for(process.wait(), timeout=60)
            except TimeoutError:
                process.kill()
                await process.wait()
        # whatever still runs on this data folder (a dev server or postgres of a killed stack)
        await run("pkill", "-f", str(data / ".data"))


@pytest.fixture(scope="module")
async def stack(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[dict[str, str]]:
    """`novex up` with nothing but a data folder and free ports."""
    async with running_stack(tmp_path_factory.mktemp("novex-up")) as running:
        yield running


@pytest.fixture(scope="package")
async def demo(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[dict[str, str]]:
    """A `novex up` stack after `novex demo` told the programme's story on its real dates and
    set today's work going (one for the package's tests: they leave the demo's reviews and
    escalations to each other)."""
    async with running_stack(tmp_path_factory.mktemp("novex-demo")) as running:
        ran = await cli(running, "demo")
        assert ran.returncode == 0, ran.stderr + ran.stdout
        assert "11 ruimtelijke arrangementen getekend" in ran.stdout, ran.stdout
        assert "Groningen: procesafspraak" in ran.stdout, ran.stdout
        assert "overgeslagen" not in ran.stdout, ran.stdout
        yield running


async def cli(stack: dict[str, str], *args: str, token: str | None = None) -> Ran:
    """`novex ARGS…` as a user types it beside the running stack: with the API's address and a
    token (a coordinator's unless another is given) in NOVEX_URL and NOVEX_TOKEN."""
    env = json.loads(stack["env"]) | {
        "NOVEX_URL": stack["base"],
        "NOVEX_TOKEN": token or stack["token"],
    }
    return await run(NOVEX, *args, env=env, cwd=stack["cwd"])
