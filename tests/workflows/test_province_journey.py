"""A province's journey on the real Temporal dev server, recorded in the real event store."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from temporalio.testing import WorkflowEnvironment

from domain.catalog.model import CatalogError
from domain.province import commands as cmd
from domain.shared.commands import Command
from service.commands import CommandRefused
from service.rehearsal import Journey, start_recorded, status_when
from service.starting import start_journeys
from store.eventstore import EventStore


@pytest.fixture
def journey_for(temporal_env: WorkflowEnvironment, worker_queue: str) -> Callable[[str], Journey]:
    return lambda code: Journey(temporal_env.client, worker_queue, code)


async def test_a_full_journey_runs_from_startpakket_to_a_signed_arrangement(
    journey_for: Callable[[str], Journey], store: EventStore
) -> None:
    journey = journey_for("GE")
    assert await journey.start() == "started"
    text_hash = await journey.to_arrangement()
    await journey.send(
        cmd.SignArrangement(actor="m", signatory="minister-vro", text_hash=text_hash)
    )
    result = await journey.send(
        cmd.SignArrangement(actor="g", signatory="gedeputeerde-ge", text_hash=text_hash)
    )
    assert result.events == ["ArrangementSigned", "ArrangementConcluded"]
    assert result.status["phase"] == "getekend"

    stored = await store.read_stream(journey.stream_id)
    types = [e.type for e in stored]
    assert types[0] == "JourneyStarted" and types[-1] == "ArrangementConcluded"
    assert types.count("CheckpointPassed") == 3
    assert "DeadlineMissed" not in types
    assert stored[-1].metadata["workflow_id"] == journey.stream_id
    signed = [e for e in stored if e.type == "ArrangementSigned"]
    assert {e.metadata["actor"] for e in signed} == {"m", "g"}
    assert [e.version for e in stored] == list(range(1, len(stored) + 1))


async def test_a_journey_can_end_in_a_procesafspraak(
    journey_for: Callable[[str], Journey], store: EventStore
) -> None:
    journey = journey_for("GR")
    await journey.start()
    await journey.to_arrangement()
    result = await journey.send(
        cmd.ConcludeProcessAgreement(
            actor="regieteam", text="Onderweg naar het RA", reason="Groningen-opgave"
        )
    )
    assert result.status["phase"] == "procesafspraak"
    assert (await store.read_stream(journey.stream_id))[-1].type == "ProcessAgreementConcluded"


async def test_all_twelve_start_at_once_and_a_second_start_is_reported_not_duplicated(
    temporal_env: WorkflowEnvironment, worker_queue: str, store: EventStore
) -> None:
    journey = Journey(temporal_env.client, worker_queue, "GE")
    client, catalog = temporal_env.client, journey.catalog
    first = await start_journeys(
        client, catalog, actor="r", task_queue=worker_queue, label=journey.label
    )
    assert first == {code: "started" for code in catalog.province_codes}
    again = await start_journeys(
        client, catalog, actor="r", task_queue=worker_queue, label=journey.label
    )
    assert set(again.values()) == {"already running"}
    for code in catalog.province_codes:
        assert (
            await Journey(client, worker_queue, code, catalog, journey.label).start()
        ) == "already running"
        stream_id = f"province-{code}.{journey.label}"
        await start_recorded(client, stream_id)
        assert [e.type for e in await store.read_stream(stream_id)] == ["JourneyStarted"]


@pytest.mark.parametrize(
    ("command", "message"),
    [
        (
            cmd.SubmitReview(actor="x", checkpoint=4, party="programmes", outcome="akkoord"),
            "unknown ijkmoment 4",
        ),
        (
            cmd.SubmitReview(actor="x", checkpoint=1, party="programmes", outcome="akkoord"),
            "no draft in review",
        ),
        (
            cmd.SignArrangement(actor="x", signatory="gedeputeerde-zh", text_hash="0" * 64),
            "not a signatory",
        ),
        (
            cmd.SubmitProposal(actor="gs", document_ref="v", summary="s"),
            "comes after the last ijkmoment",
        ),
        (cmd.WaivePerspective(actor="r", area="lelylijn", reason="x"), "does not build on"),
    ],
)
async def test_bad_input_is_refused_with_a_clear_error_and_nothing_is_recorded(
    journey_for,
    store: EventStore,
    command: Command,
    message: str,
) -> None:
    """Sent the moment the journey starts: judged against the state its start records."""
    journey = journey_for("UT")
    await journey.start()
    with pytest.raises(CommandRefused, match=message):
        await journey.send(command)
    await start_recorded(journey.client, journey.stream_id)
    assert [e.type for e in await store.read_stream(journey.stream_id)] == ["JourneyStarted"]
    history = await journey.client.get_workflow_handle(journey.stream_id).fetch_history()
    assert not any(
        e.HasField("workflow_execution_update_accepted_event_attributes") for e in history.events
    )


async def test_a_review_by_a_party_not_asked_and_a_closed_ijkmoment_are_refused(
    journey_for: Callable[[str], Journey], store: EventStore
) -> None:
    journey = journey_for("LI")
    await journey.start()
    await journey.send(cmd.SubmitDraft(actor="gs", checkpoint=1, document_ref="d", summary="s"))
    version = await store.stream_version(journey.stream_id)
    with pytest.raises(CommandRefused, match="'area:lelylijn' was not asked"):
        await journey.send(
            cmd.SubmitReview(actor="x", checkpoint=1, party="area:lelylijn", outcome="akkoord")
        )
    assert await store.stream_version(journey.stream_id) == version
    await journey.send(
        cmd.CloseCheckpoint(actor="regieteam", checkpoint=1, decision="door", reason="BOL-besluit")
    )
    with pytest.raises(CommandRefused, match="ijkmoment 1 is closed"):
        await journey.send(
            cmd.SubmitReview(actor="x", checkpoint=1, party="programmes", outcome="akkoord")
        )


async def test_signing_refusals_on_a_running_arrangement_record_nothing(
    journey_for: Callable[[str], Journey], store: EventStore
) -> None:
    journey = journey_for("FR")
    await journey.start()
    text_hash = await journey.to_arrangement()
    await journey.send(
        cmd.SignArrangement(actor="m", signatory="minister-vro", text_hash=text_hash)
    )
    version = await store.stream_version(journey.stream_id)
    history = await journey.history_length()
    with pytest.raises(CommandRefused, match="already signed"):
        await journey.send(
            cmd.SignArrangement(actor="m", signatory="minister-vro", text_hash=text_hash)
        )
    with pytest.raises(CommandRefused, match="outdated text"):
        await journey.send(
            cmd.SignArrangement(actor="g", signatory="gedeputeerde-fr", text_hash="a" * 64)
        )
    with pytest.raises(CommandRefused, match="not a signatory"):
        await journey.send(
            cmd.SignArrangement(actor="g", signatory="gedeputeerde-ge", text_hash=text_hash)
        )
    assert await store.stream_version(journey.stream_id) == version
    assert await journey.history_length() == history


async def test_a_submission_after_adoption_is_refused(
    journey_for: Callable[[str], Journey],
) -> None:
    journey = journey_for("DR")
    await journey.start()
    await journey.to_arrangement()
    with pytest.raises(CommandRefused, match="was adopted on"):
        await journey.send(cmd.SubmitProposal(actor="gs", document_ref="v2", summary="s"))


async def test_an_unknown_province_is_refused_by_name_before_anything_starts(
    journey_for: Callable[[str], Journey],
) -> None:
    journey = journey_for("XX")
    with pytest.raises(CatalogError, match="unknown province 'XX'"):
        await journey.start()


async def test_areas_deliver_perspectives_by_message_and_a_coordinator_may_proceed_without_one(
    journey_for,
    store: EventStore,
) -> None:
    journey = journey_for("ZH")
    await journey.start()
    for n in (1, 2, 3):
        await journey.pass_checkpoint(n)
    result = await journey.send(
        cmd.SubmitProposal(
            actor="gs",
            document_ref="v",
            summary="s",
            builds_on=("groene-hart", "rotterdamse-haven"),
        )
    )
    assert result.status["perspectives"]["missing"] == ["groene-hart", "rotterdamse-haven"]
    handle = journey.client.get_workflow_handle(journey.stream_id)
    await handle.signal(
        "perspective_delivered",
        cmd.DeliverPerspective(actor="area:groene-hart", area="groene-hart", document_ref="op-1"),
    )
    await handle.signal(
        "perspective_delivered",
        cmd.DeliverPerspective(actor="area:lelylijn", area="lelylijn", document_ref="op-x"),
    )
    status = await status_when(
        journey.client, journey.stream_id, lambda s: bool(s["perspectives"]["delivered"])
    )
    assert status["perspectives"]["missing"] == ["rotterdamse-haven"]
    with pytest.raises(CommandRefused, match="perspectives still missing: rotterdamse-haven"):
        await journey.send(cmd.AdoptProposal(actor="minister-vro"))
    await journey.send(
        cmd.WaivePerspective(actor="regieteam", area="rotterdamse-haven", reason="volgt in 2026")
    )
    result = await journey.send(cmd.AdoptProposal(actor="minister-vro"))
    assert result.status["phase"] == "arrangement"
    types = [e.type for e in await store.read_stream(journey.stream_id)]
    assert (
        types.count("PerspectiveDelivered") == 1
    )  # the lelylijn message was refused, not recorded
