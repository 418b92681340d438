"""Scripted runs of escalations — decided by the duo, climbing to a forum, of a journey and of an
area — and an area delivering its perspective, each keeping its histories in the corpus."""

from __future__ import annotations

from datetime import date, timedelta

from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment

from domain.area import commands as ac
from domain.area.agenda import Action
from domain.escalation.commands import AgreeToProposal, ProposeDecision
from domain.escalation.events import Decision
from domain.province import commands as pc
from domain.shared.commands import ChangeFriction, RaiseFriction
from service.commands import send_escalation_command
from service.rehearsal import Area, Journey, catalog_due_from, status_when
from tests.workflows.histories import keep_recorded
from workflows.ids import escalation_workflow_id

DECISION = Decision(kind="schuurpunt beslecht", text="Tracé langs de A7")


async def _escalated(process: Journey | Area) -> str:
    """A schuurpunt raised and escalated; the id of its escalation, once it stands at level 1."""
    await process.send(
        RaiseFriction(actor="programmes", description="Energienet versus natuur", theme="peh")
    )
    await process.send(ChangeFriction(actor="regieteam", friction_id="S1", status="geëscaleerd"))
    escalation_id = escalation_workflow_id(process.stream_id, 1)
    await status_when(process.client, escalation_id, lambda s: s["level"] == 1)
    return escalation_id


async def _decided_by(client: Client, escalation_id: str, proposer: str, agreer: str) -> None:
    await send_escalation_command(
        client, escalation_id, ProposeDecision(actor=proposer, member=proposer, decision=DECISION)
    )
    await send_escalation_command(
        client, escalation_id, AgreeToProposal(actor=agreer, member=agreer, proposal_id="P1")
    )


async def _keep(client: Client, names: dict[str, str]) -> None:
    for name, workflow_id in names.items():
        await keep_recorded(name, await client.get_workflow_handle(workflow_id).fetch_history())


async def test_the_duo_decides_a_journeys_escalation(
    temporal_env: WorkflowEnvironment, worker_queue: str
) -> None:
    journey = Journey(temporal_env.client, worker_queue, "NH")
    await journey.start()
    escalation_id = await _escalated(journey)
    duo = journey.catalog.province("NH").civil_duo
    assert duo is not None
    await _decided_by(journey.client, escalation_id, duo.rijk.id, duo.region.id)
    assert (await journey.client.get_workflow_handle(escalation_id).result())["decision"]
    await status_when(journey.client, journey.stream_id, lambda s: s["open_frictions"] == [])
    await _keep(
        journey.client,
        {
            "escalation__decided_by_the_duo": escalation_id,
            "province__escalation_decided_by_the_duo": journey.stream_id,
        },
    )


async def test_an_escalation_the_duos_leave_undecided_climbs_to_a_forum_that_decides(
    skipping_env: WorkflowEnvironment, skipping_queue: str
) -> None:
    now = await skipping_env.get_current_time()
    catalog = catalog_due_from(now.date() + timedelta(days=400))
    journey = Journey(skipping_env.client, skipping_queue, "UT", catalog)
    await journey.start()
    escalation_id = await _escalated(journey)
    client = journey.client
    await skipping_env.sleep(timedelta(days=15))  # the hoog-ambtelijk duo's 14 days pass
    await status_when(client, escalation_id, lambda s: s["level"] == 2)
    await skipping_env.sleep(timedelta(days=29))  # the bestuurlijke duo's 28 days pass
    status = await status_when(client, escalation_id, lambda s: s["level"] == 3)
    assert status["members"] == ["bol"]
    bol = Decision(kind="termijn verzet", text="BOL: besluit in het najaarsoverleg")
    await send_escalation_command(
        client, escalation_id, ProposeDecision(actor="bol", member="bol", decision=bol)
    )
    await status_when(client, journey.stream_id, lambda s: s["open_frictions"] == [])
    await _keep(
        client,
        {
            "escalation__climbed_to_a_forum": escalation_id,
            "province__escalation_climbed_to_a_forum": journey.stream_id,
        },
    )


