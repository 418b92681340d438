"""Stored events are read in today's shape through one registry: every event class writes the
version the registry calls current, every older version has a way there, a newer one is refused;
the worked examples are a schuurpunt's theme (FrictionRaised 1 → 2) and every event's effective
date (every type 1 → 2, FrictionRaised 2 → 3)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from config.catalog_file import load_catalog
from domain.area import events as area_events
from domain.catalog.references import check_references
from domain.escalation import events as escalation_events
from domain.province import events as province_events
from domain.province.events import parse_province_event
from domain.shared.commands import ChangeFriction, RaiseFriction
from domain.shared.effective import AMSTERDAM
from domain.shared.errors import UnknownReference
from domain.shared.events import Event, FrictionRaised
from domain.shared.frictions import frictions_by_theme
from domain.shared.upcasting import (
    BASELINE,
    COMMON,
    CURRENT,
    UPCASTERS,
    UnreadableEvent,
    current_version,
    upcast,
)
from domain.views.board import BoardQuery, frictions_per_theme
from tests.unit.journey import run, started

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "v1_frictions.jsonl"


def _v1_friction() -> dict[str, Any]:
    """The first schuurpunt of the fixture, as the code before themes stored it."""
    lines = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]
    first = next(line for line in lines if line["type"] == "FrictionRaised")
    assert first["schema_version"] == 1 and "theme" not in first["data"]["friction"]
    data: dict[str, Any] = first["data"]
    return data


def _event_classes() -> list[type[Event]]:
    """Every event class the rooms record (each with its ``type`` literal)."""
    assert province_events and area_events and escalation_events  # every room imported
    found, todo = [], list(Event.__subclasses__())
    while todo:
        cls = todo.pop()
        todo += cls.__subclasses__()
        if isinstance(cls.model_fields["type"].default, str):
            found.append(cls)
    return found


def test_every_event_class_writes_the_schema_version_the_registry_reads_as_current() -> None:
    classes = _event_classes()
    assert len(classes) > 40
    for cls in classes:
        event_type = cls.model_fields["type"].default
        assert cls.model_fields["schema_version"].default == current_version(event_type), cls
    assert {c.model_fields["type"].default for c in classes} >= set(CURRENT)


def test_every_older_schema_version_has_upcasters_all_the_way_to_the_current_one() -> None:
    for event_type, current in CURRENT.items():
        for version in range(1, current):
            steps = 0
            while version != current:
                step = UPCASTERS[(event_type, version)]
                assert step.to > version, "an upcaster moves forward"
                version, steps = step.to, steps + 1
            assert steps <= current


def test_every_type_without_a_history_of_its_own_reaches_the_baseline_through_common_steps() -> (
    None
):
    for event_type in {c.model_fields["type"].default for c in _event_classes()} - set(CURRENT):
        version, steps = 1, 0
        while version != current_version(event_type):
            version, steps = COMMON[version].to, steps + 1
        assert version == BASELINE and steps == BASELINE - 1


def test_a_schuurpunt_stored_before_themes_reads_in_today_s_shape_as_onbekend() -> None:
    stored = _v1_friction()
    before = json.dumps(stored, sort_keys=True)

    event = parse_province_event(upcast("FrictionRaised", 1, stored))

    assert isinstance(event, FrictionRaised) and event.schema_version == 3
    assert event.friction.theme == "onbekend" and event.friction.id == "S1"
    recorded = datetime.fromisoformat(stored["occurred_at"]).astimezone(AMSTERDAM).date()
    assert event.occurred_on == recorded and event.decided_at is None
    assert json.dumps(stored, sort_keys=True) == before  # the stored data is not touched


def test_a_schema_1_schuurpunt_that_skips_the_registry_is_refused_not_misread() -> None:
    with pytest.raises(ValidationError, match="schema_version"):
        parse_province_event(_v1_friction())


def test_an_event_of_a_newer_schema_version_is_refused_naming_what_this_release_reads() -> None:
    data = {**_v1_friction(), "schema_version": 4}
    with pytest.raises(UnreadableEvent) as refused:
        upcast("FrictionRaised", 4, data)
    message = str(refused.value)
    assert "FrictionRaised schema version 4" in message and "newer release" in message
    assert "up to version 3" in message
    with pytest.raises(UnreadableEvent, match="DueDateMoved schema version 3"):
        upcast("DueDateMoved", 3, {"type": "DueDateMoved"})


def test_an_event_in_todays_shape_is_read_as_it_is_without_a_copy() -> None:
    data = {"type": "DueDateMoved", "schema_version": 2}
    assert upcast("DueDateMoved", 2, data) is data


def test_an_event_stored_before_effective_dates_took_effect_on_the_day_it_was_recorded() -> None:
    stored = {"type": "DueDateMoved", "schema_version": 1, "occurred_at": "2024-03-01T23:30:00Z"}
    read = upcast("DueDateMoved", 1, stored)
    assert read["occurred_on"] == "2024-03-02"  # half past midnight in Dutch time
    assert read["schema_version"] == 2 and "occurred_on" not in stored
    v1 = {
        **stored,
        "event_id": "00000000-0000-0000-0000-000000000001",
        "actor": "r",
        "target": "voorstel",
        "previous": "2024-03-01T00:00:00Z",
        "due": "2024-04-01T00:00:00Z",
        "reason": "uitstel",
    }
    assert parse_province_event(upcast("DueDateMoved", 1, v1)).occurred_on.isoformat() == (
        "2024-03-02"
    )
    with pytest.raises(ValidationError, match="schema_version"):  # skipping the registry
        parse_province_event(v1)


def test_a_schuurpunt_raised_with_a_theme_carries_it_and_one_without_reads_onbekend() -> None:
    state, events = run(started(), RaiseFriction(actor="r", description="Stikstof", theme="nplg"))
    state, _ = run(state, RaiseFriction(actor="r", description="Netcongestie"))
    state, _ = run(state, ChangeFriction(actor="r", friction_id="S1", status="opgelost"))
    raised = events[-1]
    assert isinstance(raised, FrictionRaised) and raised.schema_version == 3
    assert raised.model_dump(mode="json")["friction"]["theme"] == "nplg"
    assert frictions_by_theme(state.frictions) == {
        "nplg": {"open": 0, "all": 1},
        "onbekend": {"open": 1, "all": 1},
    }


def test_a_theme_must_be_a_programme_of_the_catalog() -> None:
    catalog = load_catalog()
    check_references(catalog, RaiseFriction(actor="r", description="d", theme="nplg"))
    check_references(catalog, RaiseFriction(actor="r", description="d"))
    with pytest.raises(UnknownReference) as refused:
        check_references(catalog, RaiseFriction(actor="r", description="d", theme="stikstof"))
    assert "theme: unknown national programme 'stikstof'" in str(refused.value)
    assert "nplg" in str(refused.value)


def test_the_board_counts_schuurpunten_per_programme_over_the_rows_its_filters_let_through() -> (
    None
):
    def row(stream_id: str, **themes: dict[str, int]) -> dict[str, Any]:
        kind, _, subject = stream_id.partition("-")
        summary = {"frictions_by_theme": themes, "provinces": ["NB"] if kind == "area" else []}
        return {"stream_id": stream_id, "kind": kind, "subject": subject, "summary": summary}

    rows = [
        row("province-GE", nplg={"open": 1, "all": 2}, onbekend={"open": 1, "all": 1}),
        row("province-NB", nplg={"open": 0, "all": 1}),
        row("area-de-peel", water={"open": 1, "all": 1}),
        {"stream_id": "escalation-x~1", "kind": "escalation", "subject": "x", "summary": {}},
    ]
    assert frictions_per_theme(BoardQuery(), rows) == {
        "nplg": {"open": 1, "all": 3},
        "onbekend": {"open": 1, "all": 1},
        "water": {"open": 1, "all": 1},
    }
    assert frictions_per_theme(BoardQuery(province="NB"), rows) == {
        "nplg": {"open": 0, "all": 1},
        "water": {"open": 1, "all": 1},
    }
