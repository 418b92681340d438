"""State of one escalation and how each event changes it (evolve / fold)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

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
from domain.shared.effective import Clock
from domain.shared.events import Event, ProcessResumed, ProcessStuck
from domain.shared.ladder import LadderRung
from domain.shared.state import Stuck
from domain.shared.stuck import stuck_after


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
    stuck: Stuck | None = None
    clock: Clock = Clock()

    @property
    def open(self) -> bool:
        return self.level > 0 and self.decision is None

    @property
    def rung(self) -> LadderRung:
        return self.ladder[self.level - 1]

    def proposal(self, proposal_id: str) -> Proposal | None:
        return next((p for p in self.proposals if p.id == proposal_id), None)


def evolve(s: EscalationState, e: Event) -> EscalationState:
    """Apply one event to the escalation."""
    apply = _EVOLVERS.get(type(e))
    if apply is None:
        raise TypeError(f"not an escalation event: {type(e).__name__}")
    return apply(s, e).model_copy(update={"version": s.version + 1, "clock": s.clock.after(e)})


def fold(events: Iterable[Event], state: EscalationState | None = None) -> EscalationState:
    """The state after a sequence of events."""
    result = state or EscalationState()
    for event in events:
        result = evolve(result, event)
    return result


def _note(s: EscalationState, e: Event, text: str) -> tuple[str, ...]:
    return (*s.history, f"{e.occurred_at.isoformat()} {e.actor}: {text}")


def _escalation_opened(s: EscalationState, e: EscalationOpened) -> EscalationState:
    return s.model_copy(
        update={
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
    )


def _decision_proposed(s: EscalationState, e: DecisionProposed) -> EscalationState:
    return s.model_copy(
        update={
            "proposals": (*s.proposals, e.proposal),
            "history": _note(s, e, f"voorstel {e.proposal.id}: {e.proposal.decision.text}"),
        }
    )


def _set_status(s: EscalationState, proposal_id: str, status: str) -> tuple[Proposal, ...]:
    return tuple(
        p.model_copy(update={"status": status}) if p.id == proposal_id else p for p in s.proposals
    )


def _proposal_agreed(s: EscalationState, e: ProposalAgreed) -> EscalationState:
    return s.model_copy(
        update={
            "proposals": _set_status(s, e.proposal_id, "agreed"),
            "history": _note(s, e, f"akkoord met {e.proposal_id}"),
        }
    )


def _proposal_disagreed(s: EscalationState, e: ProposalDisagreed) -> EscalationState:
    return s.model_copy(
        update={
            "proposals": _set_status(s, e.proposal_id, "disagreed"),
            "history": _note(s, e, f"niet akkoord met {e.proposal_id}: {e.reason}"),
        }
    )


def _extension_granted(s: EscalationState, e: ExtensionGranted) -> EscalationState:
    return s.model_copy(
        update={
            "due": e.due,
            "reminded": (),
            "extensions": (*s.extensions, (e.level, e.member)),
            "history": _note(s, e, f"uitstel {e.days} dagen: {e.reason}"),
        }
    )


def _level_reminder_issued(s: EscalationState, e: LevelReminderIssued) -> EscalationState:
    return s.model_copy(update={"reminded": (*s.reminded, e.days_before)})


def _escalated_to_level(s: EscalationState, e: EscalatedToLevel) -> EscalationState:
    return s.model_copy(
        update={
            "level": e.level,
            "due": e.due,
            "reminded": (),
            "history": _note(s, e, f"naar niveau {e.level} ({e.name}): {e.reason}"),
        }
    )


def _top_level_overdue(s: EscalationState, e: TopLevelOverdue) -> EscalationState:
    return s.model_copy(
        update={"overdue": True, "history": _note(s, e, "besluittermijn hoogste niveau verstreken")}
    )


def _escalation_decided(s: EscalationState, e: EscalationDecided) -> EscalationState:
    return s.model_copy(
        update={
            "decision": e.decision,
            "decided_by": e.decided_by,
            "history": _note(s, e, f"besloten op niveau {e.level}: {e.decision.text}"),
        }
    )


def _stuck_or_resumed(s: EscalationState, e: ProcessStuck | ProcessResumed) -> EscalationState:
    return s.model_copy(update={"stuck": stuck_after(e)})


_EVOLVERS: dict[type[Event], Callable[[EscalationState, Any], EscalationState]] = {
    EscalationOpened: _escalation_opened,
    DecisionProposed: _decision_proposed,
    ProposalAgreed: _proposal_agreed,
    ProposalDisagreed: _proposal_disagreed,
    ExtensionGranted: _extension_granted,
    LevelReminderIssued: _level_reminder_issued,
    EscalatedToLevel: _escalated_to_level,
    TopLevelOverdue: _top_level_overdue,
    EscalationDecided: _escalation_decided,
    ProcessStuck: _stuck_or_resumed,
    ProcessResumed: _stuck_or_resumed,
}
"""Per escalation event type, how it changes the escalation."""
