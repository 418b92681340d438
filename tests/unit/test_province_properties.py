"""Property tests: any sequence of commands keeps a journey consistent; refusals change nothing."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from config.catalog_file import load_catalog
from domain.catalog.planning import journey_start
from domain.province import commands as cmd
from domain.province.rules import decide, start
from domain.province.state import Phase, ProvinceJourney, fold
from domain.shared.commands import ChangeFriction, Command, MarkOverdue
from domain.shared.errors import DomainError
from domain.shared.events import Event
from tests.unit.journey import T0, new_id

CATALOG = load_catalog()

PARTIES = ["rijk-accountteam", "programmes", "area:arnhem-nijmegen-foodvalley", "area:de-peel"]
SIGNERS = ["minister-vro", "gedeputeerde-ge", "gedeputeerde-zh"]
OUTCOMES = ["akkoord", "akkoord met opmerkingen", "aanvullen", "schuurpunt"]


def commands_for(state: ProvinceJourney) -> st.SearchStrategy[Command]:
    h = state.arrangement.text_hash if state.arrangement else "0" * 64
    n = st.integers(min_value=0, max_value=4)
    return st.one_of(
        n.map(lambda c: cmd.SubmitDraft(actor="gs", checkpoint=c, document_ref="d", summary="s")),
        st.builds(
            lambda c, p, o: cmd.SubmitReview(
                actor=p,
                checkpoint=c,
                party=p,
                outcome=o,
                remarks="punt" if o == "schuurpunt" else "",
            ),
            n,
            st.sampled_from(PARTIES),
            st.sampled_from(OUTCOMES),
        ),
        st.builds(
            lambda f, s: ChangeFriction(actor="duo", friction_id=f, status=s),
            st.sampled_from(["S1", "S2", "S3"]),
            st.sampled_from(["in behandeling", "opgelost", "geëscaleerd", "besloten"]),
        ),
        n.map(lambda c: cmd.CloseCheckpoint(actor="r", checkpoint=c, decision="door", reason="r")),
        st.just(cmd.SubmitProposal(actor="gs", document_ref="v", summary="s")),
        st.just(cmd.AdoptProposal(actor="m")),
        st.just(cmd.DraftArrangement(actor="r", text="RA", agreements=({"id": "A", "text": "t"},))),
        st.sampled_from(SIGNERS).map(
            lambda s: cmd.SignArrangement(actor=s, signatory=s, text_hash=h)
        ),
        st.sampled_from(SIGNERS).map(
            lambda s: cmd.RefuseArrangement(actor=s, signatory=s, reason="nee")
        ),
        st.sampled_from(SIGNERS).map(
            lambda s: cmd.WithdrawSignature(actor=s, signatory=s, reason="terug")
        ),
        st.just(cmd.ConcludeProcessAgreement(actor="r", text="pa", reason="r")),
        st.just(cmd.StartAmendment(actor="r", reason="nieuw")),
        st.sampled_from(["ijkmoment-1", "voorstel", "arrangement"]).map(
            lambda t: MarkOverdue(actor="novex", target=t)
        ),
    )


def check_consistent(state: ProvinceJourney, history: list[Event]) -> None:
    assert state.version == len(history)
    assert fold(history) == state  # folding from scratch gives the same state
    current = state.current_checkpoint
    if state.phase.value.startswith("ijkmoment"):
        assert current is not None and state.phase.value == f"ijkmoment {current.number}"
    else:
        assert current is None
    if state.phase is Phase.SIGNED:
        assert state.arrangement is not None and state.arrangement.signed
        signed = {s.signatory for s in state.arrangement.signatures}
        assert signed == {s.id for s in state.signatories}
    if state.arrangement is not None:
        for signature in state.arrangement.signatures:
            assert signature.text_hash == state.arrangement.text_hash
    if state.proposal.adopted:
        assert not state.missing_perspectives
    ids = [f.id for f in state.frictions]
    assert len(ids) == len(set(ids))


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_any_command_sequence_keeps_the_journey_consistent_and_refusals_emit_nothing(
    data: st.DataObject,
) -> None:
    history = _start_events()
    state = fold(history)
    now = T0
    for _ in range(data.draw(st.integers(min_value=1, max_value=40))):
        command = data.draw(commands_for(state))
        now += timedelta(days=data.draw(st.integers(min_value=0, max_value=60)))
        before = state.model_copy(deep=True)  # a copy: a change made in place would show
        try:
            events = decide(state, command, now=now, new_id=new_id)
        except DomainError:
            assert state == before
            continue
        assert events, f"{command.type} accepted but produced no events"
        for event in events:
            history.append(event)
        state = fold(events, state)
        check_consistent(state, history)


def _start_events() -> list[Event]:
    return start(ProvinceJourney(), journey_start(CATALOG, "GE", actor="r"), now=T0, new_id=new_id)


def test_a_state_changed_in_place_no_longer_equals_its_copy_from_before() -> None:
    state = fold(_start_events())
    before = state.model_copy(deep=True)
    state.delivered["de-peel"] = "ontwikkelperspectief.pdf"  # what a faulty rule might do
    assert state != before
