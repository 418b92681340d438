"""After `novex demo`, the past shows how things stood on its real dates, through the CLI (`novex
status --as-of … --json`, `novex show … --as-of …`, `novex report --as-of …`) and the dashboard's
board (`?as_of=`): at the start of 2025 every province had handed in its voorstel and none was
adopted; after the BOL of June 2025 eleven had signed and Groningen had a procesafspraak."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from playwright.async_api import Page, async_playwright

from tests.e2e.browser import ARTIFACTS, CHROMIUM, FLAGS, logged_in, token
from tests.e2e.conftest import cli


async def _provinces(demo: dict[str, str], as_of: str) -> dict[str, dict[str, Any]]:
    ran = await cli(demo, "status", "--as-of", as_of, "--kind", "province", "--json")
    assert ran.returncode == 0, ran.stderr
    rows = json.loads(ran.stdout)
    return {row["summary"]["province"]: row for row in rows}


async def test_status_as_of_the_start_of_2025_shows_every_voorstel_in_and_none_adopted(
    demo: dict[str, str],
) -> None:
    provinces = await _provinces(demo, "2025-01-01")
    assert len(provinces) == 12
    assert {r["phase"] for r in provinces.values()} == {"ruimtelijk voorstel"}
    for code, row in provinces.items():
        summary = row["summary"]
        passed = {c["status"] for c in summary["checkpoints"].values()}
        assert passed <= {"passed", "closed"}, (code, passed)  # past ijkmoment 3
        assert summary["proposal_adopted"] is False, code
    assert await _provinces(demo, "2022-12-11") == {}  # before the startpakketten


async def test_status_as_of_july_2025_shows_eleven_signed_arrangements_and_a_procesafspraak(
    demo: dict[str, str],
) -> None:
    provinces = await _provinces(demo, "2025-07-01")
    assert Counter(r["phase"] for r in provinces.values()) == {"getekend": 11, "procesafspraak": 1}
    assert provinces["GR"]["phase"] == "procesafspraak"
    now = await _provinces(demo, "2026-11-01")
    assert now["ZH"]["phase"] == "arrangement" and now["ZH"]["summary"]["round"] == 2


async def test_show_and_report_as_of_a_past_date_tell_that_date(demo: dict[str, str]) -> None:
    ge = await cli(demo, "show", "GE", "--as-of", "2024-03-01")
    assert ge.returncode == 0 and "Gelderland — ruimtelijk voorstel" in ge.stdout, ge.stderr
    then = json.loads((await cli(demo, "show", "GE", "--as-of", "2024-03-01", "--json")).stdout)
    assert then["phase"] == "ruimtelijk voorstel" and not then["summary"]["proposal_adopted"]
    nh = await cli(demo, "show", "NH", "--as-of", "2023-06-01", "--json")
    assert nh.returncode == 0, nh.stderr
    frictions = json.loads(nh.stdout)["view"]["frictions"]
    assert [f["status"] for f in frictions] == ["geëscaleerd"]  # decided by the duo in July
    report = await cli(demo, "report", "--as-of", "2025-01-01", "--format", "csv")
    assert report.returncode == 0 and "Gelderland" in report.stdout, report.stderr


async def _phase_cells(page: Page, phase: str) -> dict[str, str | None]:
    """Per province row of the board, the class of the cell under ``phase``."""
    header = await page.locator("#provinces thead th").all_inner_texts()
    column = header.index(phase)
    rows = page.locator("#provinces tbody tr[data-process]")
    found = {}
    for i in range(await rows.count()):
        row = rows.nth(i)
        process = await row.get_attribute("data-process") or ""
        found[process] = await row.locator("th, td").nth(column).get_attribute("class")
    return found


async def test_the_board_as_of_a_past_date_shows_how_things_stood_then(
    demo: dict[str, str],
) -> None:
    viewer = await token(demo, "pers-verleden", "viewer")
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = await logged_in(browser, demo["base"], viewer)
        await page.goto(f"{demo['base']}/overzicht?as_of=2025-01-01T12:00:00")
        await page.wait_for_selector(".as-of-note")
        voorstel = await _phase_cells(page, "ruimtelijk voorstel")
        assert len(voorstel) == 12 and set(voorstel.values()) == {"current"}, voorstel
        await page.goto(f"{demo['base']}/overzicht?as_of=2025-07-01T12:00:00")
        await page.wait_for_selector(".as-of-note")
        signed = await _phase_cells(page, "getekend")
        agreed = await _phase_cells(page, "procesafspraak")
        assert Counter(signed.values())["current"] == 11
        assert [k for k, v in agreed.items() if v == "current"] == ["province-GR"]
        await page.screenshot(path=str(ARTIFACTS / "board-after-the-bol.png"), full_page=True)
        await browser.close()
