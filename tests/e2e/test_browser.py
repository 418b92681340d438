"""The demo's state through every surface: the CLI's read commands, and the dashboard in headless
Chromium (the board, the as-of picker, a timeline). Screenshots are kept in test-artifacts/."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from playwright.async_api import async_playwright

from tests.e2e.conftest import cli

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
async def demo(stack: dict[str, str]) -> dict[str, str]:
    """The stack after `novex demo` drove the programme to its living picture."""
    ran = await cli(stack, "demo")
    assert ran.returncode == 0, ran.stderr + ran.stdout
    assert "Gelderland: ruimtelijk arrangement getekend" in ran.stdout
    assert "overgeslagen" not in ran.stdout
    return stack


async def test_every_read_command_answers_on_the_demo_state(demo: dict[str, str]) -> None:
    status = await cli(demo, "status")
    assert status.returncode == 0, status.stderr
    assert "province-GE" in status.stdout and "area-de-peel" in status.stdout
    rows = json.loads((await cli(demo, "status", "--json")).stdout)
    escalations = [r for r in rows if r["stream_id"].startswith("escalation-")]
    assert escalations, "the demo escalates a schuurpunt"
    first = min(r["updated_at"] for r in rows)
    before = (datetime.fromisoformat(first) - timedelta(seconds=2)).strftime("%Y-%m-%dT%H:%M:%S")
    for as_of in (before, datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S")):
        past = await cli(demo, "status", "--as-of", as_of)
        assert past.returncode == 0, past.stderr
    shown = await cli(demo, "province", "show", "GE")
    assert shown.returncode == 0 and "ArrangementSigned" in shown.stdout, shown.stderr
    area = await cli(demo, "area", "show", "De Peel")
    assert area.returncode == 0, area.stderr
    open_ones = await cli(demo, "escalations")
    assert open_ones.returncode == 0, open_ones.stderr
    for fmt in ("md", "html", "csv"):
        report = await cli(demo, "report", "--format", fmt)
        assert report.returncode == 0 and "Gelderland" in report.stdout, report.stderr
    assert (await cli(demo, "notifications", "list")).returncode == 0
    assert (await cli(demo, "audit", "verify")).returncode == 0


async def test_the_board_shows_the_demo_the_as_of_picker_changes_it_and_a_timeline_renders(
    demo: dict[str, str],
) -> None:
    stack = demo
    http = httpx.AsyncClient(timeout=30)
    token = (
        (await cli(stack, "token", "create", "--actor", "pers", "--role", "viewer"))
        .stdout.strip()
        .splitlines()[-1]
    )
    base = stack["base"]
    headers = {"Authorization": f"Bearer {token}"}
    ge = (await http.get(f"{base}/api/provinces/GE", headers=headers)).json()
    first = min(h["recorded_at"] for h in ge["history"])
    before = (datetime.fromisoformat(first) - timedelta(seconds=2)).strftime("%Y-%m-%dT%H:%M:%S")
    ARTIFACTS.mkdir(exist_ok=True)

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = await browser.new_page(viewport={"width": 1400, "height": 1000})
        await page.goto(f"{base}/")
        assert page.url.endswith("/inloggen")
        await page.fill("#token", token)
        await page.click("button[type=submit]")
        await page.wait_for_selector("#provinces")
        ge_row = page.locator("tr[data-process='province-GE']")
        assert "Gelderland" in await ge_row.inner_text()
        header = await page.locator("#provinces thead th").all_inner_texts()
        signed_column = header.index("getekend")
        assert await ge_row.locator("td").nth(signed_column).get_attribute("class") == "current"
        gr_row = page.locator("tr[data-process='province-GR']")
        assert (
            await gr_row.locator("td").nth(header.index("procesafspraak")).get_attribute("class")
            == "current"
        )
        assert await page.locator("#areas tbody tr").count() == 16
        await page.screenshot(path=str(ARTIFACTS / "board.png"), full_page=True)

        await page.fill("#as_of", before)
        await page.click(".as-of button")
        await page.wait_for_selector(".as-of-note")
        assert (
            "Nog geen provinciale trajecten gestart"
            in await page.locator("#provinces").inner_text()
        )
        await page.screenshot(path=str(ARTIFACTS / "board-as-of.png"), full_page=True)

        await page.goto(f"{base}/processen/province-GE")
        svg = page.locator("svg.timeline")
        assert await svg.count() == 1
        assert await svg.locator("circle").count() >= 5
        assert "getekend" in await page.locator("#phase").inner_text()
        await page.screenshot(path=str(ARTIFACTS / "timeline-GE.png"), full_page=True)
        await browser.close()
    await http.aclose()
