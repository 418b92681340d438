"""`novex import FILE` and `novex export-history`: a programme's history as data, through the
API (importing is a coordinator's)."""

from __future__ import annotations

from pathlib import Path

import typer

from cli.client import call
from cli.common import AS_JSON, console, fail, print_json

app = typer.Typer()


@app.command("import")
def import_file(
    path: Path = typer.Argument(..., help="a history file: YAML, or CSV (.csv)"),
    as_json: bool = AS_JSON,
) -> None:
    """Record a programme's history: per process the date it started and its dated commands,
    through the real workflows under the same rules, all or nothing per process. A second run
    records nothing new; a refusal names the file, the line, the process and the rule."""
    try:
        content = path.read_text(encoding="utf-8")
    except OSError as exc:
        fail(f"{path}: cannot read the history: {exc.strerror}")
    answer = call("POST", "/api/history/import", body={"name": path.name, "content": content})
    if as_json:
        print_json(answer)
    else:
        for p in answer["processes"]:
            if p["status"] == "refused":
                console().print(f"[red]{p['process']}: geweigerd[/red] — {p['refusal']}")
            elif p["status"] == "recorded":
                console().print(
                    f"{p['process']}: {p['recorded']} van {p['lines']} regels vastgelegd "
                    f"({p['events']} gebeurtenissen)"
                )
            else:
                console().print(f"{p['process']}: niets nieuws ({p['lines']} regels)")
    if answer["refused"]:
        raise typer.Exit(1)


@app.command("export-history")
def export_history(
    output: Path | None = typer.Option(None, "--output", "-o", help="write to this file"),
) -> None:
    """Every province's and area's history in the format `novex import` reads."""
    text = call("GET", "/api/history/export", raw=True)
    if output is None:
        print(text, end="")
        return
    output.write_text(text, encoding="utf-8")
    console().print(f"written to {output}")
