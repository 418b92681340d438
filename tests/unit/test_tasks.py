"""Mijn werk: what waits for each role and scope, computed from read-model rows."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from config.catalog_file import load_catalog
from domain.area import commands as ac
from domain.area.summary import summarize_area
from domain.catalog.planning import resolve_ladder
from domain.escalation.commands import ProposeDecision, StartEscalation
from domain.escalation.events import Decision
from domain.escalation.rules import decide as decide_escalation
from domain.escalation.rules import start as start_escalation
from domain.escalation.state import EscalationState
from domain.escalation.state import evolve as evolve_escalation
from domain.escalation.summary import summarize_escalation
from domain.province import commands as cmd
from domain.province.summary import summarize_province
from domain.shared.commands import MarkOverdue
from domain.shared.models import Agreement
from service.tasks import tasks_for
from store.tokens import TokenHolder
from tests.unit import test_area_rules as area
from tests.unit.journey import T0, new_id, pass_checkpoint, run, started
from tests.unit.test_province_rules import ready_to_sign


def row(stream_id: str, summary: dict[str, Any], phase: str = "") -> dict[str, Any]:
    """A status row as the read model holds it (the summary as stored JSON)."""
    kind, _, subject = stream_id.partition("-")
    summary = json.loads(json.dumps(summary, default=str))
    return {
        "stream_id": stream_id,
        "kind": kind,
        "subject": subject,
        "phase": phase,
        "summary": summary,
    }


def holder(role: str, scope: str | None = None) -> TokenHolder:
    return TokenHolder(actor="someone", role=role, scope=scope)


def kinds(tasks: list[Any]) -> list[tuple[str, str]]:
    return [(t.kind, t.stream_id) for t in tasks]


def test_a_reviewer_sees_the_review_their_party_owes_until_it_is_given() -> None:
    state, _ = run(
        started("GE"),
        cmd.SubmitDraft(actor="gs", checkpoint=1, document_ref="d", summary="s"),
    )
    rows = [row("province-GE", summarize_province(state))]
    now = T0 + timedelta(days=2)
    found = tasks_for(holder("reviewer", "rijk-accountteam"), rows, now)
    assert kinds(found) == [("review", "province-GE")]
    assert found[0].details["checkpoint"] == 1 and found[0].due is not None
    assert "ijkmoment 1 van Gelderland" in found[0].title and not found[0].overdue
    assert tasks_for(holder("reviewer", "nobody"), rows, now) == []
    state, _ = run(
        state,
        cmd.SubmitReview(actor="a", checkpoint=1, party="rijk-accountteam", outcome="akkoord"),
    )
    rows = [row("province-GE", summarize_province(state))]
    assert tasks_for(holder("reviewer", "rijk-accountteam"), rows, now) == []
    late = T0 + timedelta(days=60)
    assert tasks_for(holder("reviewer", "programmes"), rows, late)[0].overdue


def test_each_signatory_sees_the_arrangement_until_they_signed_it() -> None:
    state = ready_to_sign("GE")
    text_hash = state.arrangement.text_hash
    state, _ = run(
        state, cmd.SignArrangement(actor="g", signatory="gedeputeerde-ge", text_hash=text_hash)
    )
    rows = [row("province-GE", summarize_province(state))]
    found = tasks_for(holder("signatory", "minister-vro"), rows, T0)
    assert [t.kind for t in found] == ["signature"]
    assert found[0].details["text_hash"] == text_hash
    assert [t.kind for t in tasks_for(holder("signatory", "gedeputeerde-ge"), rows, T0)] == []
    assert tasks_for(holder("signatory", "gedeputeerde-zh"), rows, T0) == []


def _escalation(proposed_by: str | None) -> dict[str, Any]:
    catalog = load_catalog()
    zh = catalog.province("ZH")
    ladder = resolve_ladder(catalog, zh.duo, zh.civil_duo)
    command = StartEscalation(
        actor="novex", parent_workflow_id="province-ZH", subject="S1", reason="r", ladder=ladder
    )
    state = EscalationState()
    for e in start_escalation(state, command, now=T0, new_id=new_id):
        state = evolve_escalation(state, e)
    if proposed_by:
        decision = Decision(kind="schuurpunt beslecht", text="Buiten de contour")
        propose = ProposeDecision(actor=proposed_by, member=proposed_by, decision=decision)
        for e in decide_escalation(state, propose, now=T0, new_id=new_id):
            state = evolve_escalation(state, e)
    return row("escalation-province-ZH~1", summarize_escalation(state))


def test_duo_members_see_the_decision_then_the_other_members_proposal() -> None:
    rijk, region = "accountmanager-zh", "ambtelijk-zh"
    before = [_escalation(None)]
    for member in (rijk, region):
        found = tasks_for(holder("duo_member", member), before, T0)
        assert [t.kind for t in found] == ["decision"]
        assert "province-ZH~1" in found[0].title and "niveau 2" in found[0].details["at_deadline"]
    after = [_escalation(rijk)]
    assert tasks_for(holder("duo_member", rijk), after, T0) == []  # waits for the other
    found = tasks_for(holder("duo_member", region), after, T0)
    assert [(t.kind, t.details["proposal_id"]) for t in found] == [("proposal", "P1")]
    assert tasks_for(holder("duo_member", "accounthouder-zh"), after, T0) == []  # level 2


def test_a_province_official_sees_their_drafts_and_overdue_items_not_another_provinces() -> None:
    ge = started("GE")
    due = ge.deadline("ijkmoment-1").due  # type: ignore[union-attr]
    ge, _ = run(ge, MarkOverdue(actor="novex", target="ijkmoment-1"), at=due + timedelta(hours=1))
    zh = started("ZH")
    rows = [row("province-GE", summarize_province(ge)), row("province-ZH", summarize_province(zh))]
    now = due + timedelta(days=1)
    found = tasks_for(holder("province_official", "GE"), rows, now)
    assert kinds(found) == [("draft", "province-GE"), ("overdue", "province-GE")]
    assert all(t.overdue for t in found)
    national = tasks_for(holder("coordinator"), rows, now)
    assert ("overdue", "province-GE") in kinds(national)
    assert ("overdue", "province-ZH") in kinds(national)  # past its date, not yet marked
    assert tasks_for(holder("reviewer", "programmes"), rows, now) == []


def test_deadlines_within_two_weeks_are_listed_and_later_ones_not() -> None:
    state = pass_checkpoint(started("UT"), 1)
    rows = [row("province-UT", summarize_province(state))]
    due = state.deadline("ijkmoment-2").due  # type: ignore[union-attr]
    soon = tasks_for(holder("viewer"), rows, due - timedelta(days=13))
    assert [(t.kind, t.title) for t in soon] == [("deadline", "ijkmoment-2 van Utrecht")]
    assert tasks_for(holder("viewer"), rows, due - timedelta(days=15)) == []


def test_area_reviews_and_afspraken_wait_for_their_party_and_duo() -> None:
    state, _ = area.run(
        area.started("groene-hart"),
        ac.DraftPerspective(actor="p", document_ref="op", summary="s", readiness=60),
    )
    state, _ = area.run(
        state, ac.ProposeAgreement(actor="r", agreement=Agreement(id="U1", text="Veenweide"))
    )
    rows = [row("area-groene-hart", summarize_area(state))]
    review = tasks_for(holder("reviewer", "province:ZH"), rows, area.T0)
    assert [(t.kind, t.details["version"]) for t in review] == [("review", 1)]
    member = state.duo_members[0]
    confirm = tasks_for(holder("duo_member", member), rows, area.T0)
    assert [(t.kind, t.details["agreement_id"]) for t in confirm] == [("agreement", "U1")]
    state, _ = area.run(state, ac.ConfirmAgreement(actor=member, agreement_id="U1", member=member))
    rows = [row("area-groene-hart", summarize_area(state))]
    assert tasks_for(holder("duo_member", member), rows, area.T0) == []
    assert len(tasks_for(holder("duo_member", state.duo_members[1]), rows, area.T0)) == 1
