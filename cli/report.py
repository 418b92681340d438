"""`novex report`: the voortgangsrapportage as Markdown, HTML or CSV."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import typer

from cli.common import console, fail, utc, with_services
from service.context import Services

app = typer.Typer()


@app.command()
def report(
    as_of: datetime | None = typer.Option(None, "--as-of"),
    fmt: str = typer.Option("md", "--format", help="md, html or csv"),
    output: Path | None = typer.Option(None, "--output", "-o"),
) -> None:
    """The voortgangsrapportage (Markdown, HTML or CSV) for now or any instant."""
    from service.reports import build_report, render

    if fmt not in ("md", "html", "csv"):
        fail("format must be md, html or csv")

    async def work(services: Services) -> str:
        return render(await build_report(services, utc(as_of)), fmt)[0]

    text = with_services(work)
    if output:
        output.write_text(text, encoding="utf-8")
        console.print(f"written to {output}")
    else:
        print(text)
