"""The voortgangsrapportage: status per province and area, the slip per milestone (planned
against actual, months late, national median), the prognose of every open step, slipped
deadlines, open schuurpunten, schuurpunten per national programme and decisions taken — now or
as of the past (effective and/or recorded time), as Markdown, HTML or CSV."""

from __future__ import annotations

import csv
import html
import io
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from domain.shared.effective import AMSTERDAM, day_of
from domain.views.as_of import AsOf
from domain.views.board import BoardQuery, frictions_per_theme
from domain.views.forecast import programme_trend
from domain.views.milestones import Milestone, milestones
from domain.views.timeline import timeline
from service.context import Services
from service.forecasts import projected
from service.process_view import describe
from service.queries import themes_table
from service.reading import events, status
from service.slip_report import (
    MEDIAN_HEAD,
    SLIP_HEAD,
    NationalMedian,
    Slip,
    median_lines,
    slip_lines,
    slips,
)


@dataclass
class Report:
    """The content of one voortgangsrapportage."""

    as_of: datetime
    rows: list[dict[str, Any]]
    known_at: datetime | None = None
    slipped: list[dict[str, Any]] = field(default_factory=list)
    decisions: list[dict[str, Any]] = field(default_factory=list)
    themes: list[dict[str, Any]] = field(default_factory=list)
    slip: list[Slip] = field(default_factory=list)
    medians: list[NationalMedian] = field(default_factory=list)
    forecast: list[dict[str, Any]] = field(default_factory=list)


async def build_report(services: Services, as_of: AsOf | None) -> Report:
    """Gather status rows, each process's timeline and the decisions taken as things stood on
    ``as_of`` (effective time, recorded time, or both; None: now)."""
    when = as_of.moment if as_of else datetime.now(UTC)
    rows = await status(services, as_of)
    report = Report(
        as_of=when,
        rows=[r for r in rows if r["kind"] in ("province", "area")],
        known_at=as_of.known if as_of and as_of.effective else None,
    )
    report.themes = themes_table(services, frictions_per_theme(BoardQuery(), rows))
    planned: list[tuple[dict[str, Any], list[Milestone]]] = []
    lines: dict[str, tuple[list[dict[str, Any]], dict[str, Any]]] = {}
    for row in rows:
        if row["kind"] == "escalation":
            summary = row["summary"]
            if summary.get("decision"):
                report.decisions.append(
                    {
                        "process": summary["parent"],
                        "subject": summary["subject"],
                        "decision": summary["decision"],
                        "by": ", ".join(summary["decided_by"]),
                    }
                )
            continue
        pairs = await events(services, row["stream_id"], as_of)
        history = [e for _, e in pairs]
        planned.append((row, milestones(history)))
        rows_of = timeline(history, when)
        view = describe(row["stream_id"], history) if row["kind"] == "area" else {}
        lines[row["stream_id"]] = (rows_of, view)
        for item in rows_of:
            if item["due"] != item["planned"] or item["overdue"]:
                report.slipped.append({"process": row["stream_id"], **item})
    report.slip, report.medians = slips(planned, day_of(when))
    programme = programme_trend(rows_of for rows_of, _ in lines.values())
    for stream, (rows_of, view) in lines.items():
        shown = projected(rows_of, view, day_of(when), programme)
        report.forecast += [{"process": stream, **p} for p in shown]
    return report


def _fmt(value: Any) -> str:
    if isinstance(value, datetime):
        return value.strftime("%d-%m-%Y")
    return "" if value is None else str(value)


def _status_lines(report: Report) -> list[list[str]]:
    lines = []
    for r in report.rows:
        s = r["summary"]
        due = s.get("next_due") or {}
        lines.append(
            [
                r["stream_id"],
                s.get("name") or r["subject"],
                r["phase"],
                f"{due.get('target', '')} {str(due.get('due', ''))[:10]}".strip(),
                ", ".join(s.get("overdue", [])),
                ", ".join(s.get("open_frictions", [])),
            ]
        )
    return lines


HEAD = ["proces", "naam", "fase", "volgende termijn", "te laat", "open schuurpunten"]
THEME_HEAD = ["programma", "naam", "open", "totaal"]
DEADLINE_HEAD = ["proces", "stap", "gepland", "nu", "gereed", "verschoven", "te laat"]


def _deadline_lines(report: Report) -> list[list[str]]:
    return [
        [
            s["process"],
            s["target"],
            _fmt(s["planned"]),
            _fmt(s["due"]),
            _fmt(s["done"]),
            str(s["moves"]),
            "ja" if s["overdue"] else "nee",
        ]
        for s in report.slipped
    ]


