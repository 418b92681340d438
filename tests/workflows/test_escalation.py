"""Escalations on real Temporal servers: the duo decides together, or the ladder climbs."""

from __future__ import annotations

from datetime import timedelta

import pytest
from temporalio.testing import WorkflowEnvironment

from domain.escalation.commands import AgreeToProposal, DisagreeWithProposal, ProposeDecision
from domain.escalation.events import Decision
from domain.shared import commands as cmd
from service.commands import CommandRefused, send_escalation_command
from service.rehearsal import Journey, catalog_due_from, status_when
from store.eventstore import EventStore
from workflows.ids import escalation_workflow_id

RESOLVE = Decision(
    kind="schuurpunt beslecht", text="Woningbouw gaat voor; geluidszone wordt verlegd"
)


async def _escalate_friction(journey: Journey) -> str:
    await journey.start()
    await journey.send(
        cmd.RaiseFriction(actor="rijk-accountteam", description="Woningbouw versus geluidszone")
    )
    await journey.send(
        cmd.ChangeFriction(
            actor="regieteam", friction_id="S1", status="geëscaleerd", note="vastgelopen"
        )
    )
    escalation_id = escalation_workflow_id(journey.stream_id, 1)
    await status_when(journey.client, escalation_id, lambda s: s["level"] == 1)
    return escalation_id


async def test_one_member_agreeing_decides_nothing_and_a_joint_decision_resolves_the_friction(
    temporal_env: WorkflowEnvironment, worker_queue: str, store: EventStore
) -> None:
    journey = Journey(temporal_env.client, worker_queue, "GE")
    escalation_id = await _escalate_friction(journey)
    members = journey.catalog.province("GE").civil_duo
    assert members is not None
    a, b = members.rijk.id, members.region.id
    client = journey.client

    result = await send_escalation_command(
        client, escalation_id, ProposeDecision(actor=a, member=a, decision=RESOLVE)
    )
    assert result.status["decision"] is None and result.status["open"]
    with pytest.raises(CommandRefused, match="the other member must agree"):
        await send_escalation_command(
            client, escalation_id, AgreeToProposal(actor=a, member=a, proposal_id="P1")
        )
    await send_escalation_command(
        client,
        escalation_id,
        DisagreeWithProposal(actor=b, member=b, proposal_id="P1", reason="te vroeg"),
    )
    counter = Decision(kind="schuurpunt beslecht", text="Geluidszone blijft; woningbouw elders")
    result = await send_escalation_command(
        client, escalation_id, ProposeDecision(actor=b, member=b, decision=counter)
    )
    assert result.status["decision"] is None
    assert [p["status"] for p in result.status["proposals"]] == ["disagreed", "open"]

    result = await send_escalation_command(
        client, escalation_id, AgreeToProposal(actor=a, member=a, proposal_id="P2")
    )
    assert result.status["decision"] == counter.text and result.status["decided_by"] == [b, a]

    status = await status_when(client, journey.stream_id, lambda s: s["open_frictions"] == [])
    assert status["open_frictions"] == []
    stored = [e.type for e in await store.read_stream(journey.stream_id)]
    assert stored[-2:] == ["EscalationDecisionRecorded", "FrictionStatusChanged"]
    friction_change = (await store.read_stream(journey.stream_id))[-1]
    assert (
        friction_change.data["status"] == "besloten"
        and friction_change.data["note"] == counter.text
    )


async def test_bad_escalation_input_is_refused_and_nothing_is_recorded(
    temporal_env: WorkflowEnvironment, worker_queue: str, store: EventStore
) -> None:
    journey = Journey(temporal_env.client, worker_queue, "OV")
    escalation_id = await _escalate_friction(journey)
    client = journey.client
    version = await store.stream_version(escalation_id)
    with pytest.raises(CommandRefused, match="'minister-vro' is not a member of level 1"):
        await send_escalation_command(
            client,
            escalation_id,
            ProposeDecision(actor="minister-vro", member="minister-vro", decision=RESOLVE),
        )
    with pytest.raises(CommandRefused, match="no proposal 'P7'"):
        await send_escalation_command(
            client,
            escalation_id,
            AgreeToProposal(actor="x", member="ambtelijk-ov", proposal_id="P7"),
        )
    assert await store.stream_version(escalation_id) == version
    await send_escalation_command(
        client,
        escalation_id,
        ProposeDecision(actor="x", member="accountmanager-ov", decision=RESOLVE),
    )
    await send_escalation_command(
        client, escalation_id, AgreeToProposal(actor="y", member="ambtelijk-ov", proposal_id="P1")
    )
    await status_when(client, escalation_id, lambda s: s["decision"] is not None)
    # finished once its parent recorded the decision; until then its own rules say it is closed
    with pytest.raises(CommandRefused, match=r"is not running: it is closed|is closed: decided"):
        await send_escalation_command(
            client,
            escalation_id,
            ProposeDecision(actor="x", member="accountmanager-ov", decision=RESOLVE),
        )


async def test_a_missed_level_deadline_climbs_the_ladder_and_the_top_level_decides_alone(
    skipping_env: WorkflowEnvironment, skipping_queue: str, store: EventStore
) -> None:
    now = await skipping_env.get_current_time()
    journey = Journey(
        skipping_env.client,
        skipping_queue,
        "UT",
        catalog_due_from(now.date() + timedelta(days=400)),
    )
    escalation_id = await _escalate_friction(journey)
    client = journey.client
    await send_escalation_command(
        client,
        escalation_id,
        ProposeDecision(actor="x", member="accountmanager-ut", decision=RESOLVE),
    )
    await skipping_env.sleep(timedelta(days=15))  # level 1 decides within 14 days
    status = await status_when(client, escalation_id, lambda s: s["level"] == 2)
    assert status["members"] == ["accounthouder-ut", "gedeputeerde-ut"]
    with pytest.raises(CommandRefused, match="no proposal 'P1' at level 2"):
        await send_escalation_command(
            client,
            escalation_id,
            AgreeToProposal(actor="x", member="gedeputeerde-ut", proposal_id="P1"),
        )
    await skipping_env.sleep(timedelta(days=29))  # level 2: 28 days
    status = await status_when(client, escalation_id, lambda s: s["level"] == 3)
    assert status["members"] == ["bol"]
    types = [e.type for e in await store.read_stream(escalation_id)]
    assert types.count("EscalatedToLevel") == 2 and "LevelReminderIssued" in types
    bol = Decision(kind="termijn verzet", text="BOL: besluit in het najaarsoverleg")
    result = await send_escalation_command(
        client, escalation_id, ProposeDecision(actor="bol", member="bol", decision=bol)
    )
    assert result.status["decision"] == bol.text and result.status["decided_by"] == ["bol"]
    await status_when(client, journey.stream_id, lambda s: s["open_frictions"] == [])
