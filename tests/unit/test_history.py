"""A history as data, in the pure domain and the file: recorded all or nothing, refused at the
command that breaks a rule; read back from events as the commands given (consequences and the
processes' own work left out); read from YAML and CSV with the line of every command."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest

from config.catalog_file import load_catalog
from domain.catalog.planning import journey_start
from domain.province import commands as cmd
from domain.province.history import journey_history
from domain.province.rules import decide, start
from domain.province.state import ProvinceJourney, fold
from domain.shared.commands import IssueReminder
from domain.shared.errors import NotAuthorized
from domain.shared.history import HistoryRefused
from service.history_file import HistoryFileError, read_csv, read_yaml

NOW = datetime(2026, 11, 28, 9, tzinfo=UTC)


def _started() -> ProvinceJourney:
    begin = journey_start(load_catalog(), "GE", actor="r").model_copy(
        update={"occurred_on": date(2022, 12, 12)}
    )
    return fold(start(ProvinceJourney(), begin, now=NOW, new_id=uuid.uuid4))


def _review(party: str, on: date, outcome: str = "akkoord", **more: str) -> cmd.SubmitReview:
    return cmd.SubmitReview(
        actor="r", checkpoint=1, party=party, outcome=outcome, occurred_on=on, **more
    )


DRAFT = cmd.SubmitDraft(
    actor="r", checkpoint=1, document_ref="d", summary="s", occurred_on=date(2023, 1, 20)
)


def test_a_history_is_refused_at_the_command_that_breaks_a_rule_and_records_nothing() -> None:
    history = cmd.ProvinceHistory(
        actor="r", commands=(DRAFT, _review("stikstofraad", date(2023, 2, 1)))
    )
    with pytest.raises(HistoryRefused) as refused:
        decide(_started(), history, now=NOW, new_id=uuid.uuid4)
    assert refused.value.index == 1 and isinstance(refused.value.cause, NotAuthorized)
    assert str(refused.value).startswith("command 2 (SubmitReview) refused by rule NotAuthorized")


def test_a_history_holds_no_undated_command_and_none_of_the_processes_own_work() -> None:
    undated = cmd.ProvinceHistory(
        actor="r", commands=(DRAFT.model_copy(update={"occurred_on": None}),)
    )
    with pytest.raises(HistoryRefused, match="says when it happened"):
        decide(_started(), undated, now=NOW, new_id=uuid.uuid4)
    reminder = IssueReminder(actor="r", target="ijkmoment-1", occurred_on=date(2023, 2, 1))
    own = cmd.ProvinceHistory(actor="r", commands=(reminder,))
    with pytest.raises(HistoryRefused, match="own work"):
        decide(_started(), own, now=NOW, new_id=uuid.uuid4)


def test_a_history_read_back_from_its_events_gives_the_commands_given_and_no_consequence() -> None:
    parties = ("rijk-accountteam", "programmes", "area:arnhem-nijmegen-foodvalley")
    friction = _review("area:regio-zwolle", date(2023, 2, 20), "schuurpunt", remarks="Stikstof")
    reviews = (*(_review(p, date(2023, 2, 1)) for p in parties), friction)
    history = cmd.ProvinceHistory(actor="r", commands=(DRAFT, *reviews))
    state = _started()
    events = start(
        ProvinceJourney(),
        journey_start(load_catalog(), "GE", actor="r").model_copy(
            update={"occurred_on": date(2022, 12, 12)}
        ),
        now=NOW,
        new_id=uuid.uuid4,
    )
    recorded = decide(state, history, now=NOW, new_id=uuid.uuid4)
    types = [e.type for e in recorded]
    assert {"ReviewRequested", "FrictionRaised", "DeadlineMissed"} <= set(types)
    assert types.index("DeadlineMissed") > types.index("ReviewSubmitted")  # due before Feb 20
    started, found = journey_history([*events, *recorded])
    assert started == date(2022, 12, 12)
    assert [(e.type, e.on) for e in found] == [
        ("SubmitDraft", date(2023, 1, 20)),
        *[("SubmitReview", date(2023, 2, 1))] * 3,
        ("SubmitReview", date(2023, 2, 20)),
    ]
    assert found[-1].fields["remarks"] == "Stikstof"
    assert fold(recorded, state).open_frictions(1)[0].raised_by == "area:regio-zwolle"


YAML = """\
history:
  - process: area-de-peel
    started: 2023-01-02
    commands:
      - {date: 2023-01-20, type: DraftPerspective, document_ref: p1, summary: s, readiness: 50}
      - date: 2023-02-01
        type: StartAction
        action_id: a1
        on: 2023-02-01
"""


def test_a_yaml_history_names_the_line_of_every_command_and_reads_a_bare_on() -> None:
    (block,) = read_yaml("h.yaml", YAML)
    assert (block.process, block.started, block.started_line) == (
        "area-de-peel",
        date(2023, 1, 2),
        2,
    )
    assert [(line.number, line.type) for line in block.lines] == [
        (5, "DraftPerspective"),
        (6, "StartAction"),
    ]
    assert block.lines[1].fields == {"action_id": "a1", "on": date(2023, 2, 1)}
    with pytest.raises(HistoryFileError, match=r"h.yaml:5: date is no date"):
        read_yaml("h.yaml", YAML.replace("date: 2023-01-20", "date: gisteren"))
    with pytest.raises(HistoryFileError, match=r"h.yaml:1: a history file holds"):
        read_yaml("h.yaml", "- process: x\n")


def test_a_csv_history_has_a_row_per_command_and_a_start_row() -> None:
    text = (
        "process,date,type,checkpoint\n"
        "province-GE,2023-01-02,start,\n"
        "province-GE,2023-01-20,CloseCheckpoint,1\n"
    )
    (block,) = read_csv("h.csv", text)
    assert block.started == date(2023, 1, 2) and block.started_line == 2
    assert [(line.number, line.type, line.fields) for line in block.lines] == [
        (3, "CloseCheckpoint", {"checkpoint": "1"})
    ]
    with pytest.raises(HistoryFileError, match=r"h\.csv:1: columns missing: date"):
        read_csv("h.csv", "process,type\n")
