"""The prognose moves the plan by the slip a process has shown, else by the programme's trend,
never before the agreed due date or today, and keeps the milestones in their planned order."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from domain.views.forecast import (
    AGENDA,
    CRITICAL_PATH,
    OWN_SLIP,
    PLAN,
    TREND,
    forecast,
    programme_trend,
)


def row(target: str, planned: date, done: date | None = None, due: date | None = None) -> Any:
    return {"target": target, "planned": planned, "due": due or planned, "done": done}


JOURNEY = [
    row("ijkmoment-1", date(2023, 1, 1), done=date(2023, 3, 2)),  # 60 days late
    row("ijkmoment-2", date(2023, 3, 1)),
    row("ijkmoment-3", date(2023, 5, 1)),
]


def test_a_process_that_ran_late_is_projected_late_by_its_own_slip() -> None:
    projected = forecast(JOURNEY, date(2023, 3, 10))
    assert [p.target for p in projected] == ["ijkmoment-2", "ijkmoment-3"]
    assert projected[0].projected == date(2023, 4, 30) and projected[0].basis == OWN_SLIP
    assert projected[1].projected == date(2023, 6, 30) and projected[1].slip_days == 60


def test_a_process_that_reached_nothing_yet_follows_the_programmes_trend() -> None:
    others = [[row("ijkmoment-1", date(2023, 1, 1), done=date(2023, 1, 1) + d)] for d in _days()]
    trend = programme_trend(others)
    assert trend.per_target == {"ijkmoment-1": 30} and trend.samples == 3
    fresh = [row("ijkmoment-1", date(2023, 1, 1)), row("ijkmoment-2", date(2023, 3, 1))]
    projected = forecast(fresh, date(2022, 12, 1), trend)
    assert projected[0].projected == date(2023, 1, 31) and projected[0].basis == TREND
    assert projected[1].basis == TREND  # no trend for ijkmoment-2: the overall median
    assert projected[1].projected == date(2023, 3, 31)
    assert "mediaan van 3" in projected[0].basis_text


def _days() -> list[timedelta]:
    return [timedelta(days=d) for d in (10, 30, 90)]


def test_without_any_slip_the_plan_holds_and_a_moved_due_date_is_respected() -> None:
    moved = [row("voorstel", date(2023, 7, 1), due=date(2024, 2, 1))]
    projected = forecast(moved, date(2023, 1, 1))
    assert projected[0].projected == date(2024, 2, 1) and projected[0].basis == PLAN


def test_a_milestone_still_open_past_its_projection_is_projected_today_and_says_so() -> None:
    projected = forecast(JOURNEY, date(2023, 9, 1))
    assert [p.projected for p in projected] == [
        date(2023, 9, 1),
        date(2023, 11, 1),
    ]  # 61 days apart, as planned
    assert projected[0].not_reached_by == date(2023, 9, 1)
    assert "nog niet bereikt" in projected[0].basis_text
    assert projected[1].not_reached_by is None


def test_an_areas_agenda_finishes_where_its_critical_path_does() -> None:
    projected = forecast([], date(2024, 1, 1), agenda=(date(2025, 1, 1), date(2025, 4, 1)))
    assert projected[0].target == AGENDA and projected[0].basis == CRITICAL_PATH
    assert projected[0].projected == date(2025, 4, 1) and projected[0].slip_days == 90


def test_reached_milestones_get_no_projection() -> None:
    done = [row("ijkmoment-1", date(2023, 1, 1), done=date(2023, 1, 5))]
    assert forecast(done, date(2023, 2, 1)) == []
