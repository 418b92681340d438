"""Effective dates in the pure domain: a command says when it happened; never in the future,
never before the process's last effective date unless it is a correction with a reason; a
process entering its history records the deadlines it missed on their due moments, and no
timer judges them."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from config.catalog_file import load_catalog
from domain.catalog.planning import end_of_day, journey_start
from domain.province import commands as cmd
from domain.province.rules import decide, start
from domain.province.state import ProvinceJourney, fold
from domain.shared.commands import RaiseFriction
from domain.shared.deadlines import next_alarm
from domain.shared.effective import (
    AMSTERDAM,
    BackdatedWithoutReason,
    BeforeTheStart,
    FutureDate,
    NothingToCorrect,
    effective_date,
    start_of,
)
from domain.shared.events import DeadlineMissed, Event
from tests.unit.journey import new_id

NOW = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
"""The workflow's now: every catalog date lies before it."""


def dated_start(on: date = date(2022, 12, 12)) -> ProvinceJourney:
    command = journey_start(load_catalog(), "GE", actor="regieteam")
    events = start(
        ProvinceJourney(), command.model_copy(update={"occurred_on": on}), now=NOW, new_id=new_id
    )
    return fold(events)


def run(state: ProvinceJourney, command: cmd.Command) -> tuple[ProvinceJourney, list[Event]]:
    events = decide(state, command, now=NOW, new_id=new_id)
    return fold(events, state), events


def draft(on: date | None, checkpoint: int = 1) -> cmd.SubmitDraft:
    return cmd.SubmitDraft(
        actor="gs-ge",
        checkpoint=checkpoint,
        document_ref=f"GE-{checkpoint}.pdf",
        summary="puzzel",
        occurred_on=on,
    )


def test_a_dated_start_takes_effect_at_the_start_of_its_day_and_says_when_it_was_decided() -> None:
    state = dated_start()
    assert state.clock.first == start_of(date(2022, 12, 12))
    assert state.clock.first.tzinfo == AMSTERDAM and state.clock.dated_until == NOW


def test_a_command_dated_in_the_future_is_refused_and_records_nothing() -> None:
    state = dated_start()
    with pytest.raises(FutureDate, match="occurred_on 2026-11-29 lies in the future"):
        decide(state, draft(date(2026, 11, 29)), now=NOW, new_id=new_id)
    with pytest.raises(FutureDate):
        start(
            ProvinceJourney(),
            journey_start(load_catalog(), "GE", actor="r").model_copy(
                update={"occurred_on": date(2027, 1, 1)}
            ),
            now=NOW,
            new_id=new_id,
        )


def test_a_dated_command_counts_its_times_from_its_own_day() -> None:
    state, events = run(dated_start(), draft(date(2023, 1, 20)))
    assert [e.occurred_on for e in events] == [date(2023, 1, 20)] * 2
    assert all(e.occurred_at == start_of(date(2023, 1, 20)) and e.decided_at == NOW for e in events)
    checkpoint = state.checkpoint(1)
    assert checkpoint is not None and checkpoint.respond_by == start_of(date(2023, 2, 10))
    assert effective_date(events[0]) == date(2023, 1, 20)


def test_backdating_before_the_last_effective_date_without_a_reason_is_refused() -> None:
    state, _ = run(dated_start(), draft(date(2023, 1, 20)))
    friction = RaiseFriction(actor="r", description="Stikstof", occurred_on=date(2023, 1, 5))
    with pytest.raises(BackdatedWithoutReason) as refused:
        decide(state, friction, now=NOW, new_id=new_id)
    assert "last effective date 2023-01-20" in str(refused.value)
    assert "correction_reason" in str(refused.value)


def test_a_correction_with_a_reason_is_recorded_as_such_on_its_own_date() -> None:
    state, _ = run(dated_start(), draft(date(2023, 1, 20)))
    friction = RaiseFriction(
        actor="r",
        description="Stikstof",
        occurred_on=date(2023, 1, 5),
        correction_reason="gemeld in het overleg van 5 januari, later ingevoerd",
    )
    state, events = run(state, friction)
    assert [e.type for e in events] == ["FrictionRaised"]
    assert events[0].occurred_on == date(2023, 1, 5)
    assert events[0].correction_reason == "gemeld in het overleg van 5 januari, later ingevoerd"
    assert state.clock.last_date == date(2023, 1, 20)  # a correction does not wind the clock back


