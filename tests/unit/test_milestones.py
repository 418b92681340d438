"""A process's milestones planned against actual (effective) dates, months late, and the slip
report's rows and national median per milestone."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from config.catalog_file import load_catalog
from domain.catalog.planning import journey_start
from domain.province import commands as cmd
from domain.province.rules import decide, start
from domain.province.state import ProvinceJourney, fold
from domain.shared.commands import MoveDueDate
from domain.shared.events import Event
from domain.views.milestones import DAYS_PER_MONTH, Milestone, median_months_late, milestones
from service.slip_report import slip_lines, slips

NOW = datetime(2026, 11, 28, 9, tzinfo=UTC)


def _journey(code: str, closed_on: date) -> list[Event]:
    """A journey started on 2022-12-12 whose ijkmoment 1 (planned 2023-02-15) closes on
    ``closed_on``, after ijkmoment 2 was moved once."""
    begin = journey_start(load_catalog(), code, actor="r").model_copy(
        update={"occurred_on": date(2022, 12, 12)}
    )
    events = start(ProvinceJourney(), begin, now=NOW, new_id=uuid.uuid4)
    moved = MoveDueDate(
        actor="r",
        target="ijkmoment-2",
        due=datetime(2023, 6, 1, tzinfo=UTC),
        reason="uitstel",
        occurred_on=date(2023, 1, 10),
    )
    closed = cmd.CloseCheckpoint(
        actor="r", checkpoint=1, decision="door", reason="BOL", occurred_on=closed_on
    )
    for command in (moved, closed):
        events += decide(fold(events), command, now=NOW, new_id=uuid.uuid4)
    return events


def _months(days: int) -> float:
    return round(days / DAYS_PER_MONTH, 1)


def test_milestones_give_the_first_plan_the_date_due_now_and_the_effective_date_reached() -> None:
    found = {m.target: m for m in milestones(_journey("GE", date(2023, 5, 1)))}
    first = found["ijkmoment-1"]
    assert (first.planned, first.actual) == (date(2023, 2, 15), date(2023, 5, 1))
    assert first.months_late(date(2026, 1, 1)) == _months((date(2023, 5, 1) - first.planned).days)
    second = found["ijkmoment-2"]
    assert second.planned == date(2023, 4, 15) and second.due == date(2023, 6, 1)
    assert second.moves == 1 and second.actual is None
    assert second.days_late(date(2023, 5, 15)) == 30  # late so far, against the first plan
    assert found["arrangement"].days_late(date(2023, 1, 1)) == 0  # not due yet: not late


def test_early_is_negative_and_the_median_counts_only_milestones_reached() -> None:
    early = Milestone(
        target="x", planned=date(2023, 3, 1), due=date(2023, 3, 1), actual=date(2023, 2, 1)
    )
    late = early.model_copy(update={"actual": date(2023, 6, 1)})
    later = early.model_copy(update={"actual": date(2023, 9, 1)})
    pending = early.model_copy(update={"actual": None})
    assert early.days_late(date(2024, 1, 1)) == -28
    assert median_months_late([early, late, later, pending]) == _months(92)
    assert median_months_late([pending]) is None


def test_the_slip_report_lists_each_milestone_per_province_with_the_national_median() -> None:
    rows = []
    for code, closed in (
        ("GE", date(2023, 3, 15)),
        ("GR", date(2023, 5, 15)),
        ("UT", date(2023, 4, 15)),
    ):
        row = {
            "kind": "province",
            "stream_id": f"province-{code}",
            "subject": code,
            "summary": {"name": code},
        }
        rows.append((row, milestones(_journey(code, closed))))
    found, medians = slips(rows, date(2023, 6, 30))
    first = [s for s in found if s.milestone == "ijkmoment-1"]
    assert [(s.name, s.actual) for s in first] == [
        ("GE", date(2023, 3, 15)),
        ("GR", date(2023, 5, 15)),
        ("UT", date(2023, 4, 15)),
    ]
    by_milestone = {m.milestone: m for m in medians}
    assert by_milestone["ijkmoment-1"].median == _months(59)  # UT: 15 April, 59 days late
    assert (by_milestone["ijkmoment-1"].reached, by_milestone["ijkmoment-1"].total) == (3, 3)
    assert by_milestone["voorstel"].median is None and by_milestone["voorstel"].reached == 0
    assert [m.milestone for m in medians][:2] == ["ijkmoment-1", "ijkmoment-2"]
    line = slip_lines([s for s in found if s.milestone == "ijkmoment-3"])[0]
    assert line[3] == "nog niet" and line[4].endswith("(tot nu)")
