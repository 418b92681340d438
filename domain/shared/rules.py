"""Rules every process shares: stamping events, schuurpunten and deadlines that are data."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, Generic, TypeVar

from domain.shared import commands as cmd
from domain.shared import events as ev
from domain.shared.errors import DomainError, InvalidTransition, UnknownReference
from domain.shared.ids import NewId
from domain.shared.models import UNKNOWN_THEME, Friction, FrictionStatus, FrictionStep
from domain.shared.state import Deadline, ProcessState
from domain.shared.stuck import stuck_after

E = TypeVar("E", bound=ev.Event)


S = TypeVar("S", bound=Any)
P = TypeVar("P", bound=ProcessState)

FRICTION_TRANSITIONS: dict[FrictionStatus, set[FrictionStatus]] = {
    FrictionStatus.OPEN: {
        FrictionStatus.IN_PROGRESS,
        FrictionStatus.RESOLVED,
        FrictionStatus.ESCALATED,
    },
    FrictionStatus.IN_PROGRESS: {FrictionStatus.RESOLVED, FrictionStatus.ESCALATED},
    FrictionStatus.ESCALATED: {FrictionStatus.DECIDED},
    FrictionStatus.RESOLVED: set(),
    FrictionStatus.DECIDED: set(),
}


class Builder(Generic[S]):
    """Stamps events with id, time and actor, and keeps the state they lead to."""

    def __init__(
        self,
        state: S,
        actor: str,
        now: datetime,
        new_id: NewId,
        evolve: Callable[[S, ev.Event], S],
    ) -> None:
        self.state = state
        self.actor = actor
        self.now = now
        self.new_id = new_id
        self._evolve = evolve
        self.events: list[ev.Event] = []

    def add(self, event_type: type[E], /, **fields: Any) -> E:
        event = event_type(event_id=self.new_id(), occurred_at=self.now, actor=self.actor, **fields)
        self.events.append(event)
        self.state = self._evolve(self.state, event)
        return event


def dispatch(
    state: S,
    command: cmd.Command,
    *,
    now: datetime,
    new_id: NewId,
    evolve: Callable[[S, ev.Event], S],
    handlers: Mapping[type[cmd.Command], Callable[[Builder[S], Any], object]],
    process: str,
) -> list[ev.Event]:
    """Run the handler of a command's type; a refused command raises (naming the command, see
    ``refused``) and produces no events."""
    handler = handlers.get(type(command))
    if handler is None:
        raise refused(command, DomainError(f"{process} does not take {command.type}"))
    b = Builder(state, command.actor, now, new_id, evolve)
    try:
        handler(b, command)
    except DomainError as exc:
        raise refused(command, exc) from None
    return b.events


def refused(command: cmd.Command, exc: DomainError) -> DomainError:
    """The same refusal, naming the command asked: ``WithdrawSignature refused: …`` (the rule's
    words say why, in the state the process is in)."""
    lead = f"{command.type} refused: "
    if str(exc).startswith(lead):
        return exc
    return type(exc)(lead + str(exc))


def start_event(
    state: S,
    command: cmd.Command,
    event_type: type[E],
    *,
    now: datetime,
    new_id: NewId,
    evolve: Callable[[S, ev.Event], S],
) -> list[ev.Event]:
    """The one event that starts a process, carrying the start command's data."""
    b = Builder(state, command.actor, now, new_id, evolve)
    b.add(event_type, **command.model_dump(exclude={"type", "schema_version", "actor"}))
    return b.events


def next_friction_id(state: ProcessState) -> str:
    """Schuurpunten are numbered S1, S2, … per process."""
    return f"S{len(state.frictions) + 1}"


def raise_friction(b: Builder[Any], c: cmd.RaiseFriction) -> None:
    friction = Friction(
        id=next_friction_id(b.state),
        description=c.description,
        raised_by=c.actor,
        checkpoint=c.checkpoint,
        theme=c.theme or UNKNOWN_THEME,
    )
    b.add(ev.FrictionRaised, friction=friction)


