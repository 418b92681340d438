"""`novex status` and `novex escalations`: where every process stands; and one process's
timeline and history (used by `province show` and `area show`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import typer
from rich.table import Table

from cli.common import console, fail, print_json, with_services
from service import queries

app = typer.Typer()


@app.command()
def status(
    as_json: bool = typer.Option(False, "--json", help="print JSON"),
    as_of: datetime | None = typer.Option(
        None, "--as-of", help="status as it stood at this instant"
    ),
) -> None:
    """Where every process stands, from the read model (or as of a past instant)."""
    rows = with_services(lambda s: queries.status(s, as_of))
    if as_json:
        print_json(rows)
        return
    table = Table(title="novex status" + (f" per {as_of:%Y-%m-%d %H:%M}" if as_of else ""))
    for column in ("proces", "fase", "volgende termijn", "te laat", "schuurpunten", "versie"):
        table.add_column(column)
    for row in rows:
        summary = row["summary"]
        due = summary.get("next_due") or {}
        table.add_row(
            row["stream_id"],
            row["phase"],
            f"{due.get('target', '')} {str(due.get('due', ''))[:10]}".strip(),
            ", ".join(summary.get("overdue", [])),
            str(len(summary.get("open_frictions", []))),
            str(row["version"]),
        )
    console.print(table)


@app.command()
def escalations(
    everything: bool = typer.Option(False, "--all", help="also decided ones"),
    as_json: bool = typer.Option(False, "--json", help="print JSON"),
) -> None:
    """Every open escalation: its level, members, deadline and history."""
    rows = with_services(lambda s: queries.escalations(s, everything=everything))
    if as_json:
        print_json(rows)
        return
    table = Table(title="escalaties")
    for column in ("escalatie", "onderwerp", "niveau", "leden", "termijn", "besluit"):
        table.add_column(column)
    for row in rows:
        s = row["summary"]
        table.add_row(
            row["stream_id"],
            s["subject"],
            f"{s['level']} {s['level_name'] or ''}",
            ", ".join(s["members"]),
            str(s["due"])[:10],
            s["decision"] or "",
        )
    console.print(table)


def _timeline(detail: dict[str, Any]) -> Table:
    table = Table(title="tijdlijn: gepland tegen werkelijk")
    for column in ("stap", "gepland", "termijn", "gereed", "verschoven", "te laat"):
        table.add_column(column)
    for t in detail["timeline"]:
        table.add_row(
            t["target"],
            f"{t['planned']:%d-%m-%Y}",
            f"{t['due']:%d-%m-%Y}",
            f"{t['done']:%d-%m-%Y}" if t["done"] else "",
            str(t["moves"]),
            "[red]ja[/red]" if t["overdue"] else "nee",
        )
    return table


def _history(detail: dict[str, Any]) -> Table:
    table = Table(title="verloop")
    for column in ("#", "vastgelegd", "gebeurtenis", "door"):
        table.add_column(column)
    for h in detail["history"][-25:]:
        table.add_row(
            str(h["version"]), f"{h['recorded_at']:%d-%m-%Y %H:%M}", h["type"], str(h["actor"])
        )
    return table


def show_detail(detail: dict[str, Any] | None, as_json: bool, what: str) -> None:
    """One process: its name and phase, its timeline and its last 25 events."""
    if detail is None:
        fail(f"{what} has not started")
        return
    if as_json:
        print_json(detail)
        return
    console.print(
        f"[bold]{detail['summary'].get('name') or detail['stream_id']}[/bold] — {detail['phase']}"
    )
    console.print(_timeline(detail))
    console.print(_history(detail))
