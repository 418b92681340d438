"""`novex up` owns its children: killed with SIGKILL, its PostgreSQL and Temporal servers go with
it; started again on the same data folder, it works (a third is refused: the folder is in use) and
leaves nothing behind at Ctrl-C."""

from __future__ import annotations

import asyncio
import signal
from pathlib import Path

import httpx

from runtime.children import sweep
from tests.e2e.conftest import NOVEX, launch_up, run, up_env


async def _running_on(data: Path) -> list[str]:
    """The command lines of the processes that run on this data folder."""
    found = await run("pgrep", "-a", "-f", str(data / ".data"))
    return [line for line in found.stdout.splitlines() if "pgrep" not in line]


async def _until_none_run_on(data: Path) -> list[str]:
    """Wait (a while) for the servers to stop; what still runs then."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 60
    left = await _running_on(data)
    while left and loop.time() < deadline:
        await asyncio.sleep(0.3)
        left = await _running_on(data)
    return left


async def test_a_killed_novex_up_takes_its_servers_along_and_starts_again_cleanly(
    tmp_path: Path,
) -> None:
    try:
        await _crash_and_restart(tmp_path)
    finally:  # whatever a failing run left behind
        await asyncio.to_thread(sweep, tmp_path / ".data")


async def _crash_and_restart(tmp_path: Path) -> None:
    env = up_env(tmp_path)
    first = await launch_up(env, tmp_path, tmp_path / "first.log")
    children = await _running_on(tmp_path)
    assert any("temporal.db" in c for c in children), children
    assert any("postgres" in c for c in children), children

    first.kill()  # SIGKILL: no handler runs, no clean-up of its own
    await first.wait()
    assert await _until_none_run_on(tmp_path) == []

    second = await launch_up(env, tmp_path, tmp_path / "second.log")
    try:
        third = await run(NOVEX, "up", env=up_env(tmp_path), cwd=str(tmp_path))
        assert third.returncode == 2 and "novex up already runs on" in third.stderr
        async with httpx.AsyncClient(timeout=30) as http:  # the one that runs was left alone
            health = await http.get(f"http://127.0.0.1:{env['NOVEX_API_PORT']}/api/health")
        assert health.json() == {"status": "ok"}
    finally:
        second.send_signal(signal.SIGINT)
        await asyncio.wait_for(second.wait(), timeout=60)
    assert "novex stopped" in (tmp_path / "second.log").read_text()
    assert await _until_none_run_on(tmp_path) == []
