"""Scripted journeys along every way a province's journey ends — signed, refused, a
procesafspraak, amended in a new run — each keeping its history in the replay corpus."""

from __future__ import annotations

from typing import Any

from temporalio.client import WorkflowHistory
from temporalio.testing import WorkflowEnvironment

from domain.province import commands as cmd
from domain.shared.commands import ChangeFriction, RaiseFriction
from service.rehearsal import AGREEMENTS, Journey
from tests.workflows.histories import keep_recorded


async def _history(journey: Journey, run_id: str | None = None) -> WorkflowHistory:
    return await journey.client.get_workflow_handle(
        journey.stream_id, run_id=run_id
    ).fetch_history()


def _signatories(journey: Journey) -> list[str]:
    own = journey.catalog.province(journey.code).signatory
    assert own is not None
    return [own.id, journey.catalog.rijk_signatory.id]


async def _signed(journey: Journey) -> dict[str, Any]:
    """Start, a schuurpunt with its programme resolved, three ijkmomenten, voorstel, signed."""
    await journey.start()
    await journey.send(
        RaiseFriction(
            actor="rijk-accountteam",
            description="Woningbouw versus geluidszone",
            checkpoint=1,
            theme="woningbouw",
        )
    )
    await journey.send(ChangeFriction(actor="regieteam", friction_id="S1", status="opgelost"))
    text_hash = await journey.to_arrangement()
    result = None
    for signatory in _signatories(journey):
        result = await journey.send(
            cmd.SignArrangement(actor=signatory, signatory=signatory, text_hash=text_hash)
        )
    assert result is not None
    return result.status


async def test_a_journey_signs_its_arrangement(
    temporal_env: WorkflowEnvironment, worker_queue: str
) -> None:
    journey = Journey(temporal_env.client, worker_queue, "NB")
    status = await _signed(journey)
    assert status["phase"] == "getekend" and status["arrangement"]["signed"]
    await keep_recorded("province__signed", await _history(journey))


async def test_a_signatory_refuses_the_arrangement(
    temporal_env: WorkflowEnvironment, worker_queue: str
) -> None:
    journey = Journey(temporal_env.client, worker_queue, "LI")
    await journey.start()
    await journey.to_arrangement()
    minister = journey.catalog.rijk_signatory.id
    result = await journey.send(
        cmd.RefuseArrangement(actor=minister, signatory=minister, reason="Afspraken te vaag")
    )
    assert result.events == ["ArrangementRefused"] and result.status["arrangement"]["refused"]
    await keep_recorded("province__refused", await _history(journey))


async def test_a_journey_ends_in_a_procesafspraak(
    temporal_env: WorkflowEnvironment, worker_queue: str
) -> None:
    journey = Journey(temporal_env.client, worker_queue, "GR")
    await journey.start()
    await journey.to_arrangement()
    result = await journey.send(
        cmd.ConcludeProcessAgreement(
            actor="regieteam", text="Onderweg naar het arrangement", reason="Groningen-opgave"
        )
    )
    assert result.status["phase"] == "procesafspraak"
    await keep_recorded("province__procesafspraak", await _history(journey))


async def test_a_signed_arrangement_is_amended_in_a_new_run_that_signs_again(
    temporal_env: WorkflowEnvironment, worker_queue: str
) -> None:
    journey = Journey(temporal_env.client, worker_queue, "ZH")
    await _signed(journey)
    handle = journey.client.get_workflow_handle(journey.stream_id)
    first_run = (await handle.describe()).run_id
    await journey.send(cmd.StartAmendment(actor="regieteam", reason="Nieuwe opgave defensie"))
    first = await _history(journey, first_run)
    assert any(
        e.HasField("workflow_execution_continued_as_new_event_attributes") for e in first.events
    )
    drafted = await journey.send(
        cmd.DraftArrangement(actor="regieteam", text="Arrangement, ronde 2", agreements=AGREEMENTS)
    )
    text_hash = drafted.status["arrangement"]["text_hash"]
    for signatory in _signatories(journey):
        result = await journey.send(
            cmd.SignArrangement(actor=signatory, signatory=signatory, text_hash=text_hash)
        )
    assert result.status["round"] == 2 and result.status["phase"] == "getekend"
    assert (await handle.describe()).run_id != first_run
    await keep_recorded("province__amendment_first_run", first)
    await keep_recorded("province__amendment_next_run", await _history(journey))
