"""A refusal names the command asked and why it is refused in the state the process is in."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from domain.area import commands as ac
from domain.escalation.commands import ProposeDecision
from domain.escalation.rules import decide as decide_escalation
from domain.escalation.state import EscalationState
from domain.province import commands as cmd
from domain.province.rules import decide
from domain.province.state import Phase, ProvinceJourney
from domain.shared.commands import ChangeFriction
from domain.shared.errors import DomainError, InvalidTransition
from tests.unit import test_area_rules as area
from tests.unit.journey import T0, run, started
from tests.unit.test_province_rules import AGREEMENTS, ready_to_sign, through_checkpoints
from web.dashboard.refusals import in_dutch

MINISTER, GEDEPUTEERDE = "minister-vro", "gedeputeerde-ge"
DECISION = {"kind": "schuurpunt beslecht", "text": "t"}


def signed() -> ProvinceJourney:
    state = ready_to_sign("GE")
    assert state.arrangement is not None
    for who in (MINISTER, GEDEPUTEERDE):
        text_hash = state.arrangement.text_hash
        state, _ = run(state, cmd.SignArrangement(actor=who, signatory=who, text_hash=text_hash))
    assert state.phase is Phase.SIGNED
    return state


def refusal(state: ProvinceJourney, command: cmd.Command) -> str:
    with pytest.raises(DomainError) as refused:
        decide(state, command, now=T0 + timedelta(days=2), new_id=lambda: T0)  # type: ignore[arg-type,return-value]
    return str(refused.value)


def test_a_withdrawal_after_signing_is_refused_naming_the_signed_arrangement() -> None:
    said = refusal(signed(), cmd.WithdrawSignature(actor="g", signatory=GEDEPUTEERDE, reason="r"))
    assert said == (
        "WithdrawSignature refused: the arrangement of GE was signed on "
        f"{(T0 + timedelta(days=1)):%Y-%m-%d} and cannot have a signature withdrawn; "
        "amend it instead (StartAmendment)"
    )
    assert "no arrangement to sign" not in said


def test_signing_refusing_and_redrafting_a_signed_arrangement_say_to_amend_it() -> None:
    state = signed()
    assert state.arrangement is not None
    text_hash = state.arrangement.text_hash
    sign = cmd.SignArrangement(actor="m", signatory=MINISTER, text_hash=text_hash)
    refuse = cmd.RefuseArrangement(actor="m", signatory=MINISTER, reason="nee")
    redraft = cmd.DraftArrangement(actor="r", text="RA 2", agreements=AGREEMENTS)
    agreement = cmd.ConcludeProcessAgreement(actor="r", text="pa", reason="r")
    for command, change in (
        (sign, "cannot be signed"),
        (refuse, "cannot be refused"),
        (redraft, "cannot be redrafted"),
        (agreement, "cannot be replaced by a procesafspraak"),
    ):
        said = refusal(state, command)
        assert said.startswith(f"{command.type} refused: the arrangement of GE was signed on ")
        assert change in said and said.endswith("amend it instead (StartAmendment)")


def test_signing_before_the_voorstel_is_adopted_names_the_phase_the_journey_is_in() -> None:
    said = refusal(
        started("GE"), cmd.SignArrangement(actor="m", signatory=MINISTER, text_hash="0" * 64)
    )
    assert said == (
        "SignArrangement refused: the journey of GE is at ijkmoment 1; there is no arrangement "
        "yet that could be signed: it is drafted after the voorstel is adopted"
    )


def test_signing_before_any_text_is_drafted_says_to_draft_one() -> None:
    state = through_checkpoints("GE")
    state, _ = run(state, cmd.SubmitProposal(actor="gs", document_ref="voorstel", summary="v"))
    state, _ = run(state, cmd.AdoptProposal(actor=MINISTER))
    said = refusal(state, cmd.SignArrangement(actor="m", signatory=MINISTER, text_hash="0" * 64))
    assert said == (
        "SignArrangement refused: no arrangement of GE is drafted yet that could be signed; "
        "draft one first (DraftArrangement)"
    )


def test_after_a_procesafspraak_a_signature_waits_for_a_new_draft_and_a_second_one_is_named() -> (
    None
):
    state, _ = run(
        ready_to_sign("GE"), cmd.ConcludeProcessAgreement(actor="r", text="pa", reason="r")
    )
    assert state.arrangement is not None
    sign = cmd.SignArrangement(actor="m", signatory=MINISTER, text_hash=state.arrangement.text_hash)
    said = refusal(state, sign)
    assert said.startswith("SignArrangement refused: GE concluded a procesafspraak on ")
    assert said.endswith("cannot be signed until it is drafted again (DraftArrangement)")
    again = refusal(state, cmd.ConcludeProcessAgreement(actor="r", text="pa", reason="r"))
    assert again.startswith("ConcludeProcessAgreement refused: a procesafspraak was already")


def _blocked() -> ProvinceJourney:
    """IJkmoment 1 with every review in and one schuurpunt open."""
    state, _ = run(
        started("GE"), cmd.SubmitDraft(actor="gs", checkpoint=1, document_ref="d", summary="s")
    )
    first, *rest = state.checkpoints[0].requested
    state, _ = run(
        state,
        cmd.SubmitReview(actor=first, checkpoint=1, party=first, outcome="schuurpunt", remarks="x"),
    )
    for party in rest:
        state, _ = run(
            state, cmd.SubmitReview(actor=party, checkpoint=1, party=party, outcome="akkoord")
        )
    assert state.checkpoints[0].status == "blocked"
    return state


def test_a_draft_or_review_while_schuurpunten_hold_an_ijkmoment_names_them() -> None:
    state = _blocked()
    draft = refusal(
        state, cmd.SubmitDraft(actor="gs", checkpoint=1, document_ref="d2", summary="s")
    )
    assert draft == (
        "SubmitDraft refused: every party asked has reviewed draft 1 of ijkmoment 1; it waits "
        "for its open schuurpunten (S1) to be resolved or escalated and decided, not for a new "
        "draft"
    )
    party = state.checkpoints[0].requested[-1]
    review = cmd.SubmitReview(actor=party, checkpoint=1, party=party, outcome="akkoord")
    assert "it waits for its open schuurpunten (S1)" in refusal(state, review)
    resolved, _ = run(state, ChangeFriction(actor="r", friction_id="S1", status="opgelost"))
    assert resolved.checkpoints[0].status == "passed"


def test_the_voorstel_names_the_last_ijkmoment_from_the_catalog_not_a_fixed_count() -> None:
    said = refusal(started("GE"), cmd.SubmitProposal(actor="gs", document_ref="v", summary="s"))
    assert said == (
        "SubmitProposal refused: the voorstel comes after the last ijkmoment (3); now: ijkmoment 1"
    )


def test_every_refusal_names_the_command_asked_also_before_the_start_and_when_closed() -> None:
    assert refusal(ProvinceJourney(), cmd.AdoptProposal(actor="m")) == (
        "AdoptProposal refused: the journey has not started"
    )
    with pytest.raises(InvalidTransition, match=r"^ProposeDecision refused: the escalation"):
        decide_escalation(
            EscalationState(),
            ProposeDecision(
                actor="x", member="x", decision={"kind": "schuurpunt beslecht", "text": "t"}
            ),
            now=T0,
            new_id=lambda: T0,  # type: ignore[arg-type,return-value]
        )


def test_an_area_says_what_is_already_done_and_since_when() -> None:
    state, _ = area.run(area.started(), ac.AddAction(actor="r", action=area.action("a", 0, 10)))
    state, _ = area.run(state, ac.StartAction(actor="r", action_id="a", on=date(2024, 1, 2)))
    with pytest.raises(InvalidTransition, match=r"^StartAction refused: action a already started"):
        area.run(state, ac.StartAction(actor="r", action_id="a", on=date(2024, 1, 3)))
    state, _ = area.run(state, ac.CompleteAction(actor="r", action_id="a", on=date(2024, 1, 9)))
    with pytest.raises(InvalidTransition, match="was already done on 2024-01-09"):
        area.run(state, ac.CompleteAction(actor="r", action_id="a", on=date(2024, 1, 10)))
    reschedule = ac.RescheduleAction(
        actor="r",
        action_id="a",
        planned_start=date(2024, 2, 1),
        planned_end=date(2024, 3, 1),
        reason="later",
    )
    with pytest.raises(InvalidTransition, match="was done on 2024-01-09 and is not rescheduled"):
        area.run(state, reschedule)


def test_adopting_an_adopted_perspective_names_its_version() -> None:
    state, _ = area.run(
        area.started(), ac.DraftPerspective(actor="r", document_ref="d", summary="s", readiness=90)
    )
    for party in state.requested:
        state, _ = area.run(
            state, ac.ReviewPerspective(actor=party, party=party, outcome="akkoord")
        )
    state, _ = area.run(state, ac.AdoptPerspective(actor="duo"))
    with pytest.raises(InvalidTransition) as refused:
        area.run(state, ac.AdoptPerspective(actor="duo"))
    assert str(refused.value) == (
        "AdoptPerspective refused: the ontwikkelperspectief of Het Groene Hart is already "
        "adopted (version 1)"
    )


def test_the_dashboard_says_the_new_refusals_in_dutch_without_the_command_name() -> None:
    withdrawn = in_dutch(
        "WithdrawSignature refused: the arrangement of GE was signed on 2031-03-04 and cannot "
        "have a signature withdrawn; amend it instead (StartAmendment)"
    )
    assert withdrawn == (
        "Het arrangement van GE is op 04-03-2031 getekend en verandert niet meer; begin een "
        "wijziging om het aan te passen."
    )
    assert in_dutch(
        "SubmitDraft refused: every party asked has reviewed draft 2 of ijkmoment 1; it waits "
        "for its open schuurpunten (S1, S3) to be resolved or escalated and decided, not for a "
        "new draft"
    ) == (
        "Alle gevraagde partijen hebben concept 2 van ijkmoment 1 gereviewd; het wacht op de "
        "open schuurpunten (S1, S3)."
    )
    assert in_dutch("RaiseFriction refused: something new", "InvalidTransition").endswith(
        "(de regel zegt: something new)."
    )
