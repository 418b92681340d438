"""An external milestone an area learns of late is recorded on the day it was reached: dated,
a correction when the area recorded later things since, never before the area began — and the
rules accept what it gives."""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, date, datetime

from config.catalog_file import load_catalog
from domain.area import commands as ac
from domain.area.agenda import External, voorstel_province, voorstel_ref
from domain.area.late_milestones import TOLD_LATE, learned_milestone
from domain.area.rules import decide, start
from domain.area.state import AreaProcess, evolve
from domain.catalog.planning import area_start
from domain.shared.commands import Command
from domain.shared.effective import day_of

STARTED = datetime(2023, 6, 1, 9, 0, tzinfo=UTC)
NOW = datetime(2026, 11, 28, 10, 0, tzinfo=UTC)
REF = voorstel_ref("LI")
PROVINCE = "province-LI"
_ids = itertools.count(1)


def _new_id() -> uuid.UUID:
    return uuid.UUID(int=next(_ids))


def _run(state: AreaProcess, command: Command, now: datetime = NOW) -> AreaProcess:
    for event in decide(state, command, now=now, new_id=_new_id):
        state = evolve(state, event)
    return state


def _waiting(recorded_on: date | None) -> AreaProcess:
    """An area begun in 2023 whose agenda waits for Limburg's voorstel, recorded on that day
    (None: today)."""
    state = AreaProcess()
    begin = area_start(load_catalog(), "zuid-limburg", actor="r")
    begin = begin.model_copy(update={"occurred_on": STARTED.date()})
    for event in start(state, begin, now=NOW, new_id=_new_id):
        state = evolve(state, event)
    milestone = External(ref=REF, expected=date(2025, 1, 1))
    recorded = ac.RecordExternalMilestone(actor="r", milestone=milestone, occurred_on=recorded_on)
    return _run(state, recorded)


def test_a_voorstel_ref_names_its_province_and_an_area_action_names_none() -> None:
    assert voorstel_province(voorstel_ref("GR")) == "GR"
    assert voorstel_province("province:gr/voorstel") == "gr"
    assert voorstel_province("area:lelylijn/bouw") is None
    assert voorstel_province("province:GR/arrangement") is None


def test_a_milestone_reached_after_the_area_last_recorded_is_dated_on_its_day() -> None:
    state = _waiting(date(2023, 9, 1))
    command = learned_milestone(state, REF, date(2024, 3, 1), PROVINCE, now=NOW)
    assert command is not None
    assert (command.on, command.occurred_on, command.correction_reason) == (
        date(2024, 3, 1),
        date(2024, 3, 1),
        None,
    )
    assert command.actor == PROVINCE
    done = _run(state, command)
    assert done.externals[REF] == External(ref=REF, expected=date(2024, 3, 1), done=True)
    assert done.clock.last is not None and day_of(done.clock.last) == date(2024, 3, 1)


def test_a_milestone_reached_before_what_the_area_recorded_since_is_a_reasoned_correction() -> None:
    state = _waiting(None)  # recorded today
    command = learned_milestone(state, REF, date(2024, 3, 1), PROVINCE, now=NOW)
    assert command is not None and command.occurred_on == date(2024, 3, 1)
    assert command.correction_reason == (
        "province:LI/voorstel bereikt op 2024-03-01; later vernomen uit de event store"
    )
    assert _run(state, command).externals[REF].done


def test_a_milestone_told_by_the_province_gives_that_as_its_correction_reason() -> None:
    state = _waiting(None)  # recorded today
    told = learned_milestone(state, REF, date(2024, 3, 1), PROVINCE, now=NOW, reason=TOLD_LATE)
    assert told is not None and told.occurred_on == date(2024, 3, 1)
    assert told.correction_reason == (
        "province:LI/voorstel bereikt op 2024-03-01; later gemeld door de provincie"
    )
    assert _run(state, told).externals[REF].done


def test_a_milestone_reached_before_the_area_began_takes_effect_on_its_first_day() -> None:
    state = _waiting(None)
    command = learned_milestone(state, REF, date(2022, 12, 1), PROVINCE, now=NOW)
    assert command is not None
    assert (command.on, command.occurred_on) == (date(2022, 12, 1), STARTED.date())
    done = _run(state, command)
    assert done.externals[REF].expected == date(2022, 12, 1)


def test_a_milestone_reached_today_takes_effect_now() -> None:
    state = _waiting(None)
    command = learned_milestone(state, REF, NOW.date(), PROVINCE, now=NOW)
    assert command is not None and command.occurred_on is None
    assert command.correction_reason is None
    assert _run(state, command).externals[REF].done


def test_a_milestone_the_agenda_does_not_wait_for_or_has_reached_gives_no_command() -> None:
    state = _waiting(None)
    assert learned_milestone(state, voorstel_ref("GR"), date(2024, 3, 1), "x", now=NOW) is None
    done = _run(state, ac.CompleteExternal(actor="r", ref=REF, on=date(2024, 3, 1)))
    assert learned_milestone(done, REF, date(2024, 3, 1), PROVINCE, now=NOW) is None