FORECAST_HEAD = ["proces", "stap", "gepland", "termijn", "prognose", "basis"]


def _dmy(iso: str) -> str:
    return f"{iso[8:10]}-{iso[5:7]}-{iso[:4]}"


def _forecast_lines(report: Report) -> list[list[str]]:
    dates = ("planned", "due", "projected")
    return [
        [f["process"], f["target"], *(_dmy(f[k]) for k in dates), f["basis_text"]]
        for f in report.forecast
    ]


def _theme_lines(report: Report) -> list[list[str]]:
    return [[t["theme"], t["name"], str(t["open"]), str(t["all"])] for t in report.themes]


def _csv(report: Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["sectie", *HEAD])
    writer.writerows(["status", *line] for line in _status_lines(report))
    writer.writerow(["sectie", *SLIP_HEAD])
    writer.writerows(["vertraging per mijlpaal", *line] for line in slip_lines(report.slip))
    writer.writerow(["sectie", *MEDIAN_HEAD])
    writer.writerows(["landelijke mediaan", *line] for line in median_lines(report.medians))
    writer.writerow(["sectie", *FORECAST_HEAD])
    writer.writerows(["prognose", *line] for line in _forecast_lines(report))
    writer.writerow(["sectie", *DEADLINE_HEAD])
    writer.writerows(["termijnen", *line] for line in _deadline_lines(report))
    writer.writerow(["sectie", *THEME_HEAD])
    writer.writerows(["schuurpunten per programma", *line] for line in _theme_lines(report))
    writer.writerow(["sectie", "proces", "onderwerp", "besluit", "door"])
    writer.writerows(
        ["besluiten", d["process"], d["subject"], d["decision"], d["by"]] for d in report.decisions
    )
    return out.getvalue()


Section = tuple[str, list[str], list[list[str]]]


def _sections(report: Report) -> list[Section]:
    return [
        ("Status per provincie en gebied", HEAD, _status_lines(report)),
        (
            "Vertraging per mijlpaal (gepland tegen werkelijk)",
            SLIP_HEAD,
            slip_lines(report.slip),
        ),
        ("Landelijke mediaan per mijlpaal", MEDIAN_HEAD, median_lines(report.medians)),
        ("Prognose per open stap", FORECAST_HEAD, _forecast_lines(report)),
        (
            "Termijnen verschoven of verstreken (gepland tegen nu)",
            DEADLINE_HEAD,
            _deadline_lines(report),
        ),
        ("Schuurpunten per nationaal programma", THEME_HEAD, _theme_lines(report)),
        (
            "Genomen besluiten",
            ["proces", "onderwerp", "besluit", "door"],
            [[d["process"], d["subject"], d["decision"], d["by"]] for d in report.decisions],
        ),
    ]


def _html(title: str, sections: list[Section]) -> str:
    parts = [f"<h1>{html.escape(title)}</h1>"]
    for name, head, lines in sections:
        parts.append(f"<h2>{html.escape(name)}</h2><table><thead><tr>")
        parts.extend(f"<th>{html.escape(h)}</th>" for h in head)
        parts.append("</tr></thead><tbody>")
        for line in lines:
            cells = "".join(f"<td>{html.escape(c)}</td>" for c in line)
            parts.append(f"<tr>{cells}</tr>")
        parts.append("</tbody></table>")
    page = "<!doctype html><html lang='nl'><meta charset='utf-8'><title>" + html.escape(title)
    return page + "</title><body>" + "".join(parts) + "</body></html>"


def _markdown(title: str, sections: list[Section]) -> str:
    md = [f"# {title}", ""]
    for name, head, lines in sections:
        md += [f"## {name}", "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        md += ["| " + " | ".join(c.replace("|", "/") for c in line) + " |" for line in lines]
        md.append("")
    return "\n".join(md)


def render(report: Report, fmt: str) -> tuple[str, str]:
    """The report text and its media type."""
    if fmt == "csv":
        return _csv(report), "text/csv; charset=utf-8"
    as_of = report.as_of.astimezone(AMSTERDAM)  # the programme's time, as every other surface
    title = f"Voortgangsrapportage regie op de ruimte — stand per {as_of:%d-%m-%Y %H:%M}"
    if report.known_at is not None:
        title += f", zoals bekend op {report.known_at.astimezone(AMSTERDAM):%d-%m-%Y %H:%M}"
    if fmt == "html":
        return _html(title, _sections(report)), "text/html; charset=utf-8"
    return _markdown(title, _sections(report)), "text/markdown; charset=utf-8"
