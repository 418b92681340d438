"""The `novex up` stack as a new user starts it, for end-to-end tests (one per test module)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

NOVEX = str(Path(sys.executable).parent / "novex")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """`novex up` with nothing but a data folder and free ports."""
    data = tmp_path_factory.mktemp("novex-up")
    env = {k: v for k, v in os.environ.items() if not k.startswith("NOVEX_")}
    env.update(
        NOVEX_DATA_DIR=str(data / ".data"),
        NOVEX_TEMPORAL_PORT=str(free_port()),
        NOVEX_TEMPORAL_UI_PORT=str(free_port()),
        NOVEX_API_PORT=str(free_port()),
        NOVEX_METRICS_PORT=str(free_port()),
    )
    log = (data / "up.log").open("w")
    process = subprocess.Popen(
        [NOVEX, "up"], env=env, cwd=data, stdout=log, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{env['NOVEX_API_PORT']}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if "novex is running" in (data / "up.log").read_text():
            break
        if process.poll() is not None:
            raise AssertionError("novex up exited:\n" + (data / "up.log").read_text())
        time.sleep(0.3)
    else:
        process.kill()
        raise AssertionError("novex up did not get ready:\n" + (data / "up.log").read_text())
    yield {
        "base": base,
        "env": json.dumps(env),
        "log": str(data / "up.log"),
        "pid": str(process.pid),
        "cwd": str(data),
    }
    if process.poll() is None:  # the test did not stop it: stop it as a user would (Ctrl-C)
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
    # whatever still runs on this data folder (a dev server or postgres of a killed stack)
    subprocess.run(["pkill", "-f", str(data / ".data")], check=False)


def cli(stack: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [NOVEX, *args],
        env=json.loads(stack["env"]),
        cwd=stack["cwd"],
        capture_output=True,
        text=True,
        timeout=120,
    )
