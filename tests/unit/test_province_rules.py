"""The province journey's rules, as pure functions."""

from __future__ import annotations

import pytest

from domain.province import commands as cmd
from domain.province import events as ev
from domain.province.state import Phase
from domain.shared.commands import ChangeEscalationLadder, ChangeFriction, MarkOverdue, MoveDueDate
from domain.shared.errors import (
    AlreadyDone,
    DomainError,
    InvalidTransition,
    NotAuthorized,
    UnknownReference,
)
from domain.shared.events import (
    DeadlineMissed,
    EscalationLadderChanged,
    EscalationRequested,
    FrictionRaised,
)
from domain.shared.models import Agreement, Arrangement
from tests.unit.journey import T0, pass_checkpoint, run, started

AGREEMENTS = (Agreement(id="A1", text="Woningbouw langs de IJssel"),)


def through_checkpoints(code: str = "GE"):
    state = started(code)
    for n in (1, 2, 3):
        state = pass_checkpoint(state, n)
    return state


def ready_to_sign(code: str = "GE"):
    state = through_checkpoints(code)
    state, _ = run(state, cmd.SubmitProposal(actor="gs", document_ref="voorstel", summary="v"))
    state, _ = run(state, cmd.AdoptProposal(actor="minister-vro"))
    state, _ = run(state, cmd.DraftArrangement(actor="regieteam", text="RA", agreements=AGREEMENTS))
    return state


def test_a_started_journey_is_at_the_first_ijkmoment_with_catalog_parties_and_deadlines() -> None:
    state = started("GE")
    assert state.phase is Phase.CHECKPOINT_1
    assert "rijk-accountteam" in state.review_parties
    assert "area:arnhem-nijmegen-foodvalley" in state.review_parties
    assert [d.target for d in state.deadlines] == [
        "ijkmoment-1",
        "ijkmoment-2",
        "ijkmoment-3",
        "voorstel",
        "arrangement",
    ]


def test_a_draft_requests_reviews_from_every_configured_party() -> None:
    state, events = run(
        started(), cmd.SubmitDraft(actor="gs", checkpoint=1, document_ref="d1", summary="eerste")
    )
    assert [type(e) for e in events] == [ev.DraftSubmitted, ev.ReviewRequested]
    assert events[1].parties == state.review_parties  # type: ignore[attr-defined]
    assert state.checkpoint(1).status == "in_review"  # type: ignore[union-attr]


def test_all_approving_reviews_pass_the_ijkmoment_and_open_the_next() -> None:
    state = pass_checkpoint(started(), 1)
    assert state.checkpoint(1).status == "passed"  # type: ignore[union-attr]
    assert state.phase is Phase.CHECKPOINT_2


def test_an_aanvullen_review_asks_for_a_revision_and_a_new_draft_restarts_reviews() -> None:
    state, _ = run(
        started(), cmd.SubmitDraft(actor="gs", checkpoint=1, document_ref="d", summary="s")
    )
    parties = state.checkpoint(1).requested  # type: ignore[union-attr]
    for i, party in enumerate(parties):
        outcome = "aanvullen" if i == 0 else "akkoord"
        state, events = run(
            state, cmd.SubmitReview(actor=party, checkpoint=1, party=party, outcome=outcome)
        )
    assert isinstance(events[-1], ev.RevisionRequested)
    assert state.checkpoint(1).status == "revision"  # type: ignore[union-attr]
    state, _ = run(state, cmd.SubmitDraft(actor="gs", checkpoint=1, document_ref="d2", summary="s"))
    cp = state.checkpoint(1)
    assert cp is not None and cp.draft_no == 2 and cp.reviews == () and cp.status == "in_review"


def test_a_schuurpunt_blocks_the_ijkmoment_until_it_is_resolved() -> None:
    state, _ = run(
        started(), cmd.SubmitDraft(actor="gs", checkpoint=1, document_ref="d", summary="s")
    )
    parties = state.checkpoint(1).requested  # type: ignore[union-attr]
    state, events = run(
        state,
        cmd.SubmitReview(
            actor="x", checkpoint=1, party=parties[0], outcome="schuurpunt", remarks="Stikstof"
        ),
    )
    assert isinstance(events[-1], FrictionRaised)
    for party in parties[1:]:
        state, _ = run(
            state, cmd.SubmitReview(actor="x", checkpoint=1, party=party, outcome="akkoord")
        )
    assert state.checkpoint(1).status == "blocked"  # type: ignore[union-attr]
    state, events = run(
        state, ChangeFriction(actor="duo", friction_id="S1", status="opgelost", note="keuze")
    )
    assert isinstance(events[-1], ev.CheckpointPassed)
    assert state.phase is Phase.CHECKPOINT_2


