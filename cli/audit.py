"""`novex audit …`: tamper evidence of the event store: verify the hash chains, export a stream."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from cli.common import console, fail, with_services
from service.audit import as_json_line, audit_lines

app = typer.Typer(help="Tamper evidence of the event store.")


@app.command("verify")
def audit_verify(stream: str | None = typer.Option(None, help="only this stream")) -> None:
    """Recompute every hash chain and report the first broken link of each stream."""
    from store.audit import verify

    report = with_services(lambda s: verify(s.engine, stream))
    for link in report.broken:
        console.print(
            f"[red]broken[/red] {link.stream_id} version {link.version} "
            f"(position {link.position}): {link.reason}"
        )
    console.print(f"checked {report.events} events in {report.streams} streams")
    if not report.ok:
        raise typer.Exit(1)


@app.command("export")
def audit_export(stream: str, output: Path | None = typer.Option(None, "--output", "-o")) -> None:
    """A stream's events as JSON lines with their hash chain."""
    lines = with_services(lambda s: audit_lines(s.store, stream))
    if not lines:
        fail(f"no stream {stream!r}")
    text = "".join(as_json_line(line) for line in lines)
    if output:
        output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
