"""`novex status` and `novex escalations`: where every process stands, through the API; and one
process's timeline and history (used by `province show` and `area show`)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import typer

from cli.client import call, exchange
from cli.common import (
    AS_JSON,
    AS_KNOWN_AT,
    AS_OF,
    console,
    day,
    fail,
    iso,
    moment,
    print_json,
    table,
)

app = typer.Typer()
SORTS = "kind, name, phase, next_due, updated, overdue"


@app.command()
def status(
    as_json: bool = AS_JSON,
    as_of: datetime | None = AS_OF,
    known_at: datetime | None = AS_KNOWN_AT,
    kind: str | None = typer.Option(None, help="province, area or escalation"),
    province: str | None = typer.Option(None, help="a province, its areas and escalations"),
    phase: str | None = typer.Option(None, help="the phase exactly as shown"),
    programme: str | None = typer.Option(None, help="a national programme in the startpakket"),
    overdue: bool = typer.Option(False, "--overdue", help="only what has something overdue"),
    stuck: bool = typer.Option(False, "--stuck", help="only what says it is stuck"),
    sort: str = typer.Option("kind", help=f"{SORTS}; '-' before it: descending"),
    page: int = typer.Option(1, help="page number"),
    per_page: int = typer.Option(500, help="rows per page (at most 500)"),
) -> None:
    """Where every process stands, from the read model (or as it stood on a past instant, as
    novex knew it at one, or both); filtered, sorted and paged as the board is."""
    params = {
        "as_of": iso(as_of),
        "as_known_at": iso(known_at),
        "kind": kind,
        "province": province,
        "phase": phase,
        "programme": programme,
        "overdue": overdue,
        "stuck": stuck,
        "sort": sort,
        "page": page,
        "per_page": per_page,
    }
    text, headers = exchange("GET", "/api/status", params=params)
    rows = json.loads(text)
    if as_json:
        print_json(rows)
        return
    title = "novex status" + (f" per {moment(iso(as_of))}" if as_of else "")
    title += f" zoals bekend op {moment(iso(known_at))}" if known_at else ""
    columns = ("proces", "fase", "volgende termijn", "prognose", "te laat", "schuurp.")
    widths = {}  # on a narrow terminal every column gives way alike; from 100 wide on, a
    if console().width >= 100:  # phase's longest word and a date stay whole
        widths = {"fase": len("ontwikkelperspectief"), "volgende termijn": 10, "prognose": 10}
    shown = table(title, *columns, widths=widths)
    for row in rows:
        summary = row["summary"]
        due = summary.get("next_due") or {"due": summary.get("due") or ""}
        overdue_now = summary.get("overdue") or []
        forecast = row.get("forecast") or {}
        shown.add_row(
            row["stream_id"],
            row["phase"],
            f"{day(due.get('due'))} {due.get('target', '')}".strip(),  # the date first: on a
            f"{day(forecast.get('projected'))} {forecast.get('target', '')}".strip(),  # narrow
            # terminal the step's name gives way, not the date
            ", ".join(overdue_now) if isinstance(overdue_now, list) else "ja",
            str(len(summary.get("open_frictions", []))),
        )
    console().print(shown)
    total = int(headers.get("x-total-count", len(rows)))
    if total > len(rows):
        first = (page - 1) * per_page + 1
        console().print(f"rijen {first}–{first + len(rows) - 1} van {total}; zie --page")


@app.command()
def escalations(
    everything: bool = typer.Option(False, "--all", help="also decided ones"),
    as_json: bool = AS_JSON,
) -> None:
    """Every open escalation: its level, members, deadline and history."""
    rows = call("GET", "/api/escalations", params={"everything": everything})
    if as_json:
        print_json(rows)
        return
    columns = ("escalatie", "onderwerp", "niveau", "leden", "termijn", "besluit")
    shown = table("escalaties", *columns)
    for row in rows:
        s = row["summary"]
        shown.add_row(
            row["stream_id"].removeprefix("escalation-"),
            s["subject"],
            f"{s['level']} {s['level_name'] or ''}",
            ", ".join(s["members"]),
            day(s["due"]),
            s["decision"] or "",
        )
    console().print(shown)


def _timeline(detail: dict[str, Any]) -> Any:
    columns = ("stap", "gepland", "termijn", "gereed", "verschoven", "te laat")
    shown = table("tijdlijn: gepland tegen werkelijk", *columns)
    for t in detail["timeline"]:
        shown.add_row(
            t["target"],
            day(t["planned"]),
            day(t["due"]),
            day(t["done"]),
            str(t["moves"]),
            "[red]ja[/red]" if t["overdue"] else "nee",
        )
    return shown


def _forecast(detail: dict[str, Any]) -> Any:
    shown = table("prognose", "stap", "gepland", "termijn", "prognose", "basis")
    for p in detail.get("forecast") or []:
        shown.add_row(
            p["target"], day(p["planned"]), day(p["due"]), day(p["projected"]), p["basis_text"]
        )
    return shown


def _history(detail: dict[str, Any]) -> Any:
    shown = table("verloop", "#", "datum", "vastgelegd", "gebeurtenis", "door")
    for h in detail["history"][-25:]:
        what = h["type"] + (
            f" (correctie: {h['correction_reason']})" if h.get("correction_reason") else ""
        )
        shown.add_row(
            str(h["version"]),
            day(h.get("occurred_on")),
            moment(h["recorded_at"]),
            what,
            str(h["actor"]),
        )
    return shown


def show_detail(
    path: str, as_of: datetime | None, as_json: bool, known_at: datetime | None = None
) -> None:
    """One process through the API: its name and phase, its timeline, its prognose and its last
    25 events (as it stood on ``as_of``, as novex knew it at ``known_at``)."""
    detail = call("GET", path, params={"as_of": iso(as_of), "as_known_at": iso(known_at)})
    if as_json:
        print_json(detail)
        return
    if detail is None:
        fail(f"nothing at {path}")
    name = detail["summary"].get("name") or detail["stream_id"]
    console().print(f"[bold]{name}[/bold] — {detail['phase']}")
    console().print(_timeline(detail))
    if detail.get("forecast"):
        console().print(_forecast(detail))
    console().print(_history(detail))
