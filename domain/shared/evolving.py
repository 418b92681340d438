"""How the events every process shares change its state (the rooms' evolve asks here first)."""

from __future__ import annotations

from typing import TypeVar

from domain.shared import events as ev
from domain.shared.models import FrictionStep
from domain.shared.state import Deadline, ProcessState
from domain.shared.stuck import stuck_after

P = TypeVar("P", bound=ProcessState)


def evolve_shared(state: P, e: ev.Event) -> P | None:
    """Apply an event every process shares; None when the event is not one of them."""
    match e:
        case ev.FrictionRaised():
            return state.model_copy(update={"frictions": (*state.frictions, e.friction)})
        case ev.FrictionStatusChanged():
            friction = state.friction(e.friction_id)
            assert friction is not None  # decide only changes frictions it found
            step = FrictionStep(status=e.status, actor=e.actor, at=e.occurred_at, note=e.note)
            friction = friction.model_copy(
                update={"status": e.status, "history": (*friction.history, step)}
            )
            frictions = tuple(friction if f.id == friction.id else f for f in state.frictions)
            return state.model_copy(update={"frictions": frictions})
        case ev.DueDateMoved():
            lead = state.reminder_lead_days * 86400
            reminded = e.due.timestamp() - lead <= e.occurred_at.timestamp()
            overdue = e.due <= e.occurred_at
            moved = Deadline(target=e.target, due=e.due, reminded=reminded, overdue=overdue)
            return replace_deadline(state, moved)
        case ev.ReminderIssued() | ev.DeadlineMissed():
            deadline = state.deadline(e.target)
            assert deadline is not None  # timers only fire for deadlines the state has
            flags = {
                "reminded": True,
                "overdue": isinstance(e, ev.DeadlineMissed) or deadline.overdue,
            }
            return replace_deadline(state, deadline.model_copy(update=flags))
        case ev.EscalationDecisionRecorded():
            note = f"{e.escalation_id}: {e.subject}: {e.decision}"
            return state.model_copy(
                update={"escalation_decisions": (*state.escalation_decisions, note)}
            )
        case ev.EscalationLadderChanged():
            return state.model_copy(update={"escalation_ladder": e.ladder})
        case ev.EscalationRequested():
            return state.model_copy(
                update={"escalations_requested": state.escalations_requested + 1}
            )
        case ev.ProcessStuck() | ev.ProcessResumed():
            return state.model_copy(update={"stuck": stuck_after(e)})
    return None


def replace_deadline(state: P, deadline: Deadline) -> P:
    """The state with one deadline replaced (or added), keeping the deadlines' order."""
    targets = [d.target for d in state.deadlines]
    if deadline.target in targets:
        deadlines = tuple(deadline if d.target == deadline.target else d for d in state.deadlines)
    else:
        deadlines = (*state.deadlines, deadline)
    return state.model_copy(update={"deadlines": deadlines})
