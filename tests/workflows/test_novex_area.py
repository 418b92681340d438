"""A NOVEX area on the real Temporal dev server: perspective to provinces, agenda, bad input."""

from __future__ import annotations

from datetime import date

import pytest
from temporalio.testing import WorkflowEnvironment

from domain.area import commands as ac
from domain.area.agenda import Action, Dependency, External
from domain.shared.models import Agreement
from service.commands import CommandRefused
from service.rehearsal import Area, Journey, status_when
from store.eventstore import EventStore
from tests.workflows.histories import keep_recorded


def action(action_id: str, start: str, end: str, **kw: object) -> Action:
    return Action(
        id=action_id,
        title=action_id,
        owner="provincie",
        planned_start=date.fromisoformat(start),
        planned_end=date.fromisoformat(end),
        **kw,
    )


async def test_a_cross_province_perspective_is_adopted_and_delivered_to_all_its_provinces(
    temporal_env: WorkflowEnvironment, worker_queue: str, store: EventStore
) -> None:
    area = Area(temporal_env.client, worker_queue, "groene-hart")
    journeys = [
        Journey(area.client, worker_queue, code, area.catalog, area.label)
        for code in ("ZH", "UT", "NH")
    ]
    for journey in journeys:
        await journey.start()
    assert await area.start() == "started"
    result = await area.send(
        ac.DraftPerspective(actor="regio", document_ref="op-v1", summary="eerste", readiness=40)
    )
    for party in result.status["perspective"]["missing_reviews"]:
        outcome = "aanvullen" if party == "rijk" else "akkoord"
        await area.send(ac.ReviewPerspective(actor=party, party=party, outcome=outcome))
    result = await area.send(
        ac.DraftPerspective(actor="regio", document_ref="op-v2", summary="tweede", readiness=95)
    )
    for party in result.status["perspective"]["missing_reviews"]:
        await area.send(ac.ReviewPerspective(actor=party, party=party, outcome="akkoord"))
    result = await area.send(ac.AdoptPerspective(actor="duo"))
    assert result.status["phase"] == "ontwikkelperspectief vastgesteld"

    status = await status_when(
        area.client, area.stream_id, lambda s: len(s["perspective"]["delivered_to"]) == 3
    )
    assert sorted(status["perspective"]["delivered_to"]) == ["NH", "UT", "ZH"]
    for journey in journeys:
        province = await journey.client.get_workflow_handle(journey.stream_id).query("status")
        assert province["perspectives"]["delivered"] == ["groene-hart"]
        stored = [
            e
            for e in await store.read_stream(journey.stream_id)
            if e.type == "PerspectiveDelivered"
        ]
        assert stored[0].data["document_ref"] == "op-v2"


async def test_an_agenda_cycle_is_refused_and_a_slip_flags_the_dependent_past_its_deadline(
    temporal_env: WorkflowEnvironment, worker_queue: str, store: EventStore
) -> None:
    area = Area(temporal_env.client, worker_queue, "de-peel")
    await area.start()
    await area.send(ac.AddAction(actor="r", action=action("grond", "2030-01-01", "2030-03-01")))
    await area.send(
        ac.AddAction(
            actor="r", action=action("bouw", "2030-03-01", "2030-09-01", deadline=date(2030, 9, 30))
        )
    )
    await area.send(
        ac.AddAction(actor="r", action=action("oplevering", "2030-09-01", "2030-10-01"))
    )
    await area.send(
        ac.AddDependency(actor="r", dependency=Dependency(before="grond", after="bouw"))
    )
    await area.send(
        ac.AddDependency(actor="r", dependency=Dependency(before="bouw", after="oplevering"))
    )
    version, history = await store.stream_version(area.stream_id), await area.history_length()
    with pytest.raises(
        CommandRefused, match=r"cycle: .*grond.*oplevering|cycle: .*oplevering.*grond"
    ):
        await area.send(
            ac.AddDependency(actor="r", dependency=Dependency(before="oplevering", after="grond"))
        )
    with pytest.raises(CommandRefused, match="unknown action 'sloop'"):
        await area.send(
            ac.AddDependency(actor="r", dependency=Dependency(before="sloop", after="bouw"))
        )
    assert await store.stream_version(area.stream_id) == version
    assert await area.history_length() == history

    result = await area.send(
        ac.RescheduleAction(
            actor="r",
            action_id="grond",
            planned_start=date(2030, 1, 1),
            planned_end=date(2030, 5, 1),
            reason="stikstofvergunning",
        )
    )
    assert result.events == ["ActionRescheduled", "ActionsFlaggedLate"]
    assert result.status["agenda"]["late"] == ["bouw", "oplevering"]
    assert result.status["agenda"]["critical_path"] == ["grond", "bouw", "oplevering"]


