"""A NOVEX area's rules, as pure functions."""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from pydantic import ValidationError

from config.catalog_file import load_catalog
from domain.area import commands as ac
from domain.area import events as ae
from domain.area.agenda import Action, Dependency
from domain.area.events import Contribution
from domain.area.rules import decide, start
from domain.area.state import AreaPhase, AreaProcess, evolve
from domain.area.summary import investment_report
from domain.catalog.planning import area_start
from domain.shared import commands as cmd
from domain.shared.errors import DomainError, InvalidTransition, NotAuthorized, UnknownReference
from domain.shared.events import Event
from domain.shared.models import Agreement

T0 = datetime(2023, 1, 10, 9, 0, tzinfo=UTC)
_ids = itertools.count(1)


def new_id() -> uuid.UUID:
    return uuid.UUID(int=next(_ids))


def started(area: str = "groene-hart") -> AreaProcess:
    state = AreaProcess()
    for event in start(state, area_start(load_catalog(), area, actor="r"), now=T0, new_id=new_id):
        state = evolve(state, event)
    return state


def run(state: AreaProcess, command: cmd.Command) -> tuple[AreaProcess, list[Event]]:
    events = decide(state, command, now=T0 + timedelta(days=1), new_id=new_id)
    for event in events:
        state = evolve(state, event)
    return state, events


def action(action_id: str, start_day: int, end_day: int, **kw: object) -> Action:
    base = date(2024, 1, 1).toordinal()
    return Action(
        id=action_id,
        title=action_id,
        owner="provincie",
        planned_start=date.fromordinal(base + start_day),
        planned_end=date.fromordinal(base + end_day),
        **kw,
    )


def test_an_area_reviews_with_rijk_each_province_and_its_partners() -> None:
    state = started("north-sea-port-district")
    assert state.review_parties[:2] == ("rijk", "province:ZE")
    assert "provincie Oost-Vlaanderen (BE)" in state.review_parties
    assert state.duo is not None and state.duo_members == (state.duo.rijk.id, state.duo.region.id)


def test_a_perspective_version_is_reviewed_and_adopted_when_all_approve() -> None:
    state, events = run(
        started(), ac.DraftPerspective(actor="r", document_ref="op-v1", summary="s", readiness=95)
    )
    assert [type(e) for e in events] == [ae.PerspectiveDrafted, ae.PerspectiveReviewRequested]
    with pytest.raises(InvalidTransition, match="reviews still missing"):
        run(state, ac.AdoptPerspective(actor="duo"))
    for party in state.requested:
        state, _ = run(state, ac.ReviewPerspective(actor=party, party=party, outcome="akkoord"))
    state, events = run(state, ac.AdoptPerspective(actor="duo"))
    assert state.phase is AreaPhase.ADOPTED and state.adopted_version == 1


def test_a_review_by_someone_who_is_not_a_partner_is_refused() -> None:
    state, _ = run(
        started(), ac.DraftPerspective(actor="r", document_ref="d", summary="s", readiness=10)
    )
    with pytest.raises(NotAuthorized, match="not a partner of Het Groene Hart"):
        run(state, ac.ReviewPerspective(actor="x", party="province:GR", outcome="akkoord"))


def test_an_open_schuurpunt_blocks_adoption_until_it_is_decided() -> None:
    state, _ = run(
        started(), ac.DraftPerspective(actor="r", document_ref="d", summary="s", readiness=60)
    )
    first, *rest = state.requested
    state, _ = run(
        state,
        ac.ReviewPerspective(actor="x", party=first, outcome="schuurpunt", remarks="Veenweide"),
    )
    for party in rest:
        state, _ = run(state, ac.ReviewPerspective(actor=party, party=party, outcome="akkoord"))
    with pytest.raises(InvalidTransition, match="open schuurpunten block adoption: S1"):
        run(state, ac.AdoptPerspective(actor="duo"))
    state, _ = run(state, cmd.ChangeFriction(actor="duo", friction_id="S1", status="geëscaleerd"))
    state, _ = run(state, cmd.ChangeFriction(actor="bol", friction_id="S1", status="besloten"))
    friction = state.friction("S1")
    assert friction is not None and [h.status.value for h in friction.history] == [
        "geëscaleerd",
        "besloten",
    ]
    state, _ = run(state, ac.AdoptPerspective(actor="duo"))
    assert state.phase is AreaPhase.ADOPTED


