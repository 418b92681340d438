"""What the pages read, as pure functions: the board's filters, sort and pages; an area's
agenda as planned; decided schuurpunten; what an escalation's deadline will do; its id."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from pydantic import ValidationError

from domain.area import commands as ac
from domain.area.agenda import Dependency
from domain.area.summary import describe_area
from domain.escalation.state import EscalationState
from domain.escalation.summary import at_deadline, summarize_escalation
from domain.province.summary import describe_province
from domain.shared.commands import ChangeFriction, RaiseFriction
from domain.shared.ids import StreamId
from domain.views.board import BoardQuery, answer
from tests.unit import test_area_rules as area
from tests.unit.journey import run, started
from tests.unit.test_tasks import _escalation


def _row(stream_id: str, name: str, phase: str, **summary: Any) -> dict[str, Any]:
    kind, _, subject = stream_id.partition("-")
    return {
        "stream_id": stream_id,
        "kind": kind,
        "subject": subject,
        "phase": phase,
        "updated_at": datetime(2024, 1, 1, tzinfo=UTC),
        "summary": {"name": name, **summary},
    }


ROWS = [
    _row("province-GE", "Gelderland", "getekend", programmes=["woningbouw"], overdue=[]),
    _row("province-ZH", "Zuid-Holland", "ijkmoment 2", overdue=["ijkmoment-2"], stuck=None),
    _row("province-UT", "Utrecht", "ijkmoment 2", next_due={"due": "2024-03-01T23:59:00+01:00"}),
    _row("area-de-peel", "De Peel", "vastgesteld", provinces=["NB", "LI"], stuck={"since": "x"}),
    _row(
        "escalation-province-ZH~1",
        "",
        "niveau 1",
        parent="province-ZH",
        due="2024-02-01T00:00:00+00:00",
    ),
    _row("escalation-area-de-peel~1", "", "niveau 2", parent="area-de-peel", overdue=["niveau 2"]),
]


def _ids(query: BoardQuery) -> list[str]:
    rows, total = answer(query, ROWS)
    assert total >= len(rows)
    return [r["stream_id"] for r in rows]


def test_the_board_filters_by_province_including_its_areas_and_their_escalations() -> None:
    assert _ids(BoardQuery(province="ZH")) == ["escalation-province-ZH~1", "province-ZH"]
    assert _ids(BoardQuery(province="LI")) == ["area-de-peel", "escalation-area-de-peel~1"]
    assert _ids(BoardQuery(kind="province", phase="ijkmoment 2")) == ["province-UT", "province-ZH"]
    assert _ids(BoardQuery(programme="woningbouw")) == ["province-GE"]
    assert _ids(BoardQuery(overdue=True)) == ["escalation-area-de-peel~1", "province-ZH"]
    assert _ids(BoardQuery(stuck=True)) == ["area-de-peel"]


def test_the_board_sorts_with_empty_values_last_and_pages() -> None:
    by_due = _ids(BoardQuery(sort="next_due"))
    assert by_due[:2] == ["escalation-province-ZH~1", "province-UT"]
    assert _ids(BoardQuery(sort="-next_due"))[:2] == ["province-UT", "escalation-province-ZH~1"]
    assert _ids(BoardQuery(kind="province", sort="name")) == [
        "province-GE",
        "province-UT",
        "province-ZH",
    ]
    most_overdue = _ids(BoardQuery(sort="-overdue"))[:2]  # ties: stream id ascending
    assert most_overdue == ["escalation-area-de-peel~1", "province-ZH"]
    page, total = answer(BoardQuery(kind="province", sort="name", per_page=2, page=2), ROWS)
    assert [r["stream_id"] for r in page] == ["province-ZH"] and total == 3
    with pytest.raises(ValidationError):
        BoardQuery(sort="colour")
    with pytest.raises(ValidationError):
        BoardQuery(province="Gelderland")


def test_an_escalation_is_known_by_its_full_id_and_by_the_id_lists_show() -> None:
    full = StreamId.parse("escalation-area-de-peel~1")
    assert StreamId.of_escalation("area-de-peel~1") == full
    assert StreamId.of_escalation("escalation-area-de-peel~1") == full
    labelled = StreamId.of_escalation("province-GE~2.proef")
    assert str(labelled) == "escalation-province-GE~2.proef"
    for wrong in ("area-de-peel", "escalation-x", "de-peel~1x", "nothing"):
        with pytest.raises(ValueError):
            StreamId.of_escalation(wrong)


def test_the_deadline_of_a_level_says_which_level_comes_next_and_the_top_says_none_does() -> None:
    summary = _escalation(None)["summary"]
    assert summary["next_level"]["level"] == 2
    assert "niveau 2: Bestuurlijke (rijk-regio) duo" in summary["at_deadline"]
    assert [r["level"] for r in summary["ladder"]] == [1, 2, 3, 4]


def test_at_the_top_of_the_ladder_the_deadline_climbs_no_further() -> None:
    state = EscalationState.model_validate(
        {"level": 0, "ladder": _escalation(None)["summary"]["ladder"]}
    )
    top = state.model_copy(update={"level": 4, "due": datetime(2024, 5, 1, tzinfo=UTC)})
    assert "geen hoger niveau" in (at_deadline(top) or "")
    assert summarize_escalation(top)["next_level"] is None
    assert "verstreken" in (at_deadline(top.model_copy(update={"overdue": True})) or "")


def test_a_decided_schuurpunt_stays_on_the_page_as_besloten_with_its_history() -> None:
    state, _ = run(started("ZH"), RaiseFriction(actor="rijk", description="Geluidszone"))
    for status in ("geëscaleerd", "besloten"):
        state, _ = run(
            state, ChangeFriction(actor="r", friction_id="S1", status=status, note=status)
        )
    friction = describe_province(state)["frictions"][0]
    assert friction["status"] == "besloten" and not friction["open"]
    assert [s["status"] for s in friction["history"]] == ["geëscaleerd", "besloten"]


def test_an_areas_page_has_its_agenda_in_start_order_with_critical_and_late_actions() -> None:
    state = area.started("lelylijn")
    late_deadline = date(2024, 1, 1) + timedelta(days=480)  # before trace's planned end
    for action in (
        area.action("trace", 200, 500, deadline=late_deadline),
        area.action("mirt", 0, 200),
    ):
        state, _ = area.run(state, ac.AddAction(actor="r", action=action))
    state, _ = area.run(
        state, ac.AddDependency(actor="r", dependency=Dependency(before="mirt", after="trace"))
    )
    agenda = describe_area(state)["agenda"]
    assert [a["id"] for a in agenda["actions"]] == ["mirt", "trace"]
    assert agenda["critical_path"] == ["mirt", "trace"]
    trace = agenda["actions"][1]
    assert trace["critical"] and trace["late"] and trace["earliest_finish"] > trace["deadline"]
    assert not agenda["actions"][0]["late"]
    assert agenda["dependencies"] == [{"before": "mirt", "after": "trace"}]
    assert describe_area(area.started())["agenda"]["actions"] == []
