"""`novex up` as a new user runs it: embedded stack, readiness, a journey over HTTP and the CLI,
a clean shutdown on Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import httpx

from tests.e2e.conftest import cli


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
    opgaven = Path(stack["cwd"]) / "startpakket-ge.yaml"
    opgaven.write_text(
        "- {id: T1, title: Woningbouw Arnhem-Nijmegen, programme: woningbouw, kind: concreet}\n"
        "- {id: T2, title: Energiehoofdstructuur, programme: peh, kind: richtinggevend}\n",
        encoding="utf-8",
    )
    loaded = cli(stack, "province", "startpakket", "GE", str(opgaven))
    assert loaded.returncode == 0 and "2 opgaven added" in loaded.stdout, loaded.stderr
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
    ladder = cli(stack, "ladder", "apply", "--reason", "catalogus bijgewerkt")
    assert ladder.returncode == 0, ladder.stderr
    assert "province-GE: this process already climbs this ladder" in ladder.stdout
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
