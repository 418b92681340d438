"""`novex up` as a new user runs it: embedded stack, readiness, a journey over HTTP and the CLI,
a clean shutdown on Ctrl-C."""

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

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
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
    if process.poll() is None:
        process.kill()


def cli(stack: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [NOVEX, *args],
        env=json.loads(stack["env"]),
        cwd=stack["cwd"],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_novex_up_serves_the_api_and_the_cli_drives_a_journey_then_stops_cleanly(
    stack: dict[str, str],
) -> None:
    log = Path(stack["log"]).read_text()
    assert "Dashboard" in log and "Temporal UI" in log
    assert httpx.get(f"{stack['base']}/api/health").json() == {"status": "ok"}

    created = cli(stack, "token", "create", "--actor", "regieteam", "--role", "coordinator")
    assert created.returncode == 0, created.stderr
    headers = {"Authorization": f"Bearer {created.stdout.strip().splitlines()[-1]}"}

    started = httpx.post(
        f"{stack['base']}/api/programme/start",
        json={"provinces": ["GE"], "areas": ["de-peel"]},
        headers=headers,
        timeout=30,
    )
    assert started.status_code == 200, started.text
    assert started.json() == {"provinces": {"GE": "started"}, "areas": {"de-peel": "started"}}
    draft = {
        "type": "SubmitDraft",
        "actor": "x",
        "checkpoint": 1,
        "document_ref": "d1",
        "summary": "s",
    }
    for _ in range(50):
        response = httpx.post(
            f"{stack['base']}/api/provinces/GE/commands", json=draft, headers=headers, timeout=30
        )
        if response.status_code != 409:  # the journey may still be starting
            break
        time.sleep(0.2)
    assert response.status_code == 200, response.text

    review = cli(
        stack, "province", "review", "GE", "1", "--party", "programmes", "--outcome", "akkoord"
    )
    assert review.returncode == 0, review.stderr + review.stdout
    assert "ReviewSubmitted" in review.stdout
    refused = cli(
        stack, "province", "review", "GE", "4", "--party", "programmes", "--outcome", "akkoord"
    )
    assert refused.returncode == 2 and "unknown ijkmoment 4" in refused.stderr

    for _ in range(50):
        status = cli(stack, "status", "--json")
        rows = {r["stream_id"]: r for r in json.loads(status.stdout)}
        if rows.get("province-GE", {}).get("summary", {}).get("checkpoints", {}).get("1", {}).get(
            "missing_reviews"
        ) == ["rijk-accountteam", "area:arnhem-nijmegen-foodvalley", "area:regio-zwolle"]:
            break
        time.sleep(0.2)
    assert rows["province-GE"]["phase"] == "ijkmoment 1"
    assert "programmes" not in rows["province-GE"]["summary"]["checkpoints"]["1"]["missing_reviews"]
    assert "area-de-peel" in rows
    assert cli(stack, "audit", "verify").returncode == 0
    metrics_port = json.loads(stack["env"])["NOVEX_METRICS_PORT"]
    metrics = httpx.get(f"http://127.0.0.1:{metrics_port}/metrics", timeout=10).text
    assert "temporal_" in metrics  # the worker serves the SDK's Prometheus metrics

    os.kill(int(stack["pid"]), signal.SIGINT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and "novex stopped" not in Path(stack["log"]).read_text():
        time.sleep(0.3)
    assert "novex stopped" in Path(stack["log"]).read_text()
    leftovers = subprocess.run(
        ["pgrep", "-f", stack["cwd"]], capture_output=True, text=True
    ).stdout.split()
    assert leftovers == [], f"processes left running: {leftovers}"
