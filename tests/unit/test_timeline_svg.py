"""The process page's timeline draws any stored date: one at the calendar's end (a due date of
9999-12-31 recorded before dates were held to a window) neither breaks the page nor floods it."""

from __future__ import annotations

from datetime import UTC, datetime

from web.dashboard.timeline_svg import timeline_svg

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


def _row(target: str, planned: datetime, due: datetime) -> dict[str, object]:
    return {"target": target, "planned": planned, "due": due, "done": None, "overdue": False}


def test_a_due_date_at_the_calendars_end_is_drawn_with_a_readable_grid() -> None:
    last = datetime(9999, 12, 31, 23, 59, tzinfo=UTC)
    svg = timeline_svg([_row("arrangement", datetime(2023, 10, 31, tzinfo=UTC), last)], NOW)
    assert svg.startswith("<svg") and "termijn 31-12-9999" in svg
    assert svg.count('stroke="#ddd"') <= 25  # a line every few centuries, not 8,000


def test_a_span_of_a_few_years_has_a_line_each_year() -> None:
    svg = timeline_svg(
        [_row("voorstel", datetime(2023, 7, 1, tzinfo=UTC), datetime(2025, 4, 1, tzinfo=UTC))],
        NOW,
    )
    assert svg.count('stroke="#ddd"') == 3  # 1 January 2024, 2025 and 2026