def test_a_dependency_on_an_unknown_action_or_closing_a_cycle_is_refused() -> None:
    state, _ = run(started(), ac.AddAction(actor="r", action=action("a", 0, 10)))
    state, _ = run(state, ac.AddAction(actor="r", action=action("b", 10, 20)))
    state, _ = run(state, ac.AddDependency(actor="r", dependency=Dependency(before="a", after="b")))
    with pytest.raises(UnknownReference, match="unknown action 'c'"):
        run(state, ac.AddDependency(actor="r", dependency=Dependency(before="c", after="b")))
    with pytest.raises(DomainError, match=r"cycle: (a → b → a|b → a → b)"):
        run(state, ac.AddDependency(actor="r", dependency=Dependency(before="b", after="a")))


def test_a_slip_moves_dependents_and_flags_the_one_past_its_deadline() -> None:
    state, _ = run(started(), ac.AddAction(actor="r", action=action("grond", 0, 30)))
    state, _ = run(
        state, ac.AddAction(actor="r", action=action("bouw", 30, 60, deadline=date(2024, 3, 5)))
    )
    state, _ = run(
        state, ac.AddDependency(actor="r", dependency=Dependency(before="grond", after="bouw"))
    )
    assert state.flagged_late == ()
    state, events = run(
        state,
        ac.RescheduleAction(
            actor="r",
            action_id="grond",
            planned_start=date(2024, 1, 20),
            planned_end=date(2024, 2, 19),
            reason="bezwaar",
        ),
    )
    assert isinstance(events[-1], ae.ActionsFlaggedLate)
    assert state.flagged_late == ("bouw",)


def test_a_negative_amount_is_refused_at_the_edge() -> None:
    with pytest.raises(ValidationError, match="greater than 0"):
        Contribution(
            id="c1", action_id="a", side="rijk", amount=Decimal("-5"), fund="Mobiliteitsfonds"
        )


def test_the_investment_report_compares_the_split_with_the_agreed_proportion() -> None:
    state, _ = run(started(), ac.AddAction(actor="r", action=action("a", 0, 10)))
    for cid, side, amount in (("c1", "rijk", "600"), ("c2", "regio", "400")):
        contribution = Contribution(
            id=cid, action_id="a", side=side, amount=Decimal(amount), fund="f"
        )
        state, _ = run(state, ac.AddContribution(actor="r", contribution=contribution))
    state, _ = run(state, ac.AgreeProportion(actor="duo", rijk_share=Decimal("0.5")))
    report = investment_report(state)
    assert report["rijk_share"] == "0.600" and report["deviation"] == "0.100"
    with pytest.raises(UnknownReference):
        bad = Contribution(id="c3", action_id="zz", side="rijk", amount=Decimal(1), fund="f")
        run(state, ac.AddContribution(actor="r", contribution=bad))


def test_an_agreement_needs_both_duo_members_and_only_them() -> None:
    state = started()
    assert state.duo is not None
    rijk, region = state.duo.rijk.id, state.duo.region.id
    state, _ = run(
        state, ac.ProposeAgreement(actor="r", agreement=Agreement(id="U1", text="Veenweide"))
    )
    state, events = run(state, ac.ConfirmAgreement(actor=rijk, agreement_id="U1", member=rijk))
    assert [type(e) for e in events] == [ae.AgreementConfirmed]
    assert not state.agreement("U1").agreed  # type: ignore[union-attr]
    with pytest.raises(NotAuthorized, match="not a member of the duo"):
        run(state, ac.ConfirmAgreement(actor="x", agreement_id="U1", member="gedeputeerde-zh"))
    with pytest.raises(DomainError, match="already confirmed"):
        run(state, ac.ConfirmAgreement(actor=rijk, agreement_id="U1", member=rijk))
    state, events = run(state, ac.ConfirmAgreement(actor=region, agreement_id="U1", member=region))
    assert isinstance(events[-1], ae.AgreementConcluded) and state.agreement("U1").agreed  # type: ignore[union-attr]
