"""Temporal's whole database is lost: every open process is recovered from the event store onto a
new server, and carries on there."""

from __future__ import annotations

import secrets
from datetime import date, timedelta
from pathlib import Path

from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment

from config.binaries import temporal_cli
from domain.area import commands as ac
from domain.escalation.commands import AgreeToProposal, ProposeDecision
from domain.escalation.events import Decision
from domain.shared.commands import ChangeFriction, RaiseFriction
from service.commands import send_escalation_command
from service.recovery import recover_all
from service.rehearsal import Area, Journey, catalog_due_from, start_recorded, status_when
from store.eventstore import EventStore
from store.projections import FOLDINGS
from store.recovery import fold_stream
from worker import build_worker
from workflows import search
from workflows.ids import escalation_workflow_id

DECISION = Decision(kind="schuurpunt beslecht", text="Woningbouw langs het spoor")


async def _dev_server(database: Path) -> WorkflowEnvironment:
    """A dev server of this test's own, on its own SQLite file."""
    return await WorkflowEnvironment.start_local(
        data_converter=pydantic_data_converter,
        dev_server_existing_path=temporal_cli(),
        dev_server_database_filename=str(database),
        search_attributes=list(search.ALL),
        dev_server_extra_args=[
            "--dynamic-config-value",
            "frontend.enableUpdateWorkflowExecution=true",
        ],
    )


async def _halfway(client: Client, queue: str, label: str) -> tuple[Area, list[Journey], str]:
    """Three journeys, the area that spans them with a perspective in review, one ijkmoment
    passed and an escalation waiting for its second member."""
    catalog = catalog_due_from(date.today() + timedelta(days=365))
    area = Area(client, queue, "groene-hart", catalog, label)
    journeys = [Journey(client, queue, code, catalog, label) for code in ("ZH", "UT", "NH")]
    for journey in journeys:
        await journey.start()
        await start_recorded(journey.client, journey.stream_id)
    await area.start()
    await start_recorded(area.client, area.stream_id)
    await area.send(
        ac.DraftPerspective(actor="regio", document_ref="op", summary="s", readiness=90)
    )
    zh = journeys[0]
    await zh.pass_checkpoint(1)
    await zh.send(RaiseFriction(actor="rijk-accountteam", description="Woningbouw versus natuur"))
    await zh.send(ChangeFriction(actor="regieteam", friction_id="S1", status="geëscaleerd"))
    escalation_id = escalation_workflow_id(zh.stream_id, 1)
    await status_when(client, escalation_id, lambda s: s["level"] == 1)
    duo = catalog.province("ZH").civil_duo
    assert duo is not None
    await send_escalation_command(
        client,
        escalation_id,
        ProposeDecision(actor=duo.rijk.id, member=duo.rijk.id, decision=DECISION),
    )
    return area, journeys, escalation_id


async def _matches_the_store(client: Client, store: EventStore, stream_id: str) -> None:
    folded = await fold_stream(store, stream_id)
    expected = FOLDINGS[folded.kind].summarize(folded.state)
    await status_when(client, stream_id, lambda s: s == expected)


async def test_after_temporal_loses_its_database_every_open_process_is_recovered_from_the_store(
    store: EventStore, tmp_path: Path
) -> None:
    database, queue, label = tmp_path / "temporal.db", "novex-lost", secrets.token_hex(3)
    env = await _dev_server(database)
    try:
        async with build_worker(env.client, store, queue):
            area, journeys, escalation_id = await _halfway(env.client, queue, label)
    finally:
        await env.shutdown()
    for file in tmp_path.glob("temporal.db*"):
        file.unlink()

    env = await _dev_server(database)
    try:
        client = env.client
        async with build_worker(client, store, queue):
            outcomes = await recover_all(client, store, task_queue=queue, label=label)
            streams = [area.stream_id, escalation_id, *(j.stream_id for j in journeys)]
            assert outcomes == dict.fromkeys(streams, "recovered")
            assert list(outcomes)[-1] == escalation_id  # parents first
            for stream_id in streams:
                await _matches_the_store(client, store, stream_id)
            again = await recover_all(client, store, task_queue=queue, label=label)
            assert set(again.values()) == {"already running"}
            area = Area(client, queue, area.area_id, area.catalog, label)
            await _carry_on(client, area, journeys, escalation_id)
    finally:
        await env.shutdown()


async def _carry_on(
    client: Client, area: Area, journeys: list[Journey], escalation_id: str
) -> None:
    """On the new server: the escalation decides for its journey, the journey passes its next
    ijkmoment, the area adopts its perspective and delivers it to all three journeys."""
    zh = Journey(client, area.queue, "ZH", area.catalog, area.label)
    duo = area.catalog.province("ZH").civil_duo
    assert duo is not None
    member = duo.region.id
    await send_escalation_command(
        client, escalation_id, AgreeToProposal(actor=member, member=member, proposal_id="P1")
    )
    await status_when(client, zh.stream_id, lambda s: s["open_frictions"] == [])
    await zh.pass_checkpoint(2)
    status = await area.status()
    for party in status["perspective"]["missing_reviews"]:
        await area.send(ac.ReviewPerspective(actor=party, party=party, outcome="akkoord"))
    await area.send(ac.AdoptPerspective(actor="duo"))
    await status_when(client, area.stream_id, lambda s: len(s["perspective"]["delivered_to"]) == 3)
    for journey in journeys:
        await status_when(
            client, journey.stream_id, lambda s: s["perspectives"]["delivered"] == ["groene-hart"]
        )
