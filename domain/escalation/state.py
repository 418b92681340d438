"""State of one escalation and how each event changes it (evolve / fold)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from domain.escalation.events import (
    Decision,
    DecisionProposed,
    EscalatedToLevel,
    EscalationDecided,
    EscalationOpened,
    ExtensionGranted,
    LevelReminderIssued,
    Proposal,
    ProposalAgreed,
    ProposalDisagreed,
    TopLevelOverdue,
)
from domain.shared.base import Frozen
from domain.shared.events import Event
from domain.shared.ladder import LadderRung


class EscalationState(Frozen):
    """Where an escalation stands: its level, deadline, proposals and outcome."""

    parent_workflow_id: str = ""
    subject: str = ""
    reason: str = ""
    friction_id: str | None = None
    target: str | None = None
    ladder: tuple[LadderRung, ...] = ()
    level: int = 0
    due: datetime | None = None
    reminded: tuple[int, ...] = ()
    overdue: bool = False
    proposals: tuple[Proposal, ...] = ()
    extensions: tuple[tuple[int, str], ...] = ()
    decision: Decision | None = None
    decided_by: tuple[str, ...] = ()
    version: int = 0
    history: tuple[str, ...] = ()

    @property
    def open(self) -> bool:
        return self.level > 0 and self.decision is None

    @property
    def rung(self) -> LadderRung:
        return self.ladder[self.level - 1]

    def proposal(self, proposal_id: str) -> Proposal | None:
        return next((p for p in self.proposals if p.id == proposal_id), None)


def _note(s: EscalationState, e: Event, text: str) -> tuple[str, ...]:
    return (*s.history, f"{e.occurred_at.isoformat()} {e.actor}: {text}")


def evolve(s: EscalationState, e: Event) -> EscalationState:
    """Apply one event to the escalation."""
    return s.model_copy(update={**_changes(s, e), "version": s.version + 1})


def _changes(s: EscalationState, e: Event) -> dict[str, object]:
    """The fields one event changes."""
    changes: dict[str, object]
    match e:
        case EscalationOpened():
            changes = {
                "parent_workflow_id": e.parent_workflow_id,
                "subject": e.subject,
                "reason": e.reason,
                "friction_id": e.friction_id,
                "target": e.target,
                "ladder": e.ladder,
                "level": 1,
                "due": e.due,
                "history": _note(s, e, f"geopend op niveau 1 ({e.ladder[0].name}): {e.reason}"),
            }
        case DecisionProposed():
            changes = {
                "proposals": (*s.proposals, e.proposal),
                "history": _note(s, e, f"voorstel {e.proposal.id}: {e.proposal.decision.text}"),
            }
        case ProposalAgreed():
            changes = {
                "proposals": _set_status(s, e.proposal_id, "agreed"),
                "history": _note(s, e, f"akkoord met {e.proposal_id}"),
            }
        case ProposalDisagreed():
            changes = {
                "proposals": _set_status(s, e.proposal_id, "disagreed"),
                "history": _note(s, e, f"niet akkoord met {e.proposal_id}: {e.reason}"),
            }
        case ExtensionGranted():
            changes = {
                "due": e.due,
                "reminded": (),
                "extensions": (*s.extensions, (e.level, e.member)),
                "history": _note(s, e, f"uitstel {e.days} dagen: {e.reason}"),
            }
        case LevelReminderIssued():
            changes = {"reminded": (*s.reminded, e.days_before)}
        case EscalatedToLevel():
            changes = {
                "level": e.level,
                "due": e.due,
                "reminded": (),
                "history": _note(s, e, f"naar niveau {e.level} ({e.name}): {e.reason}"),
            }
        case TopLevelOverdue():
            changes = {
                "overdue": True,
                "history": _note(s, e, "besluittermijn hoogste niveau verstreken"),
            }
        case EscalationDecided():
            changes = {
                "decision": e.decision,
                "decided_by": e.decided_by,
                "history": _note(s, e, f"besloten op niveau {e.level}: {e.decision.text}"),
            }
        case _:
            raise TypeError(f"not an escalation event: {type(e).__name__}")
    return changes


def _set_status(s: EscalationState, proposal_id: str, status: str) -> tuple[Proposal, ...]:
    return tuple(
        p.model_copy(update={"status": status}) if p.id == proposal_id else p for p in s.proposals
    )


def fold(events: Iterable[Event], state: EscalationState | None = None) -> EscalationState:
    result = state or EscalationState()
    for event in events:
        result = evolve(result, event)
    return result
