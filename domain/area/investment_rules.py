"""Rules of investing together: contributions, the Rijk share, investeringsbesluiten, afspraken."""

from __future__ import annotations

from domain.area import commands as ac
from domain.area import events as ae
from domain.area.agenda_rules import known_action
from domain.area.state import AreaProcess
from domain.shared.errors import DomainError, InvalidTransition, NotAuthorized, UnknownReference
from domain.shared.models import InvestmentDecision
from domain.shared.rules import Builder

_Builder = Builder[AreaProcess]


def add_contribution(b: _Builder, c: ac.AddContribution) -> None:
    known_action(b.state, c.contribution.action_id)
    if any(x.id == c.contribution.id for x in b.state.contributions):
        raise DomainError(f"contribution {c.contribution.id!r} already exists")
    b.add(ae.ContributionAdded, contribution=c.contribution)


def agree_proportion(b: _Builder, c: ac.AgreeProportion) -> None:
    if b.state.rijk_share == c.rijk_share:
        raise DomainError(f"the agreed Rijk share is already {c.rijk_share}")
    b.add(ae.ProportionAgreed, rijk_share=c.rijk_share)


def decide_investment(b: _Builder, c: ac.DecideInvestment) -> None:
    known_action(b.state, c.action_id)
    if any(d.id == c.decision_id for d in b.state.decisions):
        raise DomainError(f"investeringsbesluit {c.decision_id!r} already exists")
    decision = InvestmentDecision(
        id=c.decision_id,
        action_id=c.action_id,
        description=c.description,
        decided_by=c.actor,
        decided_at=b.now,
    )
    b.add(ae.InvestmentDecided, decision=decision)


def propose_agreement(b: _Builder, c: ac.ProposeAgreement) -> None:
    if b.state.agreement(c.agreement.id) is not None:
        raise DomainError(f"uitvoeringsafspraak {c.agreement.id!r} already exists")
    b.add(ae.AgreementProposed, agreement=c.agreement)


def confirm_agreement(b: _Builder, c: ac.ConfirmAgreement) -> None:
    s = b.state
    state = s.agreement(c.agreement_id)
    if state is None:
        raise UnknownReference(f"unknown uitvoeringsafspraak {c.agreement_id!r}")
    if c.member not in s.duo_members:
        raise NotAuthorized(
            f"{c.member!r} is not a member of the duo of {s.name} ({', '.join(s.duo_members)})"
        )
    if state.agreed:
        raise InvalidTransition(f"uitvoeringsafspraak {c.agreement_id} is already agreed")
    if c.member in state.confirmed_by:
        raise DomainError(f"{c.member} already confirmed uitvoeringsafspraak {c.agreement_id}")
    b.add(ae.AgreementConfirmed, agreement_id=c.agreement_id, member=c.member)
    confirmed = b.state.agreement(c.agreement_id)
    if confirmed is not None and set(s.duo_members) <= set(confirmed.confirmed_by):
        b.add(ae.AgreementConcluded, agreement_id=c.agreement_id)
