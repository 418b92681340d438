"""Effective dates through the real workflows: a journey entered on past dates (the shipped
catalog's 2023 deadlines lie behind it) records exactly what its commands say — its timers do
not fire reminders, overdue or escalations for the history being entered — and a deadline
passed in that history is recorded as missed on its due date, once. Every test waits for a
definite condition (an update's answer, the stream's version), never for time to pass."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from temporalio.testing import WorkflowEnvironment

from config.catalog_file import load_catalog
from domain.catalog.planning import end_of_day
from domain.province import commands as cmd
from domain.shared.commands import RaiseFriction
from domain.shared.effective import start_of
from notify.outbox import list_notifications
from service.commands import CommandRefused, StartWith, send_command
from service.rehearsal import Journey, start_recorded
from service.starting import start_journeys
from store.eventstore import EventStore
from tests.workflows.histories import keep_recorded

STARTED = date(2022, 12, 12)


async def _entered(env: WorkflowEnvironment, queue: str, code: str) -> Journey:
    """A journey started on a past date from the shipped catalog (deadlines in 2023)."""
    journey = Journey(env.client, queue, code, load_catalog())
    outcome = await start_journeys(
        env.client,
        journey.catalog,
        actor="regieteam",
        task_queue=queue,
        codes=[code],
        label=journey.label,
        occurred_on=STARTED,
    )
    assert outcome == {code: "started"}
    await start_recorded(env.client, journey.stream_id)
    return journey


def _draft(on: date | None) -> cmd.SubmitDraft:
    return cmd.SubmitDraft(
        actor="gs", checkpoint=1, document_ref="d1", summary="puzzel", occurred_on=on
    )


async def test_a_journey_entered_on_past_dates_records_only_what_its_commands_say(
    temporal_env: WorkflowEnvironment, worker_queue: str, store: EventStore
) -> None:
    journey = await _entered(temporal_env, worker_queue, "FL")
    result = await journey.send(_draft(date(2023, 1, 20)))
    assert result.events == ["DraftSubmitted", "ReviewRequested"]
    assert result.version == 3  # nothing fired between the start and the draft
    assert result.status["next_alarm"] is None  # nor will anything: every deadline is history
    assert result.status["overdue"] == []
    stored = await store.read_stream(journey.stream_id)
    assert [e.data["occurred_on"] for e in stored] == ["2022-12-12", "2023-01-20", "2023-01-20"]
    assert stored[0].data["occurred_at"] == start_of(STARTED).isoformat()
    assert all(e.data["decided_at"] is not None for e in stored)
    notified = await list_notifications(store.engine, limit=10_000)
    assert not [n for n in notified if n["stream_id"] == journey.stream_id]  # history, not news


async def test_a_deadline_passed_in_the_history_is_recorded_missed_on_its_due_date_once(
    temporal_env: WorkflowEnvironment, worker_queue: str, store: EventStore
) -> None:
    journey = await _entered(temporal_env, worker_queue, "UT")
    await journey.send(_draft(date(2023, 1, 20)))
    review = cmd.SubmitReview(
        actor="p",
        checkpoint=1,
        party="programmes",
        outcome="akkoord",
        occurred_on=date(2023, 2, 20),
    )
    result = await journey.send(review)
    assert result.events == ["DeadlineMissed", "ReviewSubmitted"]  # no reminder, no escalation
    assert result.version == 5 and result.status["overdue"] == ["ijkmoment-1"]
    missed = (await store.read_stream(journey.stream_id))[3]
    assert missed.data["occurred_at"] == end_of_day(date(2023, 2, 15)).isoformat()
    assert missed.data["occurred_on"] == "2023-02-15"


async def test_a_future_date_and_an_unreasoned_backdate_are_refused_and_record_nothing(
    temporal_env: WorkflowEnvironment, worker_queue: str, store: EventStore
) -> None:
    journey = await _entered(temporal_env, worker_queue, "ZE")
    await journey.send(_draft(date(2023, 1, 20)))
    tomorrow = datetime.now(UTC).date() + timedelta(days=2)
    with pytest.raises(CommandRefused, match="lies in the future") as future:
        await journey.send(RaiseFriction(actor="r", description="d", occurred_on=tomorrow))
    assert future.value.kind == "FutureDate"
    early = RaiseFriction(actor="r", description="Stikstof", occurred_on=date(2023, 1, 5))
    with pytest.raises(CommandRefused, match="correction_reason") as backdated:
        await journey.send(early)
    assert backdated.value.kind == "BackdatedWithoutReason"
    assert await store.stream_version(journey.stream_id) == 3
    reasoned = early.model_copy(update={"correction_reason": "vergeten in te voeren"})
    assert (await journey.send(reasoned)).events == ["FrictionRaised"]
    corrected = (await store.read_stream(journey.stream_id))[-1]
    assert corrected.data["correction_reason"] == "vergeten in te voeren"
    assert corrected.data["occurred_on"] == "2023-01-05"


async def test_a_dated_first_command_starts_its_journey_on_the_same_date(
    temporal_env: WorkflowEnvironment, worker_queue: str, store: EventStore
) -> None:
    journey = Journey(temporal_env.client, worker_queue, "LI", load_catalog())
    start = StartWith(journey.catalog, worker_queue, "regieteam")
    result = await send_command(
        journey.client, "LI", _draft(date(2023, 1, 20)), journey.label, start=start
    )
    assert result.version == 3 and result.status["next_alarm"] is None
    stored = await store.read_stream(journey.stream_id)
    assert {e.data["occurred_on"] for e in stored} == {"2023-01-20"}


async def test_a_history_starts_its_journey_on_its_date_and_is_recorded_in_one_append(
    temporal_env: WorkflowEnvironment, worker_queue: str, store: EventStore
) -> None:
    journey = Journey(temporal_env.client, worker_queue, "NH", load_catalog())
    start = StartWith(journey.catalog, worker_queue, "regieteam", on=STARTED)
    review = cmd.SubmitReview(
        actor="regieteam",
        checkpoint=1,
        party="programmes",
        outcome="akkoord",
        occurred_on=date(2023, 2, 1),
    )
    history = cmd.ProvinceHistory(actor="regieteam", commands=(_draft(date(2023, 1, 20)), review))
    result = await send_command(
        journey.client, "NH", history, journey.label, key="history:province-NH:2:x", start=start
    )
    stored = await store.read_stream(journey.stream_id)
    assert [e.type for e in stored][:4] == [
        "JourneyStarted",
        "DraftSubmitted",
        "ReviewRequested",
        "ReviewSubmitted",
    ]
    assert result.version == len(stored) and result.status["next_alarm"] is None
    assert {e.recorded_at for e in stored[1:]} == {stored[1].recorded_at}  # one append
    assert {e.metadata["idempotency_key"] for e in stored} == {"history:province-NH:2:x"}
    fetched = await journey.client.get_workflow_handle(journey.stream_id).fetch_history()
    await keep_recorded("province__history_imported", fetched)
