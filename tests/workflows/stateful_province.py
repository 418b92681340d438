"""Generated commands for a province's journey, drawn from the state it is in: the step that
moves it on, any command with valid and invalid references, and malformed JSON."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from hypothesis import strategies as st

from domain.province import commands as cmd
from domain.province.state import Phase, ProvinceJourney
from domain.shared.commands import (
    ChangeFriction,
    Command,
    IssueReminder,
    MarkOverdue,
    MoveDueDate,
    RaiseFriction,
)
from domain.shared.models import Agreement, FrictionStatus, ReviewOutcome, Task, TaskKind

ACTORS = st.sampled_from(["regieteam", "gs-gelderland", "accountteam", "minister-vro"])
OUTCOMES = st.sampled_from(list(ReviewOutcome))
TEXTS = st.sampled_from(["RA", "RA herzien", "RA met afspraken"])
FAR = st.integers(min_value=500, max_value=900)
"""Days ahead for a moved due date: no timer of the process fires while the test runs."""


def far_ahead(days: int) -> datetime:
    return (datetime.now(UTC) + timedelta(days=days)).replace(microsecond=0)


def _or_unknown(known: list[str], *unknown: str) -> st.SearchStrategy[str]:
    """One of the known values, or one the process does not know."""
    return st.sampled_from([*known, *unknown])


def advance(state: ProvinceJourney) -> st.SearchStrategy[Command]:
    """The command that moves the journey on from where it is (well-formed, usually accepted)."""
    current = state.current_checkpoint
    if current is not None:
        if current.status == "blocked":  # every review in, a schuurpunt open: resolve it
            held = [f.id for f in state.open_frictions(current.number)] or ["S1"]
            return st.sampled_from(held).map(
                lambda f: ChangeFriction(actor="duo", friction_id=f, status="opgelost")
            )
        if current.status in ("open", "revision"):
            return ACTORS.map(
                lambda a: cmd.SubmitDraft(
                    actor=a, checkpoint=current.number, document_ref="d", summary="s"
                )
            )
        missing = list(current.missing_reviews) or list(current.requested) or ["programmes"]
        return st.builds(
            lambda p, o: cmd.SubmitReview(
                actor=p, checkpoint=current.number, party=p, outcome=o, remarks="r"
            ),
            st.sampled_from(missing),
            st.sampled_from([ReviewOutcome.APPROVED, ReviewOutcome.APPROVED, *ReviewOutcome]),
        )
    if not state.proposal.adopted:
        if state.proposal.document_ref is None:
            return st.just(cmd.SubmitProposal(actor="gs", document_ref="voorstel", summary="v"))
        return st.just(cmd.AdoptProposal(actor="minister-vro"))
    if state.phase is Phase.SIGNED:
        return st.just(cmd.StartAmendment(actor="r", reason="nieuwe ronde"))
    if (
        state.arrangement is None
        or state.arrangement_refused
        or state.phase is Phase.PROCESS_AGREEMENT
    ):
        return TEXTS.map(lambda t: cmd.DraftArrangement(actor="r", text=t, agreements=AGREEMENT))
    signed = {x.signatory for x in state.arrangement.signatures}
    waiting = [s.id for s in state.signatories if s.id not in signed] or ["minister-vro"]
    text_hash = state.arrangement.text_hash
    return st.sampled_from(waiting).map(
        lambda s: cmd.SignArrangement(actor=s, signatory=s, text_hash=text_hash)
    )


AGREEMENT = (Agreement(id="A1", text="Energiehoofdstructuur"),)


def _checkpoint_commands(state: ProvinceJourney) -> st.SearchStrategy[Command]:
    numbers = st.integers(min_value=0, max_value=len(state.checkpoints) + 1)
    parties = _or_unknown(list(state.review_parties), "stranger", "province:XX")
    frictions = _or_unknown([f.id for f in state.frictions], "S99")
    return st.one_of(
        st.builds(
            lambda n, a: cmd.SubmitDraft(actor=a, checkpoint=n, document_ref="d", summary="s"),
            numbers,
            ACTORS,
        ),
        st.builds(
            lambda n, p, o, r: cmd.SubmitReview(
                actor=p, checkpoint=n, party=p, outcome=o, remarks=r
            ),
            numbers,
            parties,
            OUTCOMES,
            st.sampled_from(["", "opmerking"]),
        ),
        st.builds(
            lambda n: RaiseFriction(actor="r", description="netcongestie", checkpoint=n),
            st.none() | numbers,
        ),
        st.builds(
            lambda f, s: ChangeFriction(actor="duo", friction_id=f, status=s),
            frictions,
            st.sampled_from(list(FrictionStatus)),
        ),
        numbers.map(
            lambda n: cmd.CloseCheckpoint(actor="r", checkpoint=n, decision="door", reason="r")
        ),
    )


def _deadline_commands(state: ProvinceJourney) -> st.SearchStrategy[Command]:
    targets = _or_unknown([d.target for d in state.deadlines], "ijkmoment-9", "onbekend")
    return st.one_of(
        st.builds(
            lambda t, d: MoveDueDate(actor="r", target=t, due=far_ahead(d), reason="later"),
            targets,
            FAR,
        ),
        targets.map(lambda t: IssueReminder(actor="novex", target=t)),
        targets.map(lambda t: MarkOverdue(actor="novex", target=t)),
    )


def _journey_commands(state: ProvinceJourney) -> st.SearchStrategy[Command]:
    tasks = _or_unknown([t.id for t in state.tasks], "onbekend")
    areas = _or_unknown(list(state.areas), "lelylijn", "nergens")
    signatories = _or_unknown([s.id for s in state.signatories], "gedeputeerde-zh", "niemand")
    hashes = st.sampled_from(
        [state.arrangement.text_hash, "0" * 64] if state.arrangement else ["0" * 64]
    )
    return st.one_of(
        tasks.map(
            lambda t: cmd.AddTask(
                actor="r", task=Task(id=t, title="opgave", programme="nplg", kind="concreet")
            )
        ),
        st.builds(
            lambda t, k: cmd.ReclassifyTask(actor="r", task_id=t, kind=k, reason="r"),
            tasks,
            st.sampled_from(list(TaskKind)),
        ),
        st.lists(areas, max_size=2, unique=True).map(
            lambda a: cmd.SubmitProposal(actor="gs", document_ref="v", summary="s", builds_on=a)
        ),
        areas.map(lambda a: cmd.DeliverPerspective(actor="area", area=a, document_ref="op")),
        areas.map(lambda a: cmd.WaivePerspective(actor="r", area=a, reason="r")),
        st.just(cmd.AdoptProposal(actor="minister-vro")),
        TEXTS.map(lambda t: cmd.DraftArrangement(actor="r", text=t, agreements=AGREEMENT)),
        st.builds(
            lambda s, h: cmd.SignArrangement(actor=s, signatory=s, text_hash=h),
            signatories,
            hashes,
        ),
        signatories.map(lambda s: cmd.RefuseArrangement(actor=s, signatory=s, reason="nee")),
        signatories.map(lambda s: cmd.WithdrawSignature(actor=s, signatory=s, reason="terug")),
        st.just(cmd.ConcludeProcessAgreement(actor="r", text="pa", reason="r")),
        st.builds(
            lambda d: cmd.StartAmendment(actor="r", reason="nieuw", due=d),
            st.none() | FAR.map(far_ahead),
        ),
    )


def any_command(state: ProvinceJourney) -> st.SearchStrategy[Command]:
    """Any well-formed command, naming what the journey knows or what it does not."""
    return st.one_of(
        _checkpoint_commands(state), _deadline_commands(state), _journey_commands(state)
    )


MALFORMED: tuple[dict[str, Any], ...] = (
    {
        "type": "SubmitDraft",
        "actor": "gs",
        "checkpoint": "een",
        "document_ref": "d",
        "summary": "s",
    },
    {"type": "SubmitDraft", "actor": "", "checkpoint": 1, "document_ref": "d", "summary": "s"},
    {"type": "SubmitDraft", "actor": "gs", "checkpoint": 1, "document_ref": "d"},
    {"type": "SubmitDraft", "actor": "gs", "checkpoint": 1, "document_ref": "d", "summary": ""},
    {"type": "SubmitReview", "actor": "x", "checkpoint": 1, "party": "p", "outcome": "ja"},
    {"type": "SignArrangement", "actor": "m", "signatory": "minister-vro", "text_hash": "xyz"},
    {"type": "MoveDueDate", "actor": "r", "target": "voorstel", "due": "morgen", "reason": "r"},
    {"type": "AdoptProposal", "actor": "m", "extra": "not a field"},
    {"type": "Verzin", "actor": "x"},
    {"actor": "x"},
    {"type": "DraftArrangement", "actor": "r", "text": "RA", "agreements": []},
    {"type": "ChangeFriction", "actor": "r", "friction_id": "S1", "status": "weg"},
    {"type": "RaiseFriction", "actor": "r", "description": "x" * 20_001},
)


def malformed() -> st.SearchStrategy[dict[str, Any]]:
    """A command no journey can read: wrong types, missing or extra fields, an unknown type."""
    return st.sampled_from(MALFORMED)
