"""Rules every process shares: stamping events, schuurpunten and deadlines that are data."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, Generic, TypeVar

from domain.shared import commands as cmd
from domain.shared import events as ev
from domain.shared.catching_up import catch_up, missed_until
from domain.shared.effective import Clock, Moment, effective_moment
from domain.shared.errors import DomainError, InvalidTransition, UnknownReference
from domain.shared.ids import NewId
from domain.shared.models import UNKNOWN_THEME, Friction, FrictionStatus
from domain.shared.state import Deadline, ProcessState

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
    """Stamps events with id, effective time and actor, and keeps the state they lead to.

    ``now`` is when the command takes effect (its ``occurred_on``, or the workflow's now when
    it has none): every time the rules write (a review's submission, a response date) counts
    from it."""

    def __init__(
        self,
        state: S,
        actor: str,
        now: datetime,
        new_id: NewId,
        evolve: Callable[[S, ev.Event], S],
        moment: Moment | None = None,
    ) -> None:
        self.state = state
        self.actor = actor
        self.moment = moment or Moment(at=now)
        self.now = self.moment.at
        self.new_id = new_id
        self._evolve = evolve
        self.events: list[ev.Event] = []

    def add(self, event_type: type[E], /, **fields: Any) -> E:
        return self.add_at(self.moment, event_type, **fields)

    def add_at(self, moment: Moment, event_type: type[E], /, **fields: Any) -> E:
        """An event taking effect at another moment (a deadline missed on its due date)."""
        stamp = moment.stamp()
        event = event_type(event_id=self.new_id(), actor=self.actor, **stamp, **fields)
        self.events.append(event)
        self.state = self._evolve(self.state, event)
        return event


def builder(
    state: S,
    command: cmd.Command,
    *,
    now: datetime,
    new_id: NewId,
    evolve: Callable[[S, ev.Event], S],
) -> Builder[S]:
    """A builder for a command, at the moment it takes effect (its date checked against the
    process's clock)."""
    clock: Clock = getattr(state, "clock", None) or Clock()
    moment = effective_moment(clock, command, now)
    return Builder(state, command.actor, now, new_id, evolve, moment)


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
    ``refused``) and produces no events. A process entering its history first records the
    deadlines it missed before the command's date (domain.shared.catching_up)."""
    handler = handlers.get(type(command))
    if handler is None:
        raise refused(command, DomainError(f"{process} does not take {command.type}"))
    try:
        b = builder(state, command, now=now, new_id=new_id, evolve=evolve)
        catch_up(b, missed_until(b.state, b.moment))
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


START_EXCLUDED = frozenset({"type", "schema_version", "actor", "occurred_on", "correction_reason"})
"""Command fields a start event does not copy: they say who and when, not what."""


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
    b = builder(state, command, now=now, new_id=new_id, evolve=evolve)
    b.add(event_type, **command.model_dump(exclude=set(START_EXCLUDED)))
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
