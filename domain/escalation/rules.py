"""The rules of an escalation: a duo decides together, a forum alone, deadlines climb the ladder."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from domain.escalation import events as es
from domain.escalation.commands import (
    AgreeToProposal,
    DisagreeWithProposal,
    PassLevelDeadline,
    ProposeDecision,
    RemindLevel,
    RequestExtension,
    StartEscalation,
)
from domain.escalation.state import EscalationState, evolve
from domain.shared.commands import Command
from domain.shared.errors import DomainError, InvalidTransition, NotAuthorized, UnknownReference
from domain.shared.events import Event
from domain.shared.ids import NewId
from domain.shared.rules import Builder, builder, dispatch, refused

_Builder = Builder[EscalationState]


def start(
    state: EscalationState, command: StartEscalation, *, now: datetime, new_id: NewId
) -> list[Event]:
    """Open the escalation at the first level of its ladder."""
    if state.level:
        raise refused(command, InvalidTransition(f"escalation of {state.subject} is already open"))
    b = builder(state, command, now=now, new_id=new_id, evolve=evolve)
    b.add(
        es.EscalationOpened,
        parent_workflow_id=command.parent_workflow_id,
        subject=command.subject,
        reason=command.reason,
        friction_id=command.friction_id,
        target=command.target,
        ladder=command.ladder,
        due=b.now + timedelta(days=command.ladder[0].decision_days),
    )
    return b.events


def decide(
    state: EscalationState, command: Command, *, now: datetime, new_id: NewId
) -> list[Event]:
    """Events a command produces; a refused command raises DomainError and produces none."""
    if not state.level:
        raise refused(command, InvalidTransition("the escalation has not been opened"))
    if not state.open:
        decided = state.decision.text if state.decision else ""
        closed = f"the escalation of {state.subject} is closed: decided ({decided})"
        raise refused(command, InvalidTransition(closed))
    return dispatch(
        state,
        command,
        now=now,
        new_id=new_id,
        evolve=evolve,
        handlers=_HANDLERS,
        process="an escalation",
    )


def _member(s: EscalationState, member: str) -> None:
    rung = s.rung
    if member not in rung.members:
        raise NotAuthorized(
            f"{member!r} is not a member of level {rung.level} ({rung.name}); "
            f"members: {', '.join(rung.members)}"
        )


def _propose(b: _Builder, c: ProposeDecision) -> None:
    s = b.state
    _member(s, c.member)
    proposal = es.Proposal(
        id=f"P{len(s.proposals) + 1}", level=s.level, by=c.member, decision=c.decision
    )
    b.add(es.DecisionProposed, proposal=proposal)
    if s.rung.kind == "forum":
        b.add(es.EscalationDecided, level=s.level, decision=c.decision, decided_by=(c.member,))


def _open_proposal(s: EscalationState, proposal_id: str) -> es.Proposal:
    proposal = s.proposal(proposal_id)
    if proposal is None or proposal.level != s.level:
        raise UnknownReference(f"no proposal {proposal_id!r} at level {s.level}")
    if proposal.status != "open":
        raise InvalidTransition(f"proposal {proposal_id} is {proposal.status}")
    return proposal


def _agree(b: _Builder, c: AgreeToProposal) -> None:
    s = b.state
    _member(s, c.member)
    proposal = _open_proposal(s, c.proposal_id)
    if proposal.by == c.member:
        raise DomainError(f"{c.member} proposed {c.proposal_id}; the other member must agree")
    b.add(es.ProposalAgreed, proposal_id=c.proposal_id, member=c.member)
    b.add(
        es.EscalationDecided,
        level=s.level,
        decision=proposal.decision,
        decided_by=(proposal.by, c.member),
    )


def _disagree(b: _Builder, c: DisagreeWithProposal) -> None:
    s = b.state
    _member(s, c.member)
    proposal = _open_proposal(s, c.proposal_id)
    if proposal.by == c.member:
        raise DomainError(f"{c.member} cannot disagree with their own proposal")
    b.add(es.ProposalDisagreed, proposal_id=c.proposal_id, member=c.member, reason=c.reason)


def _extend(b: _Builder, c: RequestExtension) -> None:
    s = b.state
    _member(s, c.member)
    if (s.level, c.member) in s.extensions:
        raise InvalidTransition(f"{c.member} already had an extension at level {s.level}")
    assert s.due is not None
    b.add(
        es.ExtensionGranted,
        level=s.level,
        member=c.member,
        days=c.days,
        due=s.due + timedelta(days=c.days),
        reason=c.reason,
    )


def _remind(b: _Builder, c: RemindLevel) -> None:
    s = b.state
    if c.level != s.level or c.days_before in s.reminded or s.due is None:
        raise InvalidTransition(f"no reminder due for level {c.level}")
    b.add(
        es.LevelReminderIssued,
        level=s.level,
        days_before=c.days_before,
        due=s.due,
        members=s.rung.members,
    )


def _pass_deadline(b: _Builder, c: PassLevelDeadline) -> None:
    s = b.state
    if c.level != s.level or s.due is None or s.due > b.now or s.overdue:
        raise InvalidTransition(f"the deadline of level {c.level} has not passed")
    if s.level < len(s.ladder):
        nxt = s.ladder[s.level]
        b.add(
            es.EscalatedToLevel,
            level=nxt.level,
            name=nxt.name,
            members=nxt.members,
            due=b.now + timedelta(days=nxt.decision_days),
            reason=f"geen gezamenlijk besluit van {s.rung.name} voor {s.due:%d-%m-%Y}",
        )
    else:
        b.add(es.TopLevelOverdue, level=s.level, due=s.due)


def next_alarm(s: EscalationState) -> tuple[datetime, Command] | None:
    """The next reminder to the level's members, or the level's decision deadline."""
    if not s.open or s.due is None or s.overdue:
        return None
    for days in sorted(s.rung.reminder_days, reverse=True):
        if days not in s.reminded:
            return s.due - timedelta(days=days), RemindLevel(
                actor="novex", level=s.level, days_before=days
            )
    return s.due, PassLevelDeadline(actor="novex", level=s.level)


_HANDLERS: dict[type[Command], Callable[[_Builder, Any], None]] = {
    ProposeDecision: _propose,
    AgreeToProposal: _agree,
    DisagreeWithProposal: _disagree,
    RequestExtension: _extend,
    RemindLevel: _remind,
    PassLevelDeadline: _pass_deadline,
}
