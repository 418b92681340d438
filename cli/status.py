"""`novex status` and `novex escalations`: where every process stands; and one process's
timeline and history (used by `province show` and `area show`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import typer
from pydantic import ValidationError
from rich.table import Table

from cli.common import console, fail, print_json, utc, with_services
from domain.views.board import SORTS, BoardQuery
from service import queries

app = typer.Typer()


@app.command()
def status(
    as_json: bool = typer.Option(False, "--json", help="print JSON"),
    as_of: datetime | None = typer.Option(
        None, "--as-of", help="status as it stood at this instant"
    ),
    kind: str | None = typer.Option(None, help="province, area or escalation"),
    province: str | None = typer.Option(None, help="a province, its areas and escalations"),
    phase: str | None = typer.Option(None, help="the phase exactly as shown"),
    programme: str | None = typer.Option(None, help="a national programme in the startpakket"),
    overdue: bool = typer.Option(False, "--overdue", help="only what has something overdue"),
    stuck: bool = typer.Option(False, "--stuck", help="only what says it is stuck"),
    sort: str = typer.Option("kind", help=f"{', '.join(SORTS)}; '-' before it: descending"),
    page: int = typer.Option(1, help="page number"),
    per_page: int = typer.Option(500, help="rows per page (at most 500)"),
) -> None:
    """Where every process stands, from the read model (or as of a past instant); filtered,
    sorted and paged as the board is."""
    try:
        query = BoardQuery.model_validate(
            {
                "kind": kind,
                "province": province.upper() if province else None,
                "phase": phase,
                "programme": programme,
                "overdue": overdue,
                "stuck": stuck,
                "sort": sort,
                "page": page,
                "per_page": per_page,
            }
        )
    except ValidationError as exc:
        fail("; ".join(f"{e['loc'][0]}: {e['msg']}" for e in exc.errors()))
        return
    rows, total = with_services(lambda s: queries.board(s, query, utc(as_of)))
    if as_json:
        print_json(rows)
        return
    table = Table(title="novex status" + (f" per {as_of:%Y-%m-%d %H:%M}" if as_of else ""))
    for column in ("proces", "fase", "volgende termijn", "te laat", "schuurpunten", "versie"):
        table.add_column(column)
    for row in rows:
        summary = row["summary"]
        due = summary.get("next_due") or {"due": summary.get("due") or ""}
        overdue_now = summary.get("overdue") or []
        table.add_row(
            row["stream_id"],
            row["phase"],
            f"{due.get('target', '')} {str(due.get('due', ''))[:10]}".strip(),
            ", ".join(overdue_now) if isinstance(overdue_now, list) else "ja",
            str(len(summary.get("open_frictions", []))),
            str(row["version"]),
        )
    console.print(table)
    if total > len(rows):
        first = query.offset + 1
        console.print(f"rijen {first}–{query.offset + len(rows)} van {total}; zie --page")


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
