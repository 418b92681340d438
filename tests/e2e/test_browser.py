"""The dashboard in headless Chromium: the board shows the demo's state, the as-of picker
changes it, a timeline renders. Screenshots are kept in test-artifacts/."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import httpx
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


async def test_the_board_shows_the_demo_the_as_of_picker_changes_it_and_a_timeline_renders(
    stack: dict[str, str],
) -> None:
    http = httpx.AsyncClient(timeout=30)
    demo = await cli(stack, "demo")
    assert demo.returncode == 0, demo.stderr + demo.stdout
    assert "Gelderland: ruimtelijk arrangement getekend" in demo.stdout
    assert "overgeslagen" not in demo.stdout
    token = (
        (await cli(stack, "token", "create", "--actor", "pers", "--role", "viewer"))
        .stdout.strip()
        .splitlines()[-1]
    )
    base = stack["base"]
    headers = {"Authorization": f"Bearer {token}"}
    ge = (await http.get(f"{base}/api/provinces/GE", headers=headers)).json()
    first = min(h["recorded_at"] for h in ge["history"])
    from datetime import datetime

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
