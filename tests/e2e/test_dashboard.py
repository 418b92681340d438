"""The dashboard is accessible (WCAG 2.1 AA) and works by keyboard alone: axe-core (the copy the
axe-playwright-python package ships) finds no serious or critical violation on any page (now and
as of a past date, a form's refused date included), every page says it is Dutch; a reviewer
reviews a perspective from the task list to the recorded event without a mouse, typing the date
it happened, meets a refusal inline on the way, and sees the board change."""

from __future__ import annotations

import asyncio
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from axe_playwright_python.async_playwright import Axe
from playwright.async_api import Page, async_playwright

from tests.e2e.browser import ARTIFACTS, CHROMIUM, FLAGS, logged_in, tab_to, token

SEVERE = ("serious", "critical")
TODAY = datetime.now(ZoneInfo("Europe/Amsterdam")).date()
DATE_ORDER = """() => new Intl.DateTimeFormat(navigator.language, {year: 'numeric',
  month: '2-digit', day: '2-digit'}).formatToParts(new Date(2001, 1, 3))
  .map(p => p.type).filter(t => t !== 'literal')"""
"""The order in which the browser shows a date's parts (a date input is typed in it)."""
OPEN_EVERY_FORM = "() => document.querySelectorAll('details').forEach(d => d.open = true)"


async def _severe(page: Page) -> list[str]:
    """axe-core's serious and critical violations on the page (with every form opened), and
    whether it declares Dutch."""
    await page.evaluate(OPEN_EVERY_FORM)
    found = (await Axe().run(page)).response["violations"]
    problems = [
        f"{v['id']} ({v['impact']}): {[n['html'][:120] for n in v['nodes']]}"
        for v in found
        if v["impact"] in SEVERE
    ]
    if await page.get_attribute("html", "lang") != "nl":
        problems.append("the page does not say it is Dutch (lang='nl')")
    return problems


COORDINATOR_PAGES = (
    "/",
    "/mijn-werk",
    "/overzicht",
    "/overzicht?province=ZH&sort=-next_due",
    "/overzicht?as_of=2020-01-01T00:00:00",
    "/escalaties",
    "/escalaties/province-ZH~1",
    "/processen/province-GE",
    "/processen/province-ZH",
    "/processen/province-NB",
    "/processen/province-OV",
    "/processen/area-lelylijn",
    "/processen/area-groene-hart",
    "/processen/area-de-peel",
    "/meldingen",
    "/meldingen?status=dead",
    "/processen/province-NH",
    "/processen/area-north-sea-port-district",
    "/overzicht?as_of=2025-01-01T12:00:00",
    "/processen/province-GE?as_of=2024-03-01T12:00:00",
    "/processen/province-ZH/doen/termijn",
    "/processen/province-ZH/doen/schuurpunt",
)


async def test_no_page_has_a_serious_or_critical_accessibility_violation(
    demo: dict[str, str],
) -> None:
    base, problems = demo["base"], {}
    reviewer = await token(demo, "reviewer-a11y", "reviewer", "province:UT")
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        anonymous = await browser.new_page()
        await anonymous.goto(f"{base}/inloggen")
        problems["/inloggen"] = await _severe(anonymous)
        page = await logged_in(browser, base, demo["token"])
        for path in COORDINATOR_PAGES:
            await page.goto(base + path)
            problems[path] = await _severe(page)
        page = await logged_in(browser, base, reviewer)
        await page.goto(f"{base}/processen/area-groene-hart/doen/review")
        problems["review form"] = await _severe(page)
        await page.select_option("#review-outcome", "schuurpunt")
        await page.click("#form-review button[type=submit]")
        await page.wait_for_selector("#to-record")
        problems["confirmation"] = await _severe(page)
        await page.click("#record")  # a schuurpunt without remarks: refused
        await page.wait_for_selector("#refusal")
        problems["refusal"] = await _severe(page)
        await page.fill("#review-remarks", "Ruimte voor water ontbreekt")
        await page.fill("#review-occurred_on", f"{TODAY + timedelta(days=3):%Y-%m-%d}")
        await page.click("#form-review button[type=submit]")
        await page.wait_for_selector("#to-record")
        await page.click("#record")  # dated in the future: refused next to the date
        await page.wait_for_selector("#review-occurred_on-error")
        said = await page.locator("#review-occurred_on-error").inner_text()
        assert "ligt in de toekomst" in said
        problems["date refused"] = await _severe(page)
        await browser.close()
    assert {path: found for path, found in problems.items() if found} == {}


