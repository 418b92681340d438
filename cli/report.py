"""`novex report`: the voortgangsrapportage as Markdown, HTML or CSV, through the API."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import typer

from cli.client import call
from cli.common import AS_KNOWN_AT, AS_OF, console, fail, iso

app = typer.Typer()


@app.command()
def report(
    as_of: datetime | None = AS_OF,
    known_at: datetime | None = AS_KNOWN_AT,
    fmt: str = typer.Option("md", "--format", help="md, html or csv"),
    output: Path | None = typer.Option(None, "--output", "-o"),
) -> None:
    """The voortgangsrapportage (Markdown, HTML or CSV) for now or any instant."""
    if fmt not in ("md", "html", "csv"):
        fail("format must be md, html or csv")
    text = call(
        "GET",
        "/api/report",
        params={"format": fmt, "as_of": iso(as_of), "as_known_at": iso(known_at)},
        raw=True,
    )
    if output:
        output.write_text(text, encoding="utf-8")
        console().print(f"written to {output}")
    else:
        print(text)
