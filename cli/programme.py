"""`novex start` (through the API, a coordinator's token) and `novex demo` (on the server: it
drives the programme to a living picture as every party at once, so it is administration)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import typer

from cli.client import call
from cli.common import KEY, ON, checked_key, console

app = typer.Typer()


@app.command()
def demo() -> None:
    """Tell the programme's story on its real dates (2022–2026, through the history import;
    the milestones public, the details fictional), then today's work (on the server, beside
    `novex up`)."""
    from rich.progress import Progress

    from cli.local import with_services
    from service.context import Services
    from service.demo import STEPS, run_demo

    async def main(services: Services) -> list[str]:
        with Progress() as progress:
            bar = progress.add_task("demo", total=len(STEPS))

            def on_step(name: str, number: int) -> None:
                progress.update(bar, description=name, completed=number)

            done = await run_demo(services, on_step)
            progress.update(bar, completed=len(STEPS))
        return done

    for line in with_services(main, temporal=True):
        console().print(f"• {line}", markup=False, soft_wrap=True)


@app.command()
def start(
    province: list[str] = typer.Option(
        None, "--province", "-p", help="province code; default: all"
    ),
    on: datetime | None = ON,
    key: str | None = KEY,
) -> None:
    """Start the province journeys from the catalog (on a past date with --on); running ones
    are reported, not duplicated."""
    body: dict[str, Any] = {"provinces": list(province) if province else None, "areas": []}
    if on is not None:
        body["occurred_on"] = on.date().isoformat()
    started = call("POST", "/api/programme/start", body=body, key=checked_key(key))
    for code, outcome in started["provinces"].items():
        console().print(f"{code}: {outcome}")