async def test_the_duo_decides_an_areas_escalation(
    temporal_env: WorkflowEnvironment, worker_queue: str
) -> None:
    area = Area(temporal_env.client, worker_queue, "de-peel")
    await area.start()
    escalation_id = await _escalated(area)
    duo = area.catalog.area("de-peel").civil_duo
    assert duo is not None
    await _decided_by(area.client, escalation_id, duo.region.id, duo.rijk.id)
    status = await status_when(area.client, area.stream_id, lambda s: s["open_frictions"] == [])
    assert status["frictions_by_theme"] == {"peh": {"open": 0, "all": 1}}
    await _keep(
        area.client,
        {
            "escalation__of_an_area_decided_by_the_duo": escalation_id,
            "area__escalation_decided_by_the_duo": area.stream_id,
        },
    )


async def test_an_area_delivers_its_adopted_perspective_to_its_provinces(
    temporal_env: WorkflowEnvironment, worker_queue: str
) -> None:
    area = Area(temporal_env.client, worker_queue, "de-peel")
    for code in ("NB", "LI"):
        await Journey(area.client, worker_queue, code, area.catalog, area.label).start()
    await area.start()
    result = await area.send(
        ac.DraftPerspective(actor="regio", document_ref="op", summary="s", readiness=95)
    )
    for party in result.status["perspective"]["missing_reviews"]:
        await area.send(ac.ReviewPerspective(actor=party, party=party, outcome="akkoord"))
    action = Action(
        id="a1",
        title="Natuurherstel",
        owner="waterschap",
        planned_start=date(2030, 1, 1),
        planned_end=date(2030, 6, 1),
    )
    await area.send(ac.AddAction(actor="r", action=action))
    await area.send(ac.AdoptPerspective(actor="duo"))
    await status_when(
        area.client, area.stream_id, lambda s: len(s["perspective"]["delivered_to"]) == 2
    )
    await _keep(area.client, {"area__perspective_delivered": area.stream_id})


async def test_an_ijkmoment_held_by_a_schuurpunt_passes_once_the_duo_decides_it(
    temporal_env: WorkflowEnvironment, worker_queue: str
) -> None:
    journey = Journey(temporal_env.client, worker_queue, "UT")
    await journey.start()
    drafted = await journey.send(
        pc.SubmitDraft(actor="gs", checkpoint=1, document_ref="d1", summary="s")
    )
    parties = drafted.status["checkpoints"]["1"]["missing_reviews"]
    for n, party in enumerate(parties):
        outcome = "schuurpunt" if n == 0 else "akkoord"
        remarks = "Woningbouw versus stikstof" if n == 0 else ""
        await journey.send(
            pc.SubmitReview(
                actor=party, checkpoint=1, party=party, outcome=outcome, remarks=remarks
            )
        )
    held = await status_when(journey.client, journey.stream_id, lambda s: s["open_frictions"])
    assert held["checkpoints"]["1"]["status"] == "blocked"
    await journey.send(ChangeFriction(actor="regieteam", friction_id="S1", status="geëscaleerd"))
    escalation_id = escalation_workflow_id(journey.stream_id, 1)
    await status_when(journey.client, escalation_id, lambda s: s["level"] == 1)
    duo = journey.catalog.province("UT").civil_duo
    assert duo is not None
    await _decided_by(journey.client, escalation_id, duo.rijk.id, duo.region.id)
    passed = await status_when(
        journey.client, journey.stream_id, lambda s: s["checkpoints"]["1"]["status"] == "passed"
    )
    assert passed["open_frictions"] == [] and passed["current_checkpoint"] == 2
    await _keep(journey.client, {"province__ijkmoment_passes_after_decision": journey.stream_id})
