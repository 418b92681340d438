"""Who may do what: roles, scopes, the authorization of every command, who needs a scope."""

from __future__ import annotations

from enum import StrEnum

from domain.shared.commands import Command
from store.tokens import TokenHolder


class Role(StrEnum):
    """The roles a token can carry."""

    COORDINATOR = "coordinator"
    PROVINCE_OFFICIAL = "province_official"
    RIJK_OFFICIAL = "rijk_official"
    REVIEWER = "reviewer"
    DUO_MEMBER = "duo_member"
    SIGNATORY = "signatory"
    VIEWER = "viewer"


class Forbidden(Exception):
    """The holder may not give this command here; the message says why."""


# Which roles may give which command, per kind of process. A role listed here may still be
# limited by its scope (see SCOPED below).
PROVINCE_RULES: dict[str, set[Role]] = {
    "AddTask": {Role.COORDINATOR, Role.PROVINCE_OFFICIAL},
    "ReclassifyTask": {Role.COORDINATOR},
    "SubmitDraft": {Role.COORDINATOR, Role.PROVINCE_OFFICIAL},
    "SubmitReview": {Role.COORDINATOR, Role.REVIEWER},
    "RaiseFriction": {Role.COORDINATOR, Role.PROVINCE_OFFICIAL, Role.RIJK_OFFICIAL, Role.REVIEWER},
    "ChangeFriction": {Role.COORDINATOR},
    "CloseCheckpoint": {Role.COORDINATOR},
    "MoveDueDate": {Role.COORDINATOR},
    "SubmitProposal": {Role.COORDINATOR, Role.PROVINCE_OFFICIAL},
    "DeliverPerspective": {Role.COORDINATOR},
    "WaivePerspective": {Role.COORDINATOR},
    "AdoptProposal": {Role.COORDINATOR, Role.RIJK_OFFICIAL},
    "DraftArrangement": {Role.COORDINATOR, Role.RIJK_OFFICIAL},
    "SignArrangement": {Role.SIGNATORY},
    "RefuseArrangement": {Role.SIGNATORY},
    "WithdrawSignature": {Role.SIGNATORY},
    "ConcludeProcessAgreement": {Role.COORDINATOR},
    "StartAmendment": {Role.COORDINATOR},
    "ChangeEscalationLadder": {Role.COORDINATOR},
}
AREA_RULES: dict[str, set[Role]] = {
    "DraftPerspective": {Role.COORDINATOR, Role.RIJK_OFFICIAL, Role.PROVINCE_OFFICIAL},
    "ReviewPerspective": {Role.COORDINATOR, Role.REVIEWER},
    "AdoptPerspective": {Role.COORDINATOR},
    "ReachCheckpoint": {Role.COORDINATOR},
    "AddAction": {Role.COORDINATOR, Role.RIJK_OFFICIAL, Role.PROVINCE_OFFICIAL},
    "RescheduleAction": {Role.COORDINATOR, Role.RIJK_OFFICIAL, Role.PROVINCE_OFFICIAL},
    "StartAction": {Role.COORDINATOR, Role.RIJK_OFFICIAL, Role.PROVINCE_OFFICIAL},
    "CompleteAction": {Role.COORDINATOR, Role.RIJK_OFFICIAL, Role.PROVINCE_OFFICIAL},
    "AddDependency": {Role.COORDINATOR, Role.RIJK_OFFICIAL, Role.PROVINCE_OFFICIAL},
    "RemoveDependency": {Role.COORDINATOR},
    "RecordExternalMilestone": {Role.COORDINATOR},
    "CompleteExternal": {Role.COORDINATOR},
    "AddContribution": {Role.COORDINATOR, Role.RIJK_OFFICIAL, Role.PROVINCE_OFFICIAL},
    "AgreeProportion": {Role.COORDINATOR},
    "DecideInvestment": {Role.COORDINATOR, Role.RIJK_OFFICIAL},
    "ProposeAgreement": {Role.COORDINATOR},
    "ConfirmAgreement": {Role.DUO_MEMBER},
    "RaiseFriction": {Role.COORDINATOR, Role.PROVINCE_OFFICIAL, Role.RIJK_OFFICIAL, Role.REVIEWER},
    "ChangeFriction": {Role.COORDINATOR},
    "MoveDueDate": {Role.COORDINATOR},
    "ChangeEscalationLadder": {Role.COORDINATOR},
}
ESCALATION_RULES: dict[str, set[Role]] = {
    "ProposeDecision": {Role.DUO_MEMBER},
    "AgreeToProposal": {Role.DUO_MEMBER},
    "DisagreeWithProposal": {Role.DUO_MEMBER},
    "RequestExtension": {Role.DUO_MEMBER},
}
RULES = {"province": PROVINCE_RULES, "area": AREA_RULES, "escalation": ESCALATION_RULES}

# Roles that act for someone in particular: their tokens carry a scope.
NEEDS_SCOPE = frozenset({Role.PROVINCE_OFFICIAL, Role.REVIEWER, Role.DUO_MEMBER, Role.SIGNATORY})

# The command field a scoped role must match (a reviewer reviews for their party only, …).
SCOPED_FIELDS: dict[Role, str] = {
    Role.REVIEWER: "party",
    Role.SIGNATORY: "signatory",
    Role.DUO_MEMBER: "member",
}


def authorize(
    holder: TokenHolder,
    kind: str,
    command: Command,
    *,
    provinces: tuple[str, ...] = (),
) -> None:
    """Refuse unless the holder's role may give this command and its scope covers it.

    ``provinces`` are the provinces the target process concerns (its own, or those an area
    spans): a province official acts only there.
    """
    role = Role(holder.role) if holder.role in Role.__members__.values() else None
    allowed = RULES[kind].get(command.type, set())
    if role is None or role not in allowed:
        raise Forbidden(f"role {holder.role!r} may not give {command.type} to a {kind}")
    if role is Role.PROVINCE_OFFICIAL and holder.scope not in provinces:
        raise Forbidden(
            f"{holder.actor} acts for province {holder.scope}, not for {', '.join(provinces)}"
        )
    field = SCOPED_FIELDS.get(role)
    if field is not None and field in type(command).model_fields:
        value = getattr(command, field, None)
        if value is None or value != holder.scope:
            raise Forbidden(f"{holder.actor} acts as {holder.scope!r} only, not as {value!r}")


def token_refusal(role: str, scope: str | None) -> str | None:
    """Why no token can be issued for this role and scope; None when one can."""
    if role not in {r.value for r in Role}:
        return f"unknown role {role!r}; roles: {', '.join(r.value for r in Role)}"
    if Role(role) in NEEDS_SCOPE and not scope:
        return f"role {role} needs a --scope"
    return None