def test_a_review_for_ijkmoment_four_is_refused_naming_the_ijkmomenten() -> None:
    with pytest.raises(UnknownReference, match="unknown ijkmoment 4"):
        run(
            started(),
            cmd.SubmitReview(actor="x", checkpoint=4, party="programmes", outcome="akkoord"),
        )


def test_a_review_for_a_closed_ijkmoment_is_refused() -> None:
    state = pass_checkpoint(started(), 1)
    with pytest.raises(InvalidTransition, match="ijkmoment 1 is closed"):
        run(state, cmd.SubmitReview(actor="x", checkpoint=1, party="programmes", outcome="akkoord"))


def test_a_review_by_a_party_not_asked_is_refused() -> None:
    state, _ = run(
        started(), cmd.SubmitDraft(actor="gs", checkpoint=1, document_ref="d", summary="s")
    )
    with pytest.raises(NotAuthorized, match="was not asked"):
        run(
            state,
            cmd.SubmitReview(actor="x", checkpoint=1, party="area:de-peel", outcome="akkoord"),
        )


def test_a_coordinator_closes_an_ijkmoment_with_a_recorded_decision() -> None:
    state, events = run(
        started(),
        cmd.CloseCheckpoint(actor="regieteam", checkpoint=1, decision="door", reason="tijd"),
    )
    assert isinstance(events[0], ev.CheckpointClosed) and events[0].reason == "tijd"
    assert state.phase is Phase.CHECKPOINT_2


def test_adoption_waits_for_perspectives_unless_waived_with_a_reason() -> None:
    state = through_checkpoints("ZH")
    state, _ = run(
        state,
        cmd.SubmitProposal(
            actor="gs",
            document_ref="v",
            summary="s",
            builds_on=("groene-hart", "rotterdamse-haven"),
        ),
    )
    with pytest.raises(InvalidTransition, match="groene-hart, rotterdamse-haven"):
        run(state, cmd.AdoptProposal(actor="minister-vro"))
    state, _ = run(
        state, cmd.DeliverPerspective(actor="area", area="groene-hart", document_ref="op")
    )
    assert state.missing_perspectives == ("rotterdamse-haven",)
    with pytest.raises(AlreadyDone, match="already delivered"):  # a message repeated: no alarm
        run(state, cmd.DeliverPerspective(actor="area", area="groene-hart", document_ref="op"))
    state, _ = run(
        state, cmd.WaivePerspective(actor="regieteam", area="rotterdamse-haven", reason="later")
    )
    state, _ = run(state, cmd.AdoptProposal(actor="minister-vro"))
    assert state.phase is Phase.ARRANGEMENT
    with pytest.raises(InvalidTransition, match="adopted"):
        run(state, cmd.SubmitProposal(actor="gs", document_ref="v2", summary="s"))


def test_both_signatories_sign_in_either_order_and_the_arrangement_becomes_immutable() -> None:
    state = ready_to_sign()
    text_hash = state.arrangement.text_hash
    state, events = run(
        state, cmd.SignArrangement(actor="gd", signatory="gedeputeerde-ge", text_hash=text_hash)
    )
    assert state.phase is Phase.ARRANGEMENT and len(events) == 1
    state, events = run(
        state, cmd.SignArrangement(actor="m", signatory="minister-vro", text_hash=text_hash)
    )
    assert isinstance(events[-1], ev.ArrangementConcluded)
    assert state.phase is Phase.SIGNED and state.arrangement.signed  # type: ignore[union-attr]
    with pytest.raises(InvalidTransition):
        run(state, cmd.DraftArrangement(actor="x", text="nieuw", agreements=AGREEMENTS))


def test_signing_is_refused_for_strangers_repeats_and_outdated_texts() -> None:
    state = ready_to_sign()
    text_hash = state.arrangement.text_hash
    with pytest.raises(NotAuthorized, match="not a signatory"):
        run(state, cmd.SignArrangement(actor="x", signatory="gedeputeerde-zh", text_hash=text_hash))
    with pytest.raises(DomainError, match="outdated text"):
        run(state, cmd.SignArrangement(actor="x", signatory="minister-vro", text_hash="0" * 64))
    state, _ = run(
        state, cmd.SignArrangement(actor="m", signatory="minister-vro", text_hash=text_hash)
    )
    with pytest.raises(DomainError, match="already signed"):
        run(state, cmd.SignArrangement(actor="m", signatory="minister-vro", text_hash=text_hash))


