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


def signed_on(s: ProvinceJourney) -> str:
    """When the arrangement in force was signed: the day of its last signature."""
    signatures = s.arrangement.signatures if s.arrangement else ()
    last = max((x.signed_at for x in signatures), default=None)
    return f"{last:%Y-%m-%d}" if last else "an unrecorded day"


def _settled(s: ProvinceJourney, change: str) -> InvalidTransition:
    """Why the arrangement cannot ``change`` (be signed, be refused, …): it is signed, replaced
    by a procesafspraak, or not drafted yet — and what to do instead."""
    if s.phase is Phase.SIGNED:
        return InvalidTransition(
            f"the arrangement of {s.province} was signed on {signed_on(s)} and cannot {change}; "
            "amend it instead (StartAmendment)"
        )
    if s.phase is Phase.PROCESS_AGREEMENT:
        agreed = s.process_agreement.concluded_at if s.process_agreement else None
        return InvalidTransition(
            f"{s.province} concluded a procesafspraak"
            + (f" on {agreed:%Y-%m-%d}" if agreed else "")
            + f" instead of an arrangement, which cannot {change} until it is drafted again "
            "(DraftArrangement)"
        )
    if s.phase is not Phase.ARRANGEMENT:
        return InvalidTransition(
            f"the journey of {s.province} is at {s.phase}; there is no arrangement yet that "
            f"could {change}: it is drafted after the voorstel is adopted"
        )
    return InvalidTransition(
        f"no arrangement of {s.province} is drafted yet that could {change}; draft one first "
        "(DraftArrangement)"
    )


def draft_arrangement(b: _Builder, c: cmd.DraftArrangement) -> None:
    s = b.state
    if s.phase is Phase.SIGNED:
        raise _settled(s, "be redrafted")
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


def _signable(s: ProvinceJourney, signatory_id: str, change: str) -> Any:
    """The signatory, when the arrangement is open to ``change`` (be signed, be refused, …)."""
    signatory = next((x for x in s.signatories if x.id == signatory_id), None)
    if signatory is None:
        names = ", ".join(x.id for x in s.signatories)
        raise NotAuthorized(f"{signatory_id!r} is not a signatory of this arrangement ({names})")
    if s.arrangement is None or s.phase is not Phase.ARRANGEMENT or s.arrangement.signed:
        raise _settled(s, change)
    if s.arrangement_refused:
        raise InvalidTransition(
            f"the arrangement was refused; it cannot {change} until a new text is drafted"
        )
    return signatory


def sign_arrangement(b: _Builder, c: cmd.SignArrangement) -> None:
    signatory = _signable(b.state, c.signatory, "be signed")
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
    _signable(b.state, c.signatory, "be refused")
    b.add(ev.ArrangementRefused, signatory=c.signatory, reason=c.reason)


def withdraw_signature(b: _Builder, c: cmd.WithdrawSignature) -> None:
    _signable(b.state, c.signatory, "have a signature withdrawn")
    arrangement = b.state.arrangement
    assert arrangement is not None
    if not any(x.signatory == c.signatory for x in arrangement.signatures):
        raise DomainError(f"{c.signatory} has not signed; nothing to withdraw")
    b.add(ev.SignatureWithdrawn, signatory=c.signatory, reason=c.reason)


def conclude_process_agreement(b: _Builder, c: cmd.ConcludeProcessAgreement) -> None:
    s = b.state
    if s.phase is Phase.SIGNED:
        raise _settled(s, "be replaced by a procesafspraak")
    if s.phase is Phase.PROCESS_AGREEMENT and s.process_agreement is not None:
        raise InvalidTransition(
            f"a procesafspraak was already concluded on {s.process_agreement.concluded_at:%Y-%m-%d}"
        )
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
