"""Rules of the ruimtelijk arrangement: drafting, signing, refusing, a procesafspraak, amending."""

from __future__ import annotations

from typing import Any

from domain.province import commands as cmd
from domain.province import events as ev
from domain.province.models import Phase
from domain.province.state import ProvinceJourney
from domain.shared.errors import DomainError, InvalidTransition, NotAuthorized
from domain.shared.models import Arrangement, ProcessAgreement, Signature
from domain.shared.rules import Builder

_Builder = Builder[ProvinceJourney]


def draft_arrangement(b: _Builder, c: cmd.DraftArrangement) -> None:
    s = b.state
    if s.phase not in (Phase.ARRANGEMENT, Phase.PROCESS_AGREEMENT):
        raise InvalidTransition(
            f"an arrangement is drafted after the voorstel is adopted; now: {s.phase}"
        )
    ids = [a.id for a in c.agreements]
    if len(ids) != len(set(ids)):
        raise DomainError("every afspraak needs its own id")
    text_hash = Arrangement.hash_text(c.text, c.agreements)
    if (
        s.arrangement is not None
        and s.arrangement.text_hash == text_hash
        and not s.arrangement_refused
    ):
        raise DomainError("this text is already the current draft")
    b.add(ev.ArrangementDrafted, text=c.text, agreements=c.agreements, text_hash=text_hash)


def _signable(s: ProvinceJourney, signatory_id: str) -> Any:
    signatory = next((x for x in s.signatories if x.id == signatory_id), None)
    if signatory is None:
        names = ", ".join(x.id for x in s.signatories)
        raise NotAuthorized(f"{signatory_id!r} is not a signatory of this arrangement ({names})")
    if s.arrangement is None or s.phase is not Phase.ARRANGEMENT:
        raise InvalidTransition(f"there is no arrangement to sign (phase: {s.phase})")
    if s.arrangement.signed:
        raise InvalidTransition("the arrangement is signed and can no longer change")
    if s.arrangement_refused:
        raise InvalidTransition("the arrangement was refused; a new text must be drafted first")
    return signatory


def sign_arrangement(b: _Builder, c: cmd.SignArrangement) -> None:
    signatory = _signable(b.state, c.signatory)
    arrangement = b.state.arrangement
    assert arrangement is not None
    if any(x.signatory == c.signatory for x in arrangement.signatures):
        raise DomainError(f"{c.signatory} already signed this arrangement")
    if c.text_hash != arrangement.text_hash:
        raise DomainError(
            f"signature on an outdated text: signed {c.text_hash[:12]}…, "
            f"current text is {arrangement.text_hash[:12]}…"
        )
    signature = Signature(
        signatory=signatory.id,
        role=signatory.role,
        side=signatory.side,
        actor=c.actor,
        text_hash=c.text_hash,
        signed_at=b.now,
    )
    b.add(ev.ArrangementSigned, signature=signature)
    signed_by = {x.signatory for x in b.state.arrangement.signatures}  # type: ignore[union-attr]
    if all(x.id in signed_by for x in b.state.signatories):
        b.add(ev.ArrangementConcluded, text_hash=arrangement.text_hash)


def refuse_arrangement(b: _Builder, c: cmd.RefuseArrangement) -> None:
    _signable(b.state, c.signatory)
    b.add(ev.ArrangementRefused, signatory=c.signatory, reason=c.reason)


def withdraw_signature(b: _Builder, c: cmd.WithdrawSignature) -> None:
    _signable(b.state, c.signatory)
    arrangement = b.state.arrangement
    assert arrangement is not None
    if not any(x.signatory == c.signatory for x in arrangement.signatures):
        raise DomainError(f"{c.signatory} has not signed; nothing to withdraw")
    b.add(ev.SignatureWithdrawn, signatory=c.signatory, reason=c.reason)


def conclude_process_agreement(b: _Builder, c: cmd.ConcludeProcessAgreement) -> None:
    if b.state.phase is not Phase.ARRANGEMENT:
        raise InvalidTransition(
            f"a procesafspraak replaces an unsigned arrangement; now: {b.state.phase}"
        )
    agreement = ProcessAgreement(
        text=c.text, reason=c.reason, concluded_by=c.actor, concluded_at=b.now
    )
    b.add(ev.ProcessAgreementConcluded, agreement=agreement)


def start_amendment(b: _Builder, c: cmd.StartAmendment) -> None:
    if b.state.phase is not Phase.SIGNED:
        raise InvalidTransition(f"only a signed arrangement can be amended; now: {b.state.phase}")
    b.add(ev.AmendmentStarted, round=b.state.round + 1, reason=c.reason, due=c.due)
