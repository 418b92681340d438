"""Planned against actual: the timeline of a province's and an area's deadlines."""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from config.catalog_file import load_catalog
from domain.area import events as ae
from domain.catalog.planning import area_start
from domain.province import events as ev
from domain.shared.events import DueDateMoved, Event, PlannedCheckpoint
from domain.shared.rules import START_EXCLUDED
from domain.views.timeline import timeline

T0 = datetime(2024, 1, 1, tzinfo=UTC)
_ids = itertools.count(1)


def day(n: int) -> datetime:
    return T0 + timedelta(days=n)


def stamp(n: int) -> dict[str, Any]:
    return {"event_id": uuid.UUID(int=next(_ids)), "occurred_at": day(n), "actor": "r"}


def journey_started() -> ev.JourneyStarted:
    return ev.JourneyStarted(
        **stamp(0),
        province="GE",
        name="Gelderland",
        checkpoints=tuple(
            PlannedCheckpoint(number=n, name=f"ijkmoment {n}", due=day(30 * n)) for n in (1, 2, 3)
        ),
        proposal_due=day(120),
        arrangement_due=day(200),
        reminder_lead_days=7,
        review_days=21,
        review_parties=("rijk",),
        signatories=(),
    )


def rows(events: list[Event], now: datetime) -> dict[str, dict[str, Any]]:
    return {row["target"]: row for row in timeline(events, now)}


def test_a_journey_plans_its_ijkmomenten_voorstel_and_arrangement_in_order() -> None:
    assert [r["target"] for r in timeline([journey_started()], T0)] == [
        "ijkmoment-1",
        "ijkmoment-2",
        "ijkmoment-3",
        "voorstel",
        "arrangement",
    ]


def test_a_passed_or_closed_ijkmoment_is_done_when_it_first_was() -> None:
    events: list[Event] = [
        journey_started(),
        ev.CheckpointPassed(**stamp(20), checkpoint=1),
        ev.CheckpointPassed(**stamp(25), checkpoint=1),
        ev.CheckpointClosed(**stamp(70), checkpoint=2, decision="door", reason="BOL"),
    ]
    found = rows(events, day(100))
    assert found["ijkmoment-1"]["done"] == day(20) and not found["ijkmoment-1"]["overdue"]
    assert found["ijkmoment-2"]["done"] == day(70) and found["ijkmoment-2"]["overdue"]
    assert found["ijkmoment-3"]["done"] is None and found["ijkmoment-3"]["overdue"]


def test_a_moved_due_date_keeps_the_first_plan_and_counts_the_moves() -> None:
    events: list[Event] = [
        journey_started(),
        DueDateMoved(**stamp(5), target="voorstel", previous=day(120), due=day(150), reason="r"),
        DueDateMoved(**stamp(6), target="voorstel", previous=day(150), due=day(160), reason="r"),
        DueDateMoved(**stamp(7), target="onbekend", previous=day(1), due=day(2), reason="r"),
    ]
    found = rows(events, day(155))
    assert found["voorstel"]["planned"] == day(120)
    assert found["voorstel"]["due"] == day(160)
    assert found["voorstel"]["moves"] == 2 and not found["voorstel"]["overdue"]
    assert "onbekend" not in found


def test_an_adopted_voorstel_and_a_concluded_arrangement_are_done() -> None:
    events: list[Event] = [
        journey_started(),
        ev.ProposalAdopted(**stamp(110)),
        ev.ArrangementConcluded(**stamp(190), text_hash="h"),
    ]
    found = rows(events, day(300))
    assert found["voorstel"]["done"] == day(110)
    assert found["arrangement"]["done"] == day(190) and not found["arrangement"]["overdue"]


def test_an_amendment_reopens_the_arrangement_with_its_new_due_date() -> None:
    events: list[Event] = [
        journey_started(),
        ev.ArrangementConcluded(**stamp(190), text_hash="h"),
        ev.AmendmentStarted(**stamp(250), round=2, reason="defensie", due=day(400)),
    ]
    found = rows(events, day(300))
    assert found["arrangement"]["done"] is None
    assert found["arrangement"]["due"] == day(400) and found["arrangement"]["moves"] == 0
    assert not found["arrangement"]["overdue"]


def test_an_area_plans_its_ijkpunten_and_perspective_and_marks_them_done() -> None:
    start = area_start(load_catalog(), "de-peel", actor="r")
    started = ae.AreaStarted(**stamp(0), **start.model_dump(exclude=set(START_EXCLUDED)))
    planned = ["ijkpunt-1", "ijkpunt-2", "ontwikkelperspectief"]
    assert [r["target"] for r in timeline([started], T0)] == planned
    events: list[Event] = [
        started,
        ae.CheckpointReached(**stamp(3), checkpoint=1),
        ae.PerspectiveAdopted(**stamp(4), version=1, document_ref="op", readiness=90),
    ]
    found = rows(events, day(5))
    assert found["ijkpunt-1"]["done"] == day(3)
    assert found["ontwikkelperspectief"]["done"] == day(4)
    assert found["ijkpunt-2"]["done"] is None  # adopting the perspective is not reaching it