async def _to_the_review_form(page: Page) -> None:
    """From Mijn werk to the review form of Het Groene Hart's perspective: Tab to its link,
    Enter."""
    focused = await tab_to(page, {"tag": "A", "href": "area-groene-hart/doen/review"})
    assert focused["outline"], "the focused link shows no focus"
    await page.keyboard.press("Enter")
    await page.wait_for_selector("#form-review")


async def _fill_and_send(page: Page, remarks: str, on: date | None = None) -> None:
    """Outcome schuurpunt, these remarks, the date it happened (if given, typed in the order the
    browser shows a date's parts), then the button and the confirmation's Vastleggen."""
    focused = await tab_to(page, {"tag": "SELECT", "name": "outcome"})
    assert focused["outline"], "the focused select shows no focus"
    await page.keyboard.type("schuurpunt")
    assert await page.locator("#review-outcome").input_value() == "schuurpunt"
    await tab_to(page, {"tag": "TEXTAREA", "name": "remarks"})
    await page.keyboard.press("Control+A")
    await page.keyboard.type(remarks)
    if on is not None:
        focused = await tab_to(page, {"tag": "INPUT", "name": "occurred_on"})
        assert focused["outline"], "the focused date shows no focus"
        parts = {"day": f"{on:%d}", "month": f"{on:%m}", "year": f"{on:%Y}"}
        await page.keyboard.type("".join(parts[p] for p in await page.evaluate(DATE_ORDER)))
        assert await page.locator("#review-occurred_on").input_value() == on.isoformat()
    focused = await tab_to(page, {"tag": "BUTTON", "text": "Review geven"})
    assert focused["outline"], "the focused button shows no focus"
    await page.keyboard.press("Enter")
    await page.wait_for_selector("#to-record")
    focused = await tab_to(page, {"tag": "BUTTON", "id": "record"})
    assert focused["outline"], "the focused button shows no focus"
    await page.keyboard.press("Enter")


async def _frictions_of_the_groene_hart(page: Page, base: str) -> str:
    await page.goto(f"{base}/overzicht")
    row = page.locator("tr[data-process='area-groene-hart'] td")
    return (await row.last.inner_text()).strip()


async def test_a_reviewer_reviews_by_keyboard_alone_meets_a_refusal_and_sees_the_board_change(
    demo: dict[str, str],
) -> None:
    base = demo["base"]
    secret = await token(demo, "rijksreviewer", "reviewer", "rijk")
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = await logged_in(browser, base, secret)
        before = await _frictions_of_the_groene_hart(page, base)
        await page.goto(f"{base}/mijn-werk")
        await _to_the_review_form(page)
        await _fill_and_send(page, "")  # a schuurpunt needs remarks: the rules refuse
        await page.wait_for_selector("#refusal")
        refusal = await page.locator("#refusal").inner_text()
        assert "omschrijving in de opmerkingen nodig" in refusal and "niets vastgelegd" in refusal
        await _fill_and_send(page, "Ruimte voor de energiehoofdstructuur ontbreekt", TODAY)
        await page.wait_for_selector("#vastgelegd")
        assert "PerspectiveReviewed" in await page.locator("#vastgelegd").inner_text()
        history = await page.locator("#h-history + table").inner_text()
        day = f"{TODAY:%d-%m-%Y}"
        assert re.search(rf"{day}\s+PerspectiveReviewed\s+rijksreviewer", history), history
        shot = ARTIFACTS / "review-recorded-groene-hart.png"
        await page.screenshot(path=str(shot), full_page=True)
        for _ in range(60):  # the board follows the read model
            after = await _frictions_of_the_groene_hart(page, base)
            if after != before:
                break
            await asyncio.sleep(0.5)
        assert (before, after) == ("0", "1")
        await browser.close()
