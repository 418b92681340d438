"""Months-long deadlines under the time-skipping server: reminders, overdue, moved due dates."""

from __future__ import annotations

from datetime import UTC, timedelta

from temporalio.testing import WorkflowEnvironment

from domain.shared import commands as cmd
from notify.outbox import list_notifications
from service.rehearsal import Journey, catalog_due_from
from store.eventstore import EventStore


async def _types(store: EventStore, stream: str) -> list[tuple[str, str | None]]:
    return [(e.type, e.data.get("target")) for e in await store.read_stream(stream)]


async def _journey(env: WorkflowEnvironment, queue: str, code: str) -> Journey:
    now = await env.get_current_time()
    journey = Journey(env.client, queue, code, catalog_due_from(now.date() + timedelta(days=100)))
    await journey.start()
    return journey


async def test_a_reminder_comes_before_the_due_date_and_overdue_after_it(
    skipping_env: WorkflowEnvironment, skipping_queue: str, store: EventStore
) -> None:
    journey = await _journey(skipping_env, skipping_queue, "OV")
    await skipping_env.sleep(timedelta(days=150))  # ijkmoment 1 is due at +160 days, lead 14
    events = await _types(store, journey.stream_id)
    assert ("ReminderIssued", "ijkmoment-1") in events
    assert ("DeadlineMissed", "ijkmoment-1") not in events
    await skipping_env.sleep(timedelta(days=12))
    events = await _types(store, journey.stream_id)
    assert ("DeadlineMissed", "ijkmoment-1") in events
    assert ("EscalationRequested", None) in events
    status = await journey.client.get_workflow_handle(journey.stream_id).query("status")
    assert status["overdue"] == ["ijkmoment-1"]
    kinds = {
        (n["kind"], n["recipient"])
        for n in await list_notifications(store.engine, limit=10_000)
        if n["stream_id"] == journey.stream_id
    }
    assert {("reminder", "province:OV"), ("overdue", "regieteam")} <= kinds


async def test_a_moved_due_date_re_arms_the_timers(
    skipping_env: WorkflowEnvironment, skipping_queue: str, store: EventStore
) -> None:
    journey = await _journey(skipping_env, skipping_queue, "NB")
    now = await skipping_env.get_current_time()
    new_due = (now + timedelta(days=300)).astimezone(UTC)
    await journey.send(
        cmd.MoveDueDate(actor="regieteam", target="ijkmoment-1", due=new_due, reason="uitstel")
    )
    await skipping_env.sleep(timedelta(days=200))  # past the old due date (+160)
    events = await _types(store, journey.stream_id)
    assert ("DeadlineMissed", "ijkmoment-1") not in events
    assert ("ReminderIssued", "ijkmoment-1") not in events
    await skipping_env.sleep(timedelta(days=90))  # +290: within the 14-day lead of +300
    assert ("ReminderIssued", "ijkmoment-1") in await _types(store, journey.stream_id)
    await skipping_env.sleep(timedelta(days=15))
    assert ("DeadlineMissed", "ijkmoment-1") in await _types(store, journey.stream_id)


async def test_a_completed_step_stops_its_timers(
    skipping_env: WorkflowEnvironment, skipping_queue: str, store: EventStore
) -> None:
    journey = await _journey(skipping_env, skipping_queue, "ZE")
    await journey.pass_checkpoint(1)
    await skipping_env.sleep(timedelta(days=170))
    events = await _types(store, journey.stream_id)
    assert ("DeadlineMissed", "ijkmoment-1") not in events
    assert ("ReminderIssued", "ijkmoment-2") not in events  # due at +220