async def test_bad_area_input_is_refused_and_one_duo_member_is_not_an_agreement(
    temporal_env: WorkflowEnvironment, worker_queue: str, store: EventStore
) -> None:
    area = Area(temporal_env.client, worker_queue, "lelylijn")
    await area.start()
    await area.send(ac.DraftPerspective(actor="r", document_ref="d", summary="s", readiness=20))
    version = await store.stream_version(area.stream_id)
    with pytest.raises(CommandRefused, match="not a partner of Lelylijn"):
        await area.send(ac.ReviewPerspective(actor="x", party="province:ZH", outcome="akkoord"))
    assert await store.stream_version(area.stream_id) == version

    duo = area.catalog.area("lelylijn").duo
    assert duo is not None
    await area.send(ac.ProposeAgreement(actor="r", agreement=Agreement(id="U1", text="Tracékeuze")))
    result = await area.send(
        ac.ConfirmAgreement(actor=duo.rijk.id, agreement_id="U1", member=duo.rijk.id)
    )
    assert result.status["agreements"]["U1"] == "bevestigd door 1/2"
    with pytest.raises(CommandRefused, match="not a member of the duo"):
        await area.send(
            ac.ConfirmAgreement(
                actor="gedeputeerde-fl", agreement_id="U1", member="gedeputeerde-fl"
            )
        )
    result = await area.send(
        ac.ConfirmAgreement(actor=duo.region.id, agreement_id="U1", member=duo.region.id)
    )
    assert result.status["agreements"]["U1"] == "afgesproken"


async def test_an_adopted_voorstel_releases_the_area_actions_that_wait_for_it(
    temporal_env: WorkflowEnvironment, worker_queue: str, store: EventStore
) -> None:
    area = Area(temporal_env.client, worker_queue, "zuid-limburg")
    journey = Journey(area.client, worker_queue, "LI", area.catalog, area.label)
    await journey.start()
    await area.start()
    ref = "province:LI/voorstel"
    await area.send(
        ac.RecordExternalMilestone(
            actor="r", milestone=External(ref=ref, expected=date(2031, 1, 1))
        )
    )
    await area.send(ac.AddAction(actor="r", action=action("grensbaan", "2030-01-01", "2030-06-01")))
    result = await area.send(
        ac.AddDependency(actor="r", dependency=Dependency(before=ref, after="grensbaan"))
    )
    assert result.status["agenda"]["status"]["grensbaan"] == "geblokkeerd"
    assert result.status["agenda"]["late"] == ["grensbaan"]  # held back until 2031

    await journey.to_arrangement()  # the voorstel is adopted on the way
    status = await status_when(
        area.client, area.stream_id, lambda s: s["agenda"]["status"]["grensbaan"] != "geblokkeerd"
    )
    assert status["agenda"]["status"]["grensbaan"] == "gereed om te starten"
    assert status["agenda"]["late"] == []
    recorded = [
        e for e in await store.read_stream(area.stream_id) if e.type == "ExternalMilestoneRecorded"
    ]
    assert recorded[-1].data["milestone"]["done"] is True
    fetched = await area.client.get_workflow_handle(area.stream_id).fetch_history()
    await keep_recorded("area__voorstel_released_by_the_province_message", fetched)
