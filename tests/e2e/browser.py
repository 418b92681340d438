"""Headless Chromium for the end-to-end tests: Debian's chromium, tokens from the CLI, a page of
someone logged in, and moving through a page by keyboard alone."""

from __future__ import annotations

from pathlib import Path

from playwright.async_api import Browser, Page

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


async def token(stack: dict[str, str], actor: str, role: str, scope: str | None = None) -> str:
    """A new token from `novex token create` on the server."""
    scoped = ("--scope", scope) if scope else ()
    made = await cli(stack, "token", "create", "--actor", actor, "--role", role, *scoped)
    assert made.returncode == 0, made.stderr
    return made.stdout.strip().splitlines()[-1]


async def logged_in(browser: Browser, base: str, secret: str) -> Page:
    """A new page of someone who logged in with this token (and landed on their home page)."""
    page = await browser.new_page(viewport={"width": 1400, "height": 1000})
    await page.goto(f"{base}/inloggen")
    await page.fill("#token", secret)
    await page.click("main button[type=submit]")
    await page.wait_for_selector("h1")
    return page


FOCUSED = """() => {
  const e = document.activeElement;
  const style = getComputedStyle(e);
  return {tag: e.tagName, id: e.id, text: (e.innerText || e.value || '').trim(),
          href: e.getAttribute('href') || '', name: e.getAttribute('name') || '',
          outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2};
}"""


async def tab_to(page: Page, wanted: dict[str, str], most: int = 150) -> dict[str, str]:
    """Press Tab until the focused element has every wanted attribute (``text`` and ``href``
    as parts); what it is, including whether its focus shows (an outline of 2px or more)."""
    for _ in range(most):
        await page.keyboard.press("Tab")
        focused = await page.evaluate(FOCUSED)
        if all(
            v in str(focused[k]) if k in ("text", "href") else str(focused[k]) == v
            for k, v in wanted.items()
        ):
            return dict(focused)
    raise AssertionError(f"no element {wanted} within {most} presses of Tab")
