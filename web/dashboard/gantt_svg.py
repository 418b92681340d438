"""The uitvoeringsagenda as a Gantt chart (SVG, rendered on the server): per action its plan
(grey) and forecast (a bar), the critical path outlined, late actions red, deadlines, today."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from web.dashboard.timeline_svg import _el

WIDTH, ROW, LEFT, TOP = 960, 40, 270, 34
PLANNED, FORECAST, DONE, LATE, CRITICAL = "#9a9a9a", "#1f5fa8", "#2e7d4f", "#b3261e", "#111111"
Scale = Callable[[date], float]


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def _scale(actions: list[dict[str, Any]], today: date) -> tuple[date, date, Scale]:
    """The period shown (every date, two weeks either side) and its x coordinate per day."""
    keys = ("planned_start", "planned_end", "earliest_start", "earliest_finish", "deadline")
    days = [today] + [d for a in actions for k in keys if (d := _day(a.get(k)))]
    start, end = min(days) - timedelta(days=14), max(days) + timedelta(days=14)
    span = (end - start).days or 1

    def x(day: date) -> float:
        return LEFT + (WIDTH - LEFT - 16) * (day - start).days / span

    return start, end, x


def _axis(start: date, end: date, today: date, x: Scale, height: int) -> list[str]:
    """A line and label per year (and per quarter when the agenda is short), and today."""
    out = []
    short = (end - start).days < 3 * 365
    for year in range(start.year, end.year + 1):
        for month in (1, 4, 7, 10) if short else (1,):
            tick = date(year, month, 1)
            if not start <= tick <= end:
                continue
            label = str(year) if month == 1 else f"kw {(month + 2) // 3}"
            out.append(
                _el("line", x1=x(tick), y1=TOP - 10, x2=x(tick), y2=height - 14, stroke="#ddd")
            )
            out.append(_el("text", label, x=x(tick) + 3, y=TOP - 14, font_size=11, fill="#555"))
    line = {"stroke": "#333", "stroke_dasharray": "4,3"}
    out.append(_el("line", x1=x(today), y1=TOP - 10, x2=x(today), y2=height - 14, **line))
    out.append(_el("text", "vandaag", x=x(today) + 3, y=height - 2, font_size=11))
    return out


def _words(a: dict[str, Any]) -> str:
    """What a row says about its action, for everyone (colour is never the only sign)."""
    marks = [a["status"]]
    if a["critical"]:
        marks.append("kritiek pad")
    if a["late"]:
        marks.append(f"te laat ({a['delay_days']} dagen)" if a["delay_days"] else "te laat")
    return " · ".join(marks)


def _row(a: dict[str, Any], y: float, x: Scale) -> list[str]:
    """Label, planned period, forecast bar (outlined when critical) and deadline of one action."""
    p0, p1 = _day(a["planned_start"]), _day(a["planned_end"])
    f0, f1 = _day(a["earliest_start"]), _day(a["earliest_finish"])
    assert p0 and p1 and f0 and f1
    fill = LATE if a["late"] else DONE if a["done_on"] else FORECAST
    title = (
        f"{a['title']} ({a['id']}): gepland {p0:%d-%m-%Y} – {p1:%d-%m-%Y}, verwacht "
        f"{f0:%d-%m-%Y} – {f1:%d-%m-%Y}, speling {a['slack_days']} dagen; {_words(a)}"
    )
    weight = "bold" if a["critical"] else "normal"
    out = [
        _el("text", html.escape(a["title"])[:34], x=6, y=y - 3, font_size=12, font_weight=weight),
        _el("text", html.escape(_words(a)), x=6, y=y + 11, font_size=10, fill="#444"),
        _el("rect", x=x(p0), y=y - 11, width=max(x(p1) - x(p0), 2.0), height=5, fill=PLANNED),
    ]
    bar: dict[str, Any] = {"fill": fill, "class_": "bar" + (" critical" if a["critical"] else "")}
    if a["critical"]:
        bar |= {"stroke": CRITICAL, "stroke_width": 2.5}
    width = max(x(f1) - x(f0), 3.0)
    out.append(
        _el(
            "rect",
            f"<title>{html.escape(title)}</title>",
            x=x(f0),
            y=y - 3,
            width=width,
            height=12,
            **bar,
        )
    )
    deadline = _day(a.get("deadline"))
    if deadline:
        dx = x(deadline)
        corners = ((dx, y - 6), (dx + 5, y + 3), (dx, y + 12), (dx - 5, y + 3))
        points = " ".join(f"{px:.1f},{py:.1f}" for px, py in corners)
        tip = f"<title>uiterste datum {deadline:%d-%m-%Y}</title>"
        out.append(_el("polygon", tip, points=points, fill="#fff", stroke=LATE, stroke_width=2))
    return out


def _description(agenda: dict[str, Any], name: str) -> str:
    late = [a["id"] for a in agenda["actions"] if a["late"]]
    finish = _day(agenda.get("finish"))
    return (
        f"{len(agenda['actions'])} acties van {name}. Kritiek pad: "
        f"{' → '.join(agenda['critical_path']) or 'geen'}. Te laat: {', '.join(late) or 'geen'}."
        + (f" Verwacht gereed: {finish:%d-%m-%Y}." if finish else "")
    )


def gantt_svg(agenda: dict[str, Any], today: date, name: str = "het gebied") -> str:
    """Grey: planned; bar: forecast (blue, green when done, red when late), outlined black on
    the critical path; diamond: uiterste datum; dashed: today."""
    actions = agenda["actions"]
    if not actions:
        return "<p>De uitvoeringsagenda heeft nog geen acties.</p>"
    start, end, x = _scale(actions, today)
    height = TOP + ROW * len(actions) + 18
    rows = {a["id"]: TOP + ROW * i + ROW / 2 for i, a in enumerate(actions)}
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="gantt" '
        f'aria-labelledby="gantt-title gantt-desc" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}">',
        f'<title id="gantt-title">Uitvoeringsagenda van {html.escape(name)}</title>',
        f'<desc id="gantt-desc">{html.escape(_description(agenda, name))}</desc>',
        *_axis(start, end, today, x, height),
    ]
    by_id = {a["id"]: a for a in actions}
    for dep in agenda.get("dependencies", []):
        before, after = by_id.get(dep["before"]), by_id.get(dep["after"])
        if before and after:
            x0, x1 = (
                x(_day(before["earliest_finish"]) or today),
                x(_day(after["earliest_start"]) or today),
            )
            y0, y1 = rows[before["id"]] + 3, rows[after["id"]] + 3
            out.append(
                _el(
                    "polyline",
                    points=f"{x0:.1f},{y0:.1f} {x1:.1f},{y1:.1f}",
                    fill="none",
                    stroke="#777",
                    stroke_width=1,
                )
            )
    for a in actions:
        out += _row(a, rows[a["id"]], x)
    out.append("</svg>")
    return "\n".join(out)