def change_friction(b: Builder[Any], c: cmd.ChangeFriction) -> Friction:
    """Move a schuurpunt along its lifecycle; escalating it records an escalation request."""
    friction: Friction | None = b.state.friction(c.friction_id)
    if friction is None:
        raise UnknownReference(f"unknown schuurpunt {c.friction_id!r}")
    if c.status not in FRICTION_TRANSITIONS[friction.status]:
        raise InvalidTransition(
            f"schuurpunt {c.friction_id} cannot go from {friction.status.value} to {c.status.value}"
        )
    b.add(ev.FrictionStatusChanged, friction_id=c.friction_id, status=c.status, note=c.note)
    if c.status is FrictionStatus.ESCALATED:
        b.add(
            ev.EscalationRequested,
            subject=f"schuurpunt {c.friction_id}",
            reason=c.note or friction.description,
            friction_id=c.friction_id,
        )
    return friction


def move_due_date(b: Builder[Any], c: cmd.MoveDueDate) -> None:
    deadline = b.state.deadline(c.target)
    if deadline is None:
        known = ", ".join(d.target for d in b.state.deadlines)
        raise UnknownReference(f"unknown deadline {c.target!r}; known: {known}")
    if b.state.target_done(c.target):
        raise InvalidTransition(f"{c.target} is already complete; its due date no longer applies")
    if c.due.tzinfo is None:
        raise DomainError("a due date needs a time zone")
    if c.due == deadline.due:
        raise DomainError(f"{c.target} is already due on {c.due.isoformat()}")
    b.add(ev.DueDateMoved, target=c.target, previous=deadline.due, due=c.due, reason=c.reason)


def _live_deadline(state: ProcessState, target: str) -> Deadline:
    deadline = state.deadline(target)
    if deadline is None:
        raise UnknownReference(f"unknown deadline {target!r}")
    if state.target_done(target):
        raise InvalidTransition(f"{target} is already complete")
    return deadline


def issue_reminder(b: Builder[Any], c: cmd.IssueReminder) -> None:
    deadline = _live_deadline(b.state, c.target)
    if deadline.reminded:
        raise InvalidTransition(f"a reminder for {c.target} was already sent")
    b.add(ev.ReminderIssued, target=c.target, due=deadline.due)


def mark_overdue(b: Builder[Any], c: cmd.MarkOverdue) -> None:
    deadline = _live_deadline(b.state, c.target)
    if deadline.overdue:
        raise InvalidTransition(f"{c.target} is already marked overdue")
    if deadline.due > b.now:
        raise InvalidTransition(f"{c.target} is not due until {deadline.due.isoformat()}")
    b.add(ev.DeadlineMissed, target=c.target, due=deadline.due)
    b.add(ev.EscalationRequested, subject=c.target, reason=f"{c.target} is overdue")


def record_escalation_decision(b: Builder[Any], c: cmd.RecordEscalationDecision) -> None:
    """Record an escalation's decision and act on it: decide the schuurpunt, move the deadline."""
    if any(n.startswith(f"{c.escalation_id}: ") for n in b.state.escalation_decisions):
        raise DomainError(f"the decision of {c.escalation_id} was already recorded")
    b.add(
        ev.EscalationDecisionRecorded,
        escalation_id=c.escalation_id,
        subject=c.subject,
        decision=c.decision,
        decided_by=c.decided_by,
        level=c.level,
    )
    if c.friction_id is not None:
        friction = b.state.friction(c.friction_id)
        if friction is not None and friction.status is FrictionStatus.ESCALATED:
            b.add(
                ev.FrictionStatusChanged,
                friction_id=c.friction_id,
                status=FrictionStatus.DECIDED,
                note=c.decision,
            )
    if c.new_due is not None and c.target is not None:
        deadline = b.state.deadline(c.target)
        if deadline is not None and not b.state.target_done(c.target) and deadline.due != c.new_due:
            b.add(
                ev.DueDateMoved,
                target=c.target,
                previous=deadline.due,
                due=c.new_due,
                reason=f"besluit escalatie: {c.decision}",
            )


def change_escalation_ladder(b: Builder[Any], c: cmd.ChangeEscalationLadder) -> None:
    """Escalations opened from now on climb the new ladder; open ones keep theirs."""
    levels = [rung.level for rung in c.ladder]
    if levels != list(range(1, len(levels) + 1)):
        raise DomainError(f"ladder levels must run 1..n, got {levels}")
    if c.ladder == b.state.escalation_ladder:
        raise DomainError("this process already climbs this ladder")
    b.add(ev.EscalationLadderChanged, ladder=c.ladder, reason=c.reason)


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
