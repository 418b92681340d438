"""`novex up` as a new user runs it: embedded stack, readiness, a journey over HTTP and the CLI,
a clean shutdown on Ctrl-C."""

from __future__ import annotations

import asyncio
import json
import os
import signal
from pathlib import Path
from typing import Any

import httpx

from tests.e2e.conftest import cli, run


async def _start_and_draft(stack: dict[str, str], http: httpx.AsyncClient) -> None:
    """A coordinator's token, the programme started over HTTP, a first draft submitted."""
    created = await cli(stack, "token", "create", "--actor", "regieteam", "--role", "coordinator")
    assert created.returncode == 0, created.stderr
    headers = {"Authorization": f"Bearer {created.stdout.strip().splitlines()[-1]}"}

    started = await http.post(
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
    response = await http.post(  # at once: a command waits for the start it follows
        f"{stack['base']}/api/provinces/GE/commands", json=draft, headers=headers, timeout=30
    )
    assert response.status_code == 200, response.text


async def _commands_from_the_cli(stack: dict[str, str]) -> None:
    """A review, a startpakket from a file, and a refusal that names what is wrong."""
    review = await cli(
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
    loaded = await cli(stack, "province", "startpakket", "GE", str(opgaven))
    assert loaded.returncode == 0 and "2 opgaven added" in loaded.stdout, loaded.stderr
    refused = await cli(
        stack, "province", "review", "GE", "4", "--party", "programmes", "--outcome", "akkoord"
    )
    assert refused.returncode == 2 and "unknown ijkmoment 4" in refused.stderr


async def _tokens_listed_and_revoked(stack: dict[str, str]) -> None:
    """A token that expires is listed by its id with its last use; revoked, it stops working."""
    made = await cli(
        stack, "token", "create", "--actor", "pers", "--role", "viewer", "--expires-in", "1d"
    )
    assert made.returncode == 0 and "valid until" in made.stderr, made.stderr
    token = made.stdout.strip().splitlines()[-1]
    assert (await cli(stack, "status", token=token)).returncode == 0
    listed = await cli(stack, "token", "list", "--json")
    [pers] = [t for t in json.loads(listed.stdout) if t["actor"] == "pers"]
    assert pers["expires_at"] and pers["last_used_at"], pers
    assert (await cli(stack, "token", "revoke", pers["id"])).returncode == 0
    refused = await cli(stack, "status", token=token)
    assert refused.returncode == 2 and "unknown, revoked or expired token" in refused.stderr


async def _read_model_rows(stack: dict[str, str]) -> dict[str, Any]:
    """`novex status --json` once the review has reached the read model."""
    for _ in range(50):
        status = await cli(stack, "status", "--json")
        rows = {r["stream_id"]: r for r in json.loads(status.stdout)}
        if rows.get("province-GE", {}).get("summary", {}).get("checkpoints", {}).get("1", {}).get(
            "missing_reviews"
        ) == ["rijk-accountteam", "area:arnhem-nijmegen-foodvalley", "area:regio-zwolle"]:
            break
        await asyncio.sleep(0.2)
    return rows


async def _stop_as_a_user(stack: dict[str, str]) -> None:
    """Ctrl-C: the stack says it stopped and leaves no process behind."""
    os.kill(int(stack["pid"]), signal.SIGINT)
    deadline = asyncio.get_running_loop().time() + 60
    while (
        asyncio.get_running_loop().time() < deadline
        and "novex stopped" not in Path(stack["log"]).read_text()
    ):
        await asyncio.sleep(0.3)
    assert "novex stopped" in Path(stack["log"]).read_text()
    leftovers = (await run("pgrep", "-f", stack["cwd"])).stdout.split()
    assert leftovers == [], f"processes left running: {leftovers}"


async def test_novex_up_serves_the_api_and_the_cli_drives_a_journey_then_stops_cleanly(
    stack: dict[str, str],
) -> None:
    http = httpx.AsyncClient(timeout=30)
    log = Path(stack["log"]).read_text()
    assert "Dashboard" in log and "Temporal UI" in log
    assert (await http.get(f"{stack['base']}/api/health")).json() == {"status": "ok"}
    await _start_and_draft(stack, http)
    await _commands_from_the_cli(stack)
    await _tokens_listed_and_revoked(stack)
    rows = await _read_model_rows(stack)
    assert rows["province-GE"]["phase"] == "ijkmoment 1"
    assert "programmes" not in rows["province-GE"]["summary"]["checkpoints"]["1"]["missing_reviews"]
    assert "area-de-peel" in rows
    assert (await cli(stack, "audit", "verify")).returncode == 0
    ladder = await cli(stack, "ladder", "apply", "--reason", "catalogus bijgewerkt")
    assert ladder.returncode == 0, ladder.stderr
    assert "province-GE: ChangeEscalationLadder refused: this process already climbs" in " ".join(
        ladder.stdout.split()
    )
    metrics_port = json.loads(stack["env"])["NOVEX_METRICS_PORT"]
    metrics = (await http.get(f"http://127.0.0.1:{metrics_port}/metrics")).text
    assert "temporal_" in metrics  # the worker serves the SDK's Prometheus metrics
    await http.aclose()
    await _stop_as_a_user(stack)
