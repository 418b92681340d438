"""A process's timeline as SVG: planned date, current due date and when the step was done."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

WIDTH, ROW, LEFT, TOP = 860, 34, 170, 30
Scale = Callable[[datetime], float]


def _el(tag: str, body: str = "", **attrs: Any) -> str:
    """One SVG element; attribute names use ``_`` for ``-``."""
    text = " ".join(
        f'{k.rstrip("_").replace("_", "-")}="{v:.1f}"'
        if isinstance(v, float)
        else f'{k.rstrip("_").replace("_", "-")}="{html.escape(str(v))}"'
        for k, v in attrs.items()
    )
    return f"<{tag} {text}>{body}</{tag}>"


def _beside(moment: datetime, days: int) -> datetime:
    """``days`` from ``moment``, or as far as the calendar goes (a date stored as 9999-12-31)."""
    try:
        return moment + timedelta(days=days)
    except OverflowError:
        return moment


def _scale(rows: list[dict[str, Any]], now: datetime) -> tuple[datetime, datetime, Scale]:
    """The period shown (every date, two weeks either side) and its x coordinate per instant."""
    moments = [now] + [r["planned"] for r in rows] + [r["due"] for r in rows]
    moments += [r["done"] for r in rows if r["done"]]
    start, end = _beside(min(moments), -14), _beside(max(moments), 14)
    span = (end - start).total_seconds() or 1.0

    def x(moment: datetime) -> float:
        return LEFT + (WIDTH - LEFT - 20) * (moment - start).total_seconds() / span

    return start, end, x


def _grid(start: datetime, end: datetime, now: datetime, x: Scale, height: int) -> list[str]:
    """A line per new year and a dashed line for now."""
    out = []
    step = max(1, (end.year - start.year) // 20)  # a line a year; fewer over a long span
    for year in range(start.year, end.year + 1, step):
        tick = datetime(year, 1, 1, tzinfo=start.tzinfo)
        if start <= tick <= end:
            out.append(
                _el("line", x1=x(tick), y1=TOP - 12, x2=x(tick), y2=height - 10, stroke="#ddd")
            )
            out.append(_el("text", str(year), x=x(tick) + 3, y=TOP - 16, font_size=11, fill="#666"))
    out.append(
        _el(
            "line",
            x1=x(now),
            y1=TOP - 12,
            x2=x(now),
            y2=height - 10,
            stroke="#333",
            stroke_dasharray="3,3",
        )
    )
    out.append(_el("text", "nu", x=x(now) + 3, y=height - 2, font_size=11))
    return out


def _planned_and_due(r: dict[str, Any], y: float, x: Scale) -> list[str]:
    """The planned date (grey dot), the current due date (blue diamond), a line if it moved."""
    out = [_el("text", html.escape(r["target"]), x=8, y=y + 4, font_size=13)]
    planned, due = x(r["planned"]), x(r["due"])
    if r["due"] != r["planned"]:
        out.append(_el("line", x1=planned, y1=y, x2=due, y2=y, stroke="#7aa7d6", stroke_width=3))
    title = f"<title>gepland {r['planned']:%d-%m-%Y}</title>"
    out.append(_el("circle", title, cx=planned, cy=y, r=5, fill="#aaa"))
    out.append(
        _el(
            "rect",
            f"<title>termijn {r['due']:%d-%m-%Y}</title>",
            x=due - 5,
            y=y - 5,
            width=10,
            height=10,
            fill="#1f5fa8",
            transform=f"rotate(45 {due:.1f} {y})",
        )
    )
    return out


def _late_and_done(r: dict[str, Any], y: float, x: Scale, now: datetime) -> list[str]:
    """A red bar from the due date while late, and a dot when done (red if it was late)."""
    out = []
    late = r["overdue"]
    if late:
        end = x(r["done"] or now)
        bar: dict[str, Any] = {"stroke": "#c0392b", "stroke_width": 5, "class_": "late"}
        out.append(_el("line", x1=x(r["due"]), y1=y, x2=end, y2=y, **bar))
    if r["done"]:
        title = f"<title>gereed {r['done']:%d-%m-%Y}</title>"
        fill = "#c0392b" if late else "#2e8b57"
        out.append(_el("circle", title, cx=x(r["done"]), cy=y, r=6, fill=fill))
    return out


def timeline_svg(rows: list[dict[str, Any]], now: datetime) -> str:
    """Grey: planned; blue: current due date (a line when it moved); green: done; red: late."""
    if not rows:
        return "<p>Geen termijnen.</p>"
    start, end, x = _scale(rows, now)
    height = TOP + ROW * len(rows) + 20
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="timeline" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}">',
        "<title>Tijdlijn: gepland tegen werkelijk</title>",
        *_grid(start, end, now, x, height),
    ]
    for i, r in enumerate(rows):
        y = TOP + ROW * i + ROW / 2
        out += _planned_and_due(r, y, x)
        out += _late_and_done(r, y, x, now)
    out.append("</svg>")
    return "\n".join(out)