def test_a_correction_reason_without_anything_to_correct_is_refused() -> None:
    state, _ = run(dated_start(), draft(date(2023, 1, 20)))
    with pytest.raises(NothingToCorrect):
        decide(
            state,
            RaiseFriction(actor="r", description="d", correction_reason="x"),
            now=NOW,
            new_id=new_id,
        )


def test_a_correction_before_the_process_began_is_refused() -> None:
    state, _ = run(dated_start(), draft(date(2023, 1, 20)))
    early = RaiseFriction(
        actor="r", description="d", occurred_on=date(2022, 11, 1), correction_reason="te vroeg"
    )
    with pytest.raises(BeforeTheStart):
        decide(state, early, now=NOW, new_id=new_id)


def test_commands_of_one_day_keep_their_order_after_a_later_moment_that_day() -> None:
    state, _ = run(dated_start(), draft(date(2023, 1, 20)))
    live_that_day = state.model_copy(
        update={
            "clock": state.clock.model_copy(
                update={"last": start_of(date(2023, 1, 20)) + timedelta(hours=15)}
            )
        }
    )
    _, events = run(
        live_that_day, RaiseFriction(actor="r", description="d", occurred_on=date(2023, 1, 20))
    )
    assert events[0].occurred_at == start_of(date(2023, 1, 20)) + timedelta(hours=15)


def test_a_dated_command_after_a_due_date_first_records_the_deadline_missed_on_its_due_moment() -> (
    None
):
    state, _ = run(dated_start(), draft(date(2023, 1, 20)))
    parties = state.checkpoint(1).requested  # type: ignore[union-attr]
    review = cmd.SubmitReview(
        actor="r", checkpoint=1, party=parties[0], outcome="akkoord", occurred_on=date(2023, 2, 20)
    )
    state, events = run(state, review)
    missed = events[0]
    assert isinstance(missed, DeadlineMissed) and missed.target == "ijkmoment-1"
    assert missed.occurred_at == end_of_day(date(2023, 2, 15)) and missed.decided_at == NOW
    assert [e.type for e in events[1:]] == ["ReviewSubmitted"]  # no reminder, no escalation
    assert state.deadline("ijkmoment-1").overdue  # type: ignore[union-attr]
    assert state.escalations_requested == 0


def test_no_timer_judges_a_deadline_that_fell_due_in_the_history_being_entered() -> None:
    state, _ = run(dated_start(), draft(date(2023, 1, 20)))
    assert next_alarm(state) is None  # every catalog date lies before NOW
    later = state.model_copy(update={"clock": state.clock.model_copy(update={"dated_until": None})})
    alarm = next_alarm(later)  # without the dated history: ijkmoment 1's reminder is due
    assert alarm is not None and alarm.target == "ijkmoment-1" and alarm.kind == "reminder"


def test_a_live_command_after_a_dated_history_records_what_fell_due_before_it_was_entered() -> None:
    state, _ = run(dated_start(), draft(date(2023, 1, 20)))
    state, events = run(state, RaiseFriction(actor="r", description="Netcongestie"))
    missed = [e.target for e in events if isinstance(e, DeadlineMissed)]
    assert missed == ["ijkmoment-1", "ijkmoment-2", "ijkmoment-3", "voorstel", "arrangement"]
    assert events[-1].type == "FrictionRaised" and events[-1].occurred_at == NOW


def test_a_live_process_without_dated_history_leaves_its_deadlines_to_its_timers() -> None:
    command = journey_start(load_catalog(), "GE", actor="regieteam")
    state = fold(start(ProvinceJourney(), command, now=NOW, new_id=new_id))
    state, events = run(state, RaiseFriction(actor="r", description="Netcongestie"))
    assert [e.type for e in events] == ["FrictionRaised"]
    assert state.clock.dated_until is None and events[0].decided_at is None
    assert next_alarm(state) is not None
