"""The authorization matrix: every role × every command × own/other scope, allow or deny."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from domain.area import commands as ac
from domain.area.agenda import Action, Dependency, External
from domain.area.events import Contribution
from domain.escalation import commands as es
from domain.escalation.events import Decision
from domain.province import commands as cmd
from domain.shared.commands import (
    ChangeEscalationLadder,
    ChangeFriction,
    Command,
    MoveDueDate,
    RaiseFriction,
)
from domain.shared.ladder import LadderRung
from domain.shared.models import Agreement, Task
from service.authorization import Forbidden, Role, authorize
from store.tokens import TokenHolder

WHEN = datetime(2030, 1, 1, tzinfo=UTC)
DECISION = Decision(kind="schuurpunt beslecht", text="keuze")
LADDER = (LadderRung(level=1, name="BOL", kind="forum", members=("bol",), decision_days=30),)
ACTION = Action(
    id="a", title="a", owner="o", planned_start=date(2030, 1, 1), planned_end=date(2030, 2, 1)
)


def province_commands(party: str, signatory: str) -> dict[str, Command]:
    a = "x"
    return {
        "AddTask": cmd.AddTask(
            actor=a, task=Task(id="t", title="t", programme="p", kind="concreet")
        ),
        "ReclassifyTask": cmd.ReclassifyTask(actor=a, task_id="t", kind="onzeker", reason="r"),
        "SubmitDraft": cmd.SubmitDraft(actor=a, checkpoint=1, document_ref="d", summary="s"),
        "SubmitReview": cmd.SubmitReview(actor=a, checkpoint=1, party=party, outcome="akkoord"),
        "RaiseFriction": RaiseFriction(actor=a, description="d"),
        "ChangeFriction": ChangeFriction(actor=a, friction_id="S1", status="opgelost"),
        "CloseCheckpoint": cmd.CloseCheckpoint(actor=a, checkpoint=1, decision="d", reason="r"),
        "MoveDueDate": MoveDueDate(actor=a, target="voorstel", due=WHEN, reason="r"),
        "SubmitProposal": cmd.SubmitProposal(actor=a, document_ref="d", summary="s"),
        "DeliverPerspective": cmd.DeliverPerspective(actor=a, area="x", document_ref="d"),
        "WaivePerspective": cmd.WaivePerspective(actor=a, area="x", reason="r"),
        "AdoptProposal": cmd.AdoptProposal(actor=a),
        "DraftArrangement": cmd.DraftArrangement(
            actor=a, text="t", agreements=(Agreement(id="A", text="t"),)
        ),
        "SignArrangement": cmd.SignArrangement(actor=a, signatory=signatory, text_hash="0" * 64),
        "RefuseArrangement": cmd.RefuseArrangement(actor=a, signatory=signatory, reason="r"),
        "WithdrawSignature": cmd.WithdrawSignature(actor=a, signatory=signatory, reason="r"),
        "ConcludeProcessAgreement": cmd.ConcludeProcessAgreement(actor=a, text="t", reason="r"),
        "StartAmendment": cmd.StartAmendment(actor=a, reason="r"),
        "ChangeEscalationLadder": ChangeEscalationLadder(actor=a, ladder=LADDER, reason="r"),
    }


def area_commands(party: str, member: str) -> dict[str, Command]:
    a = "x"
    contribution = Contribution(id="c", action_id="a", side="rijk", amount=Decimal(1), fund="f")
    return {
        "DraftPerspective": ac.DraftPerspective(
            actor=a, document_ref="d", summary="s", readiness=1
        ),
        "ReviewPerspective": ac.ReviewPerspective(actor=a, party=party, outcome="akkoord"),
        "AdoptPerspective": ac.AdoptPerspective(actor=a),
        "ReachCheckpoint": ac.ReachCheckpoint(actor=a, checkpoint=1),
        "AddAction": ac.AddAction(actor=a, action=ACTION),
        "RescheduleAction": ac.RescheduleAction(
            actor=a,
            action_id="a",
            planned_start=date(2030, 1, 1),
            planned_end=date(2030, 3, 1),
            reason="r",
        ),
        "StartAction": ac.StartAction(actor=a, action_id="a", on=date(2030, 1, 1)),
        "CompleteAction": ac.CompleteAction(actor=a, action_id="a", on=date(2030, 1, 1)),
        "AddDependency": ac.AddDependency(actor=a, dependency=Dependency(before="a", after="b")),
        "RemoveDependency": ac.RemoveDependency(
            actor=a, dependency=Dependency(before="a", after="b")
        ),
        "RecordExternalMilestone": ac.RecordExternalMilestone(
            actor=a, milestone=External(ref="province:GE/voorstel", expected=date(2030, 1, 1))
        ),
        "CompleteExternal": ac.CompleteExternal(
            actor=a, ref="province:GE/voorstel", on=date(2030, 1, 1)
        ),
        "AddContribution": ac.AddContribution(actor=a, contribution=contribution),
        "AgreeProportion": ac.AgreeProportion(actor=a, rijk_share=Decimal("0.5")),
        "DecideInvestment": ac.DecideInvestment(
            actor=a, decision_id="i", action_id="a", description="d"
        ),
        "ProposeAgreement": ac.ProposeAgreement(actor=a, agreement=Agreement(id="U", text="t")),
        "ConfirmAgreement": ac.ConfirmAgreement(actor=a, agreement_id="U", member=member),
        "RaiseFriction": RaiseFriction(actor=a, description="d"),
        "ChangeFriction": ChangeFriction(actor=a, friction_id="S1", status="opgelost"),
        "MoveDueDate": MoveDueDate(actor=a, target="ijkpunt-1", due=WHEN, reason="r"),
        "ChangeEscalationLadder": ChangeEscalationLadder(actor=a, ladder=LADDER, reason="r"),
    }


def escalation_commands(member: str) -> dict[str, Command]:
    return {
        "ProposeDecision": es.ProposeDecision(actor="x", member=member, decision=DECISION),
        "AgreeToProposal": es.AgreeToProposal(actor="x", member=member, proposal_id="P1"),
        "DisagreeWithProposal": es.DisagreeWithProposal(
            actor="x", member=member, proposal_id="P1", reason="r"
        ),
        "RequestExtension": es.RequestExtension(actor="x", member=member, days=7, reason="r"),
    }


# The expected matrix, in words: a coordinator runs the process but neither reviews, signs nor
# decides escalations; a province official works on its own province (drafts, voorstel,
# opgaven, frictions) and on area work in its provinces; a Rijk official adopts the voorstel,
# drafts arrangements and works on agendas; a reviewer reviews (for its own party) and may raise
# frictions; a duo member only decides escalations and confirms agreements as itself; a
# signatory only signs, refuses or withdraws as itself; a viewer gives no command.
EXPECTED: dict[Role, dict[str, set[str]]] = {
    Role.COORDINATOR: {
        "province": {
            "AddTask",
            "ReclassifyTask",
            "SubmitDraft",
            "SubmitReview",
            "RaiseFriction",
            "ChangeFriction",
            "CloseCheckpoint",
            "MoveDueDate",
            "SubmitProposal",
            "DeliverPerspective",
            "WaivePerspective",
            "AdoptProposal",
            "DraftArrangement",
            "ConcludeProcessAgreement",
            "StartAmendment",
            "ChangeEscalationLadder",
        },
        "area": {
            "DraftPerspective",
            "ReviewPerspective",
            "AdoptPerspective",
            "ReachCheckpoint",
            "AddAction",
            "RescheduleAction",
            "StartAction",
            "CompleteAction",
            "AddDependency",
            "RemoveDependency",
            "RecordExternalMilestone",
            "CompleteExternal",
            "AddContribution",
            "AgreeProportion",
            "DecideInvestment",
            "ProposeAgreement",
            "RaiseFriction",
            "ChangeFriction",
            "MoveDueDate",
            "ChangeEscalationLadder",
        },
        "escalation": set(),
    },
    Role.PROVINCE_OFFICIAL: {
        "province": {"AddTask", "SubmitDraft", "RaiseFriction", "SubmitProposal"},
        "area": {
            "DraftPerspective",
            "AddAction",
            "RescheduleAction",
            "StartAction",
            "CompleteAction",
            "AddDependency",
            "AddContribution",
            "RaiseFriction",
        },
        "escalation": set(),
    },
    Role.RIJK_OFFICIAL: {
        "province": {"RaiseFriction", "AdoptProposal", "DraftArrangement"},
        "area": {
            "DraftPerspective",
            "AddAction",
            "RescheduleAction",
            "StartAction",
            "CompleteAction",
            "AddDependency",
            "AddContribution",
            "DecideInvestment",
            "RaiseFriction",
        },
        "escalation": set(),
    },
    Role.REVIEWER: {
        "province": {"SubmitReview", "RaiseFriction"},
        "area": {"ReviewPerspective", "RaiseFriction"},
        "escalation": set(),
    },
    Role.DUO_MEMBER: {
        "province": set(),
        "area": {"ConfirmAgreement"},
        "escalation": {
            "ProposeDecision",
            "AgreeToProposal",
            "DisagreeWithProposal",
            "RequestExtension",
        },
    },
    Role.SIGNATORY: {
        "province": {"SignArrangement", "RefuseArrangement", "WithdrawSignature"},
        "area": set(),
        "escalation": set(),
    },
    Role.VIEWER: {"province": set(), "area": set(), "escalation": set()},
}
SCOPES = {
    Role.PROVINCE_OFFICIAL: ("GE", "ZH"),
    Role.REVIEWER: ("rijk-accountteam", "programmes"),
    Role.DUO_MEMBER: ("dg-groene-hart", "secretaris-groene-hart"),
    Role.SIGNATORY: ("gedeputeerde-ge", "minister-vro"),
}
SCOPED_TYPES = {
    "SubmitReview",
    "ReviewPerspective",
    "SignArrangement",
    "RefuseArrangement",
    "WithdrawSignature",
    "ConfirmAgreement",
    "ProposeDecision",
    "AgreeToProposal",
    "DisagreeWithProposal",
    "RequestExtension",
}


def _commands(kind: str, value: str) -> dict[str, Command]:
    if kind == "province":
        return province_commands(value, value)
    if kind == "area":
        return area_commands(value, value)
    return escalation_commands(value)


def _allowed(role: Role, kind: str, command: Command, scope: str | None, own: bool) -> bool:
    holder = TokenHolder(actor="t", role=role.value, scope=scope)
    provinces = ("GE", "UT") if own or role is not Role.PROVINCE_OFFICIAL else ("ZH",)
    try:
        authorize(holder, kind, command, provinces=provinces)
    except Forbidden:
        return False
    return True


CASES: list[tuple[Role, str, bool]] = [
    (role, kind, own)
    for role in Role
    for kind in ("province", "area", "escalation")
    for own in (True, False)
]


@pytest.mark.parametrize(("role", "kind", "own"), CASES, ids=lambda v: str(getattr(v, "value", v)))
def test_the_authorization_matrix_matches_exactly(role: Role, kind: str, own: bool) -> None:
    own_scope, other_scope = SCOPES.get(role, (None, None))
    # a scoped command is "own" when its party/signatory/member is the holder's scope
    value = (own_scope if own else other_scope) or "someone"
    actual: dict[str, bool] = {
        name: _allowed(role, kind, command, own_scope, own)
        for name, command in _commands(kind, value).items()
    }
    expected: dict[str, bool] = {}
    for name in actual:
        in_role = name in EXPECTED[role][kind]
        if role is Role.PROVINCE_OFFICIAL or (role in SCOPES and name in SCOPED_TYPES):
            expected[name] = in_role and own
        else:
            expected[name] = in_role
    assert actual == expected


def test_every_command_type_of_every_process_is_in_the_matrix() -> None:
    from typing import get_args

    def types(union: Any) -> set[str]:
        members = get_args(get_args(union)[0])
        return {m.model_fields["type"].default for m in members}

    province_types = types(cmd.ProvinceCommand) - {
        "IssueReminder",
        "MarkOverdue",
        "RecordEscalationDecision",
    }
    area_types = types(ac.AreaCommand) - {
        "IssueReminder",
        "MarkOverdue",
        "RecordEscalationDecision",
        "ConfirmDelivery",
    }
    assert set(province_commands("p", "s")) == province_types
    assert set(area_commands("p", "m")) == area_types
