"""Generated commands for a NOVEX area's process, drawn from the state it is in: the step that
moves it on, any command with valid and invalid references and amounts within their bounds,
and malformed JSON (amounts out of their bounds among it)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from domain.area import commands as ac
from domain.area.agenda import Action, Dependency, External
from domain.area.events import Contribution
from domain.area.state import AreaPhase, AreaProcess
from domain.shared.commands import ChangeFriction, Command, MoveDueDate, RaiseFriction
from domain.shared.models import Agreement, FrictionStatus, PartySide, ReviewOutcome
from tests.workflows.stateful_province import FAR, OUTCOMES, far_ahead

ACTIONS = ["mirt", "trace", "bouw"]
DAY0 = date(2031, 1, 1)
DAYS = st.integers(min_value=0, max_value=400)
AMOUNTS = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999999999999999.99"), places=2)
SHARES = st.decimals(min_value=0, max_value=1, places=3)


def _on(day: int) -> date:
    return DAY0 + timedelta(days=day)


def _action(action_id: str, start: int, length: int, deadline: int | None) -> Action:
    return Action(
        id=action_id,
        title=action_id,
        owner="IenW",
        planned_start=_on(start),
        planned_end=_on(start + length),
        deadline=None if deadline is None else _on(deadline),
        budget=Decimal(1_000_000),
    )


def _new_action(state: AreaProcess) -> st.SearchStrategy[Command]:
    ids = [a for a in ACTIONS if a not in state.actions] or ACTIONS
    return st.builds(
        lambda i, s, n, d: ac.AddAction(actor="r", action=_action(i, s, n, d)),
        st.sampled_from(ids),
        DAYS,
        st.integers(min_value=1, max_value=200),
        st.none() | DAYS,
    )


def advance(state: AreaProcess) -> st.SearchStrategy[Command]:
    """The command that moves the area on from where it is (well-formed, usually accepted)."""
    if state.phase is not AreaPhase.ADOPTED:
        held = [f.id for f in state.open_frictions()]
        revise = any(r.outcome is ReviewOutcome.REVISE for r in state.reviews)
        if state.phase is AreaPhase.IN_REVIEW and held:
            return st.just(ChangeFriction(actor="duo", friction_id=held[0], status="opgelost"))
        if state.phase is AreaPhase.IN_REVIEW and state.missing_reviews:
            return st.builds(
                lambda p, o: ac.ReviewPerspective(actor=p, party=p, outcome=o, remarks="r"),
                st.sampled_from(list(state.missing_reviews)),
                st.sampled_from([ReviewOutcome.APPROVED, *ReviewOutcome]),
            )
        if state.phase is AreaPhase.IN_REVIEW and not revise:
            return st.just(ac.AdoptPerspective(actor="duo"))
        return st.just(
            ac.DraftPerspective(actor="regio", document_ref="op", summary="s", readiness=80)
        )
    members = list(state.duo_members)
    return st.one_of(
        _new_action(state),
        _investments(state),
        st.builds(
            lambda i, m: ac.ConfirmAgreement(actor=m, agreement_id=i, member=m),
            st.sampled_from([a.agreement.id for a in state.agreements] or ["U1"]),
            st.sampled_from(members),
        ),
    )


def _investments(state: AreaProcess) -> st.SearchStrategy[Command]:
    actions = st.sampled_from([*state.actions, "nergens"])
    return st.one_of(
        st.builds(
            lambda i, a, s, m: ac.AddContribution(
                actor="r",
                contribution=Contribution(id=i, action_id=a, side=s, amount=m, fund="f"),
            ),
            st.sampled_from(["c1", "c2", "c3"]),
            actions,
            st.sampled_from(list(PartySide)),
            AMOUNTS,
        ),
        SHARES.map(lambda s: ac.AgreeProportion(actor="duo", rijk_share=s)),
        st.builds(
            lambda i, a: ac.DecideInvestment(
                actor="duo", decision_id=i, action_id=a, description="besluit"
            ),
            st.sampled_from(["B1", "B2"]),
            actions,
        ),
        st.sampled_from(["U1", "U2"]).map(
            lambda i: ac.ProposeAgreement(actor="r", agreement=Agreement(id=i, text="afspraak"))
        ),
    )


def _agenda(state: AreaProcess) -> st.SearchStrategy[Command]:
    ids = st.sampled_from([*ACTIONS, "nergens"])
    refs = st.sampled_from(["province:GR/voorstel", "area:lelylijn/bouw", *state.externals])
    return st.one_of(
        _new_action(state),
        st.builds(
            lambda i, s, n: ac.RescheduleAction(
                actor="r", action_id=i, planned_start=_on(s), planned_end=_on(s + n), reason="r"
            ),
            ids,
            DAYS,
            st.integers(min_value=-5, max_value=100),
        ),
        st.builds(lambda i, d: ac.StartAction(actor="r", action_id=i, on=_on(d)), ids, DAYS),
        st.builds(lambda i, d: ac.CompleteAction(actor="r", action_id=i, on=_on(d)), ids, DAYS),
        st.builds(
            lambda b, a: ac.AddDependency(actor="r", dependency=Dependency(before=b, after=a)),
            ids | refs,
            ids,
        ),
        st.builds(
            lambda b, a: ac.RemoveDependency(actor="r", dependency=Dependency(before=b, after=a)),
            ids,
            ids,
        ),
        st.builds(
            lambda r, d: ac.RecordExternalMilestone(
                actor="r", milestone=External(ref=r, expected=_on(d))
            ),
            refs,
            DAYS,
        ),
        st.builds(lambda r, d: ac.CompleteExternal(actor="r", ref=r, on=_on(d)), refs, DAYS),
    )


def _perspective(state: AreaProcess) -> st.SearchStrategy[Command]:
    parties = st.sampled_from([*state.review_parties, "stranger"])
    members = st.sampled_from([*state.duo_members, "stranger"])
    targets = st.sampled_from([*(d.target for d in state.deadlines), "ijkpunt-9"])
    return st.one_of(
        st.integers(min_value=0, max_value=100).map(
            lambda n: ac.DraftPerspective(actor="r", document_ref="op", summary="s", readiness=n)
        ),
        st.builds(
            lambda p, o, r: ac.ReviewPerspective(actor=p, party=p, outcome=o, remarks=r),
            parties,
            OUTCOMES,
            st.sampled_from(["", "opmerking"]),
        ),
        st.just(ac.AdoptPerspective(actor="duo")),
        st.integers(min_value=0, max_value=3).map(
            lambda n: ac.ReachCheckpoint(actor="r", checkpoint=n)
        ),
        st.builds(
            lambda i, m: ac.ConfirmAgreement(actor=m, agreement_id=i, member=m),
            st.sampled_from(["U1", "U9"]),
            members,
        ),
        st.just(RaiseFriction(actor="r", description="stikstof")),
        st.builds(
            lambda f, s: ChangeFriction(actor="duo", friction_id=f, status=s),
            st.sampled_from([*(f.id for f in state.frictions), "S99"]),
            st.sampled_from(list(FrictionStatus)),
        ),
        st.builds(
            lambda t, d: MoveDueDate(actor="r", target=t, due=far_ahead(d), reason="later"),
            targets,
            FAR,
        ),
    )


def any_command(state: AreaProcess) -> st.SearchStrategy[Command]:
    """Any well-formed command, naming what the area knows or what it does not."""
    return st.one_of(_perspective(state), _agenda(state), _investments(state))


def _contribution(amount: Any) -> dict[str, Any]:
    contribution = {"id": "c9", "action_id": "mirt", "side": "rijk", "fund": "f"}
    return {
        "type": "AddContribution",
        "actor": "r",
        "contribution": {**contribution, "amount": amount},
    }


MALFORMED: tuple[dict[str, Any], ...] = (
    _contribution("1e309"),
    _contribution("NaN"),
    _contribution("-Infinity"),
    _contribution("0.001"),
    _contribution(1e20),
    _contribution(0),
    {"type": "AgreeProportion", "actor": "duo", "rijk_share": "0.3333"},
    {"type": "AgreeProportion", "actor": "duo", "rijk_share": 2},
    {
        "type": "DraftPerspective",
        "actor": "r",
        "document_ref": "d",
        "summary": "s",
        "readiness": 101,
    },
    {"type": "AddAction", "actor": "r", "action": {"id": "x y", "title": "t", "owner": "o"}},
    {"type": "ReachCheckpoint", "actor": "r", "checkpoint": "twee"},
    {"type": "Verzin", "actor": "x"},
)


def malformed() -> st.SearchStrategy[dict[str, Any]]:
    """A command no area can read: amounts out of bounds, wrong types, an unknown type."""
    return st.sampled_from(MALFORMED)
