"""Recorded histories replay against today's workflow code: a change that breaks running
processes fails the build. Only checked-in histories (tests/histories/) are replayed: a history
replays in the process that produced it by construction. The scenarios below record them; re-record
with NOVEX_RECORD_HISTORIES=1 only for a deliberate, patched change, and check the files in."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from temporalio.testing import WorkflowEnvironment

from domain.area import commands as ac
from domain.area.agenda import Action
from domain.escalation.commands import AgreeToProposal, ProposeDecision
from domain.escalation.events import Decision
from domain.province import commands as cmd
from domain.shared.commands import ChangeFriction, RaiseFriction
from service.commands import send_escalation_command
from service.rehearsal import Area, Journey, status_when
from tests.workflows.histories import HISTORIES, load, replay_recorded, replayer
from workflows.ids import escalation_workflow_id


@pytest.mark.parametrize("path", sorted(HISTORIES.glob("*.json")), ids=lambda p: p.stem)
async def test_a_recorded_history_replays_without_nondeterminism(path: Path) -> None:
    result = await replayer().replay_workflow(load(path), raise_on_replay_failure=True)
    assert result.replay_failure is None


def test_there_is_a_recorded_history_for_every_workflow() -> None:
    recorded = {p.stem.split("__")[0] for p in HISTORIES.glob("*.json")}
    assert {"province", "area", "escalation"} <= recorded


async def test_a_journey_with_an_amendment_continues_as_new_and_its_recorded_history_replays(
    temporal_env: WorkflowEnvironment, worker_queue: str
) -> None:
    journey = Journey(temporal_env.client, worker_queue, "ZH")
    await journey.start()
    await journey.send(
        RaiseFriction(
            actor="rijk-accountteam", description="Woningbouw versus geluidszone", checkpoint=1
        )
    )
    await journey.send(
        ChangeFriction(actor="duo", friction_id="S1", status="opgelost", note="keuze gemaakt")
    )
    text_hash = await journey.to_arrangement()
    for signatory in ("gedeputeerde-zh", "minister-vro"):
        await journey.send(
            cmd.SignArrangement(actor=signatory, signatory=signatory, text_hash=text_hash)
        )
    handle = temporal_env.client.get_workflow_handle(journey.stream_id)
    first_run = await handle.describe()
    await journey.send(cmd.StartAmendment(actor="regieteam", reason="Nieuwe opgave defensie"))
    history = await temporal_env.client.get_workflow_handle(
        journey.stream_id, run_id=first_run.run_id
    ).fetch_history()
    assert any(
        e.HasField("workflow_execution_continued_as_new_event_attributes") for e in history.events
    )
    status = await handle.query("status")
    assert status["round"] == 2 and status["phase"] == "arrangement"
    await replay_recorded("province__full_journey_with_amendment", history)


async def test_an_area_delivers_its_adopted_perspective_and_its_recorded_history_replays(
    temporal_env: WorkflowEnvironment, worker_queue: str
) -> None:
    area = Area(temporal_env.client, worker_queue, "de-peel")
    journeys = [
        Journey(area.client, worker_queue, c, area.catalog, area.label) for c in ("NB", "LI")
    ]
    for journey in journeys:
        await journey.start()
    await area.start()
    result = await area.send(
        ac.DraftPerspective(actor="regio", document_ref="op", summary="s", readiness=95)
    )
    for party in result.status["perspective"]["missing_reviews"]:
        await area.send(ac.ReviewPerspective(actor=party, party=party, outcome="akkoord"))
    await area.send(
        ac.AddAction(
            actor="r",
            action=Action(
                id="a1",
                title="Natuurherstel",
                owner="waterschap",
                planned_start=date(2030, 1, 1),
                planned_end=date(2030, 6, 1),
            ),
        )
    )
    await area.send(ac.AdoptPerspective(actor="duo"))
    await status_when(
        area.client, area.stream_id, lambda s: len(s["perspective"]["delivered_to"]) == 2
    )
    history = await temporal_env.client.get_workflow_handle(area.stream_id).fetch_history()
    await replay_recorded("area__perspective_delivered", history)


async def test_an_escalation_decides_for_its_parent_and_both_recorded_histories_replay(
    temporal_env: WorkflowEnvironment, worker_queue: str
) -> None:
    journey = Journey(temporal_env.client, worker_queue, "NH")
    await journey.start()
    await journey.send(RaiseFriction(actor="programmes", description="Energienet versus natuur"))
    await journey.send(ChangeFriction(actor="regieteam", friction_id="S1", status="geëscaleerd"))
    escalation_id = escalation_workflow_id(journey.stream_id, 1)
    handle = temporal_env.client.get_workflow_handle(escalation_id)
    await status_when(temporal_env.client, escalation_id, lambda s: bool(s["level"]))
    decision = Decision(kind="schuurpunt beslecht", text="Tracé langs de A7")
    await send_escalation_command(
        temporal_env.client,
        escalation_id,
        ProposeDecision(actor="a", member="accountmanager-nh", decision=decision),
    )
    await send_escalation_command(
        temporal_env.client,
        escalation_id,
        AgreeToProposal(actor="b", member="ambtelijk-nh", proposal_id="P1"),
    )
    await handle.result()
    parent = temporal_env.client.get_workflow_handle(journey.stream_id)
    await status_when(temporal_env.client, journey.stream_id, lambda s: s["open_frictions"] == [])
    for name, h in (
        ("escalation__joint_decision", handle),
        ("province__escalated_friction", parent),
    ):
        await replay_recorded(name, await h.fetch_history())