def test_a_refusal_sends_the_text_back_to_negotiation_with_a_new_hash() -> None:
    state = ready_to_sign()
    old = state.arrangement.text_hash
    state, _ = run(state, cmd.SignArrangement(actor="m", signatory="minister-vro", text_hash=old))
    state, _ = run(
        state, cmd.RefuseArrangement(actor="g", signatory="gedeputeerde-ge", reason="geld")
    )
    assert state.arrangement.signatures == ()  # type: ignore[union-attr]
    with pytest.raises(InvalidTransition, match="refused"):
        run(state, cmd.SignArrangement(actor="m", signatory="minister-vro", text_hash=old))
    new_agreements = (*AGREEMENTS, Agreement(id="A2", text="Extra bijdrage"))
    state, _ = run(state, cmd.DraftArrangement(actor="r", text="RA", agreements=new_agreements))
    assert state.arrangement.text_hash == Arrangement.hash_text("RA", new_agreements) != old  # type: ignore[union-attr]


def test_a_signature_can_be_withdrawn_before_the_other_side_signs() -> None:
    state = ready_to_sign()
    h = state.arrangement.text_hash
    state, _ = run(state, cmd.SignArrangement(actor="m", signatory="minister-vro", text_hash=h))
    state, _ = run(
        state, cmd.WithdrawSignature(actor="m", signatory="minister-vro", reason="herzien")
    )
    assert state.arrangement.signatures == ()  # type: ignore[union-attr]


def test_a_procesafspraak_keeps_the_journey_open_toward_a_later_arrangement() -> None:
    state = ready_to_sign("GR")
    state, _ = run(
        state, cmd.ConcludeProcessAgreement(actor="r", text="Onderweg naar RA", reason="gaswinning")
    )
    assert state.phase is Phase.PROCESS_AGREEMENT
    state, _ = run(state, cmd.DraftArrangement(actor="r", text="RA 2", agreements=AGREEMENTS))
    assert state.phase is Phase.ARRANGEMENT


def test_an_amendment_opens_a_new_round_after_signing() -> None:
    state = ready_to_sign()
    h = state.arrangement.text_hash
    for who in ("minister-vro", "gedeputeerde-ge"):
        state, _ = run(state, cmd.SignArrangement(actor=who, signatory=who, text_hash=h))
    state, _ = run(state, cmd.StartAmendment(actor="r", reason="nieuwe opgave"))
    assert state.round == 2 and state.phase is Phase.ARRANGEMENT and state.arrangement is None
    assert state.signed_arrangements == (h,)


def test_moving_a_due_date_resets_its_reminder_and_unknown_deadlines_are_refused() -> None:
    state = started()
    later = T0.replace(year=2024)
    state, _ = run(state, MoveDueDate(actor="r", target="ijkmoment-1", due=later, reason="uitstel"))
    assert state.deadline("ijkmoment-1").due == later  # type: ignore[union-attr]
    assert not state.deadline("ijkmoment-1").reminded  # type: ignore[union-attr]
    with pytest.raises(UnknownReference, match="unknown deadline"):
        run(state, MoveDueDate(actor="r", target="ijkmoment-9", due=later, reason="x"))


def test_an_overdue_deadline_records_the_miss_and_an_escalation_request() -> None:
    state = started()
    due = state.deadline("ijkmoment-1").due  # type: ignore[union-attr]
    with pytest.raises(InvalidTransition, match="not due"):
        run(state, MarkOverdue(actor="novex", target="ijkmoment-1"), at=T0)
    state, events = run(state, MarkOverdue(actor="novex", target="ijkmoment-1"), at=due)
    assert [type(e) for e in events] == [DeadlineMissed, EscalationRequested]
    assert state.deadline("ijkmoment-1").overdue  # type: ignore[union-attr]


def test_an_opgave_can_be_added_and_reclassified_while_the_journey_runs() -> None:
    state, _ = run(
        started(),
        cmd.AddTask(
            actor="r",
            task={"id": "T1", "title": "Woningbouw", "programme": "woningbouw", "kind": "onzeker"},
        ),
    )
    state, _ = run(
        state, cmd.ReclassifyTask(actor="r", task_id="T1", kind="concreet", reason="keuze")
    )
    assert state.tasks[0].kind.value == "concreet"
    with pytest.raises(UnknownReference):
        run(state, cmd.ReclassifyTask(actor="r", task_id="T9", kind="concreet", reason="x"))


def test_a_changed_ladder_is_used_by_later_escalations_and_a_bad_one_is_refused() -> None:
    from domain.shared.ladder import LadderRung

    state = started()
    bol = (LadderRung(level=1, name="BOL", kind="forum", members=("bol",), decision_days=30),)
    state, events = run(state, ChangeEscalationLadder(actor="r", ladder=bol, reason="nieuw"))
    assert isinstance(events[0], EscalationLadderChanged) and state.escalation_ladder == bol
    with pytest.raises(DomainError, match="already climbs"):
        run(state, ChangeEscalationLadder(actor="r", ladder=bol, reason="nog eens"))
    gap = (bol[0].model_copy(update={"level": 2}),)
    with pytest.raises(DomainError, match=r"levels must run 1\.\.n"):
        run(state, ChangeEscalationLadder(actor="r", ladder=gap, reason="fout"))
