"""The authorization matrix: every role × every command × own/other scope, allow or deny."""

from __future__ import annotations

from typing import Any

import pytest

from domain.area import commands as ac
from domain.province import commands as cmd
from domain.shared.commands import Command
from service.authorization import Forbidden, Role, authorize
from store.tokens import TokenHolder
from tests.unit.command_samples import area_commands, escalation_commands, province_commands

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
