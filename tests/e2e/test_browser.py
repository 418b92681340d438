"""The demo's state through every surface: the CLI's read commands, and the dashboard in headless
Chromium (the board, the as-of picker, a timeline, Mijn werk, the escalation page, the agenda as
a Gantt chart, a decided schuurpunt). Screenshots are kept in test-artifacts/."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta

from playwright.async_api import Page, async_playwright

from tests.e2e.browser import ARTIFACTS, CHROMIUM, FLAGS, logged_in
from tests.e2e.browser import token as new_token
from tests.e2e.conftest import cli


async def test_every_read_command_answers_on_the_demo_state(demo: dict[str, str]) -> None:
    status = await cli(demo, "status")
    assert status.returncode == 0, status.stderr
    assert "province-GE" in status.stdout and "area-de-peel" in status.stdout
    rows = json.loads((await cli(demo, "status", "--json")).stdout)
    escalations = [r for r in rows if r["stream_id"].startswith("escalation-")]
    assert escalations, "the demo escalates a schuurpunt"
    first = min(r["updated_at"] for r in rows)  # when the demo began to record
    before = (datetime.fromisoformat(first) - timedelta(seconds=2)).strftime("%Y-%m-%dT%H:%M:%S")
    for axis, instant, expected in (
        ("--as-of", "2022-12-11", set()),  # before the startpakketten
        ("--as-of", datetime.now(UTC).isoformat(), {"province-GE"}),
        ("--as-known-at", before, set()),  # novex knew nothing of it before the demo
    ):
        past = await cli(demo, "status", axis, instant)
        assert past.returncode == 0, past.stderr
        rows_then = json.loads((await cli(demo, "status", axis, instant, "--json")).stdout)
        assert {r["stream_id"] for r in rows_then} & {"province-GE"} == expected
    for name, words in (
        ("GE", "getekend"),
        ("area-de-peel", "De Peel"),
        ("province-ZH~1", "niveau"),
    ):
        named = await cli(demo, "show", name)
        assert named.returncode == 0 and words in named.stdout, named.stderr
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
    zh = await cli(demo, "status", "--province", "ZH", "--sort", "-name", "--json")
    assert zh.returncode == 0, zh.stderr
    assert "escalation-province-ZH~1" in [r["stream_id"] for r in json.loads(zh.stdout)]
    assert (await cli(demo, "status", "--overdue", "--stuck")).returncode == 0
    reviewer = await new_token(demo, "rijksreviewer", "reviewer", "rijk")
    mine = await cli(demo, "tasks", token=reviewer)
    assert mine.returncode == 0 and "Het Groene Hart" in mine.stdout, mine.stderr
    shown = await cli(demo, "escalation", "show", "province-ZH~1")
    assert shown.returncode == 0 and "niveau 2" in shown.stdout, shown.stderr


async def test_the_board_shows_the_demo_the_as_of_picker_changes_it_and_a_timeline_renders(
    demo: dict[str, str],
) -> None:
    stack = demo
    token = (
        (await cli(stack, "token", "create", "--actor", "pers", "--role", "viewer"))
        .stdout.strip()
        .splitlines()[-1]
    )
    base = stack["base"]
    ARTIFACTS.mkdir(exist_ok=True)

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = await browser.new_page(viewport={"width": 1400, "height": 1000})
        await page.goto(f"{base}/")
        assert page.url.endswith("/inloggen")
        await page.fill("#token", token)
        await page.click("main button[type=submit]")
        await page.wait_for_selector("h1:has-text('Mijn werk')")  # a viewer's home page
        await page.click("nav >> text=Landelijk overzicht")
        await page.wait_for_selector("#provinces")
        ge_row = page.locator("tr[data-process='province-GE']")
        assert "Gelderland" in await ge_row.inner_text()
        header = await page.locator("#provinces thead th").all_inner_texts()
        signed_column = header.index("getekend")
        cells = ge_row.locator("th, td")
        assert await cells.nth(signed_column).get_attribute("class") == "current"
        gr_cells = page.locator("tr[data-process='province-GR']").locator("th, td")
        assert (
            await gr_cells.nth(header.index("procesafspraak")).get_attribute("class") == "current"
        )
        assert await page.locator("#areas tbody tr").count() == 16
        await page.screenshot(path=str(ARTIFACTS / "board.png"), full_page=True)

        await page.fill("#as_of", "2022-12-11T12:00:00")  # before the startpakketten
        await page.click(".as-of button")
        await page.wait_for_selector(".as-of-note")
        assert (
            "Nog geen provinciale trajecten gestart"
            in await page.locator("#provinces").inner_text()
        )
        await page.fill("#as_of", "2025-01-01T12:00:00")  # the voorstellen in, not adopted
        await page.click(".as-of button")
        await page.wait_for_selector("tr[data-process='province-GE']")
        then = page.locator("tr[data-process='province-GE']").locator("th, td")
        voorstel = header.index("ruimtelijk voorstel")
        assert await then.nth(voorstel).get_attribute("class") == "current"
        await page.screenshot(path=str(ARTIFACTS / "board-as-of.png"), full_page=True)

        await page.goto(f"{base}/processen/province-GE")
        svg = page.locator("svg.timeline")
        assert await svg.count() == 1
        assert await svg.locator("circle").count() >= 5
        assert "getekend" in await page.locator("#phase").inner_text()
        await page.screenshot(path=str(ARTIFACTS / "timeline-GE.png"), full_page=True)
        await browser.close()


async def test_a_reviewer_logs_in_and_sees_the_reviews_waiting_for_their_party(
    demo: dict[str, str],
) -> None:
    token = await new_token(demo, "rijksreviewer", "reviewer", "rijk")
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = await logged_in(browser, demo["base"], token)
        assert await page.locator("h1").inner_text() == "Mijn werk"
        tasks = page.locator("#tasks tbody tr")
        titles = await tasks.all_inner_texts()
        wanted = "Review geven op het ontwikkelperspectief van {} (versie 2)"
        assert any(wanted.format("Het Groene Hart") in t for t in titles), titles
        assert any(wanted.format("North Sea Port District") in t for t in titles), titles
        assert all("Review" in t for t in titles)  # nothing of other parties or roles
        await page.screenshot(path=str(ARTIFACTS / "tasks-reviewer.png"), full_page=True)
        await page.click(f"#tasks >> text={wanted.format('Het Groene Hart')}")
        await page.wait_for_selector("#h-perspective")
        perspective = await page.locator("section[aria-labelledby='h-perspective']").inner_text()
        assert "Wacht op reviews van rijk" in perspective, perspective
        await browser.close()


async def test_the_escalation_page_says_what_happens_at_its_deadline(demo: dict[str, str]) -> None:
    token = await new_token(demo, "ambtelijk-zh", "duo_member", "ambtelijk-zh")
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = await logged_in(browser, demo["base"], token)
        task = page.locator("#tasks tr[data-kind='proposal']")
        assert "Voorstel P1 van accountmanager-zh" in await task.inner_text()
        await page.goto(f"{demo['base']}/escalaties")
        await page.click("#escalations >> text=province-ZH~1")  # the id as the list shows it
        await page.wait_for_selector("#at-deadline")
        at_deadline = await page.locator("#at-deadline").inner_text()
        assert "gaat de escalatie vanzelf naar niveau 2" in at_deadline, at_deadline
        assert "Bestuurlijke (rijk-regio) duo" in await page.locator("#next-level").inner_text()
        assert "accountmanager-zh" in await page.locator("#members").inner_text()
        assert "open" in await page.locator("#proposals").inner_text()
        current = page.locator("#ladder tr[aria-current='true']")
        assert "Hoog-ambtelijk duo" in await current.inner_text()
        await page.screenshot(path=str(ARTIFACTS / "escalation-ZH.png"), full_page=True)
        await browser.close()


async def _agree_and_wait_until_decided(page: Page, base: str) -> None:
    """The other member of the duo agrees through the dashboard: from Mijn werk to the form,
    its confirmation and the escalation's page; then the province's page shows the decision."""
    await page.goto(f"{base}/mijn-werk")
    await page.click("#tasks tr[data-kind='proposal'] >> text=Akkoord geven")
    await page.wait_for_selector("#form-akkoord")
    assert await page.locator("#akkoord-proposal_id").input_value() == "P1"
    await page.click("#form-akkoord button[type=submit]")
    await page.wait_for_selector("#to-record")
    assert "P1 van accountmanager-zh" in await page.locator("#to-record").inner_text()
    await page.click("#record")
    await page.wait_for_selector("#vastgelegd")
    assert "ProposalAgreed" in await page.locator("#vastgelegd").inner_text()
    for _ in range(120):
        await page.goto(f"{base}/processen/province-ZH")
        status = page.locator("#frictions tr[data-friction='S1'] .friction-status")
        if await status.inner_text() == "besloten":
            return
        await asyncio.sleep(0.5)
    raise AssertionError("the schuurpunt was not decided")


async def test_a_duo_member_agrees_in_the_dashboard_and_pages_show_the_decision_and_the_agenda(
    demo: dict[str, str],
) -> None:
    token = await new_token(demo, "ambtelijk-zh", "duo_member", "ambtelijk-zh")
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = await logged_in(browser, demo["base"], token)
        await _agree_and_wait_until_decided(page, demo["base"])
        await page.goto(f"{demo['base']}/processen/area-lelylijn")
        gantt = page.locator("svg.gantt")
        assert await gantt.count() == 1
        assert "Kritiek pad: mirt → trace → bouw" in (
            await gantt.locator("desc").text_content() or ""
        )
        assert await gantt.locator("rect.critical").count() == 3
        bouw = page.locator("#actions tr[data-action='bouw']")
        assert "ja" in await bouw.locator("td").last.inner_text()  # late: past its deadline
        assert await page.locator("svg.split").count() == 1
        await page.screenshot(path=str(ARTIFACTS / "agenda-lelylijn.png"), full_page=True)

        await page.goto(f"{demo['base']}/processen/province-ZH")
        friction = page.locator("#frictions tr[data-friction='S1']")
        assert await friction.locator(".friction-status").inner_text() == "besloten"
        steps = await friction.locator(".steps li").all_inner_texts()
        assert [s.split(": ")[1].split(" ")[0] for s in steps] == ["geëscaleerd", "besloten"]
        assert "Woningbouw buiten de 50 dB(A)-contour" in steps[-1]
        await page.screenshot(path=str(ARTIFACTS / "frictions-ZH.png"), full_page=True)
        await browser.close()
