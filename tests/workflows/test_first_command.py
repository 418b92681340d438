"""Start and first command together (update-with-start): a command to a process that is not there
yet starts it and is recorded right after its start; a refused one starts nothing; a closed
process is not reopened by a command."""

from __future__ import annotations

import pytest
from temporalio.service import RPCError, RPCStatusCode
from temporalio.testing import WorkflowEnvironment

from domain.area import commands as ac
from domain.province import commands as cmd
from service.commands import CommandRefused, StartWith, send_area_command, send_command
from service.rehearsal import Area, Journey
from store.eventstore import EventStore
from tests.workflows.histories import keep_recorded


async def test_a_command_to_a_journey_not_yet_there_starts_it_and_lands_right_after_its_start(
    temporal_env: WorkflowEnvironment, worker_queue: str, store: EventStore
) -> None:
    journey = Journey(temporal_env.client, worker_queue, "FR")
    start = StartWith(journey.catalog, worker_queue, "regieteam")
    draft = cmd.SubmitDraft(actor="gs", checkpoint=1, document_ref="d1", summary="s")
    result = await send_command(journey.client, "FR", draft, journey.label, start=start)
    assert result.events == ["DraftSubmitted", "ReviewRequested"]
    assert result.status["phase"] == "ijkmoment 1"
    stored = await store.read_stream(journey.stream_id)
    assert [e.type for e in stored] == ["JourneyStarted", "DraftSubmitted", "ReviewRequested"]
    assert stored[0].metadata["actor"] == "regieteam" and stored[1].metadata["actor"] == "gs"
    again = await send_command(  # now it runs: the command simply goes to it
        journey.client,
        "FR",
        cmd.SubmitReview(actor="p", checkpoint=1, party="programmes", outcome="akkoord"),
        journey.label,
        start=start,
    )
    assert again.events == ["ReviewSubmitted"]
    history = await journey.client.get_workflow_handle(journey.stream_id).fetch_history()
    await keep_recorded("province__first_command_with_its_start", history)


async def test_an_area_command_starts_the_area_with_it(
    temporal_env: WorkflowEnvironment, worker_queue: str, store: EventStore
) -> None:
    area = Area(temporal_env.client, worker_queue, "groene-hart")
    start = StartWith(area.catalog, worker_queue, "regieteam")
    draft = ac.DraftPerspective(actor="regio", document_ref="op", summary="s", readiness=60)
    result = await send_area_command(area.client, area.area_id, draft, area.label, start=start)
    assert result.events[0] == "PerspectiveDrafted"
    stored = await store.read_stream(area.stream_id)
    assert [e.type for e in stored][:2] == ["AreaStarted", "PerspectiveDrafted"]


async def test_a_refused_first_command_starts_nothing_and_records_nothing(
    temporal_env: WorkflowEnvironment, worker_queue: str, store: EventStore
) -> None:
    journey = Journey(temporal_env.client, worker_queue, "DR")
    start = StartWith(journey.catalog, worker_queue, "regieteam")
    review = cmd.SubmitReview(actor="p", checkpoint=1, party="programmes", outcome="akkoord")
    with pytest.raises(CommandRefused, match="no draft in review"):
        await send_command(journey.client, "DR", review, journey.label, start=start)
    with pytest.raises(RPCError) as missing:
        await journey.client.get_workflow_handle(journey.stream_id).describe()
    assert missing.value.status is RPCStatusCode.NOT_FOUND
    assert await store.read_stream(journey.stream_id) == []


async def test_without_leave_to_start_a_command_to_a_journey_not_there_is_refused(
    temporal_env: WorkflowEnvironment, worker_queue: str
) -> None:
    journey = Journey(temporal_env.client, worker_queue, "OV")
    draft = cmd.SubmitDraft(actor="gs", checkpoint=1, document_ref="d1", summary="s")
    with pytest.raises(CommandRefused, match="is not running") as refused:
        await journey.send(draft)
    assert refused.value.kind == "NotRunning"


async def test_a_command_does_not_reopen_a_closed_journey(
    temporal_env: WorkflowEnvironment, worker_queue: str, store: EventStore
) -> None:
    journey = Journey(temporal_env.client, worker_queue, "FL")
    await journey.start()
    await journey.send(cmd.SubmitDraft(actor="gs", checkpoint=1, document_ref="d", summary="s"))
    await journey.client.get_workflow_handle(journey.stream_id).terminate("test")
    start = StartWith(journey.catalog, worker_queue, "regieteam")
    review = cmd.SubmitReview(actor="p", checkpoint=1, party="programmes", outcome="akkoord")
    with pytest.raises(CommandRefused, match="is not running"):
        await send_command(journey.client, "FL", review, journey.label, start=start)
    assert [e.type for e in await store.read_stream(journey.stream_id)][-1] == "ReviewRequested"
