"""A process's history as dated commands: recorded in one go (each command decided in order
against the state the ones before it leave, then the deadlines that fell due since the last of
them — all or nothing), and read back from its events (what each command was)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any, TypeVar

from domain.shared import events as ev
from domain.shared.base import Frozen
from domain.shared.catching_up import catch_up
from domain.shared.commands import Command
from domain.shared.errors import DomainError
from domain.shared.ids import NewId
from domain.shared.models import UNKNOWN_THEME, FrictionStatus
from domain.shared.rules import Builder

S = TypeVar("S")

NOT_IN_HISTORY = frozenset(
    {"IssueReminder", "MarkOverdue", "RecordEscalationDecision", "ConfirmDelivery"}
)
"""Commands a process gives itself or receives from an escalation: never part of a history."""


class HistoryRefused(DomainError):
    """One command of a history was refused: nothing of the history is recorded."""

    def __init__(self, index: int, command: Command, cause: DomainError) -> None:
        self.reason = str(cause).removeprefix(f"{command.type} refused: ")
        """The rule's words (without the command's name, which the message gives)."""
        super().__init__(
            f"command {index + 1} ({command.type}) refused by rule {type(cause).__name__}: "
            + self.reason
        )
        self.index, self.command, self.cause = index, command, cause


def record_history(
    state: S,
    commands: Sequence[Command],
    *,
    actor: str,
    now: datetime,
    new_id: NewId,
    decide: Callable[..., list[ev.Event]],
    evolve: Callable[[S, ev.Event], S],
) -> list[ev.Event]:
    """Every dated command in order, then the deadlines that fell due after the last of them
    up to ``now`` (recorded missed on their due dates: the history says nothing came of them)."""
    events: list[ev.Event] = []
    for index, command in enumerate(commands):
        if command.type in NOT_IN_HISTORY or command.type == "RecordHistory":
            cause = DomainError(f"{command.type} is a process's own work, not part of a history")
            raise HistoryRefused(index, command, cause)
        if command.occurred_on is None:
            cause = DomainError("every command of a history says when it happened")
            raise HistoryRefused(index, command, cause)
        try:
            produced = decide(state, command, now=now, new_id=new_id)
        except DomainError as exc:
            raise HistoryRefused(index, command, exc) from exc
        for event in produced:
            state = evolve(state, event)
        events += produced
    closing = Builder(state, actor, now, new_id, evolve)
    catch_up(closing, now)
    return events + closing.events


class Entry(Frozen):
    """One command of a history as a file holds it: its date, type and fields."""

    on: date
    type: str
    fields: dict[str, Any]
    correction_reason: str | None = None


Reading = Callable[[Any, Sequence[ev.Event]], dict[str, Any] | None]
"""What command an event was (its type and fields), given the events before it; None: it was a
consequence of another command, or the process's own work."""


def _friction(e: ev.FrictionRaised, before: Sequence[ev.Event]) -> dict[str, Any] | None:
    review = getattr(before[-1], "review", None) if before else None
    if review is not None and getattr(review, "friction_id", None) == e.friction.id:
        return None  # raised by the review before it
    theme = None if e.friction.theme == UNKNOWN_THEME else e.friction.theme
    return {
        "type": "RaiseFriction",
        "description": e.friction.description,
        "checkpoint": e.friction.checkpoint,
        "theme": theme,
    }


def _status(e: ev.FrictionStatusChanged, before: Sequence[ev.Event]) -> dict[str, Any] | None:
    decided = bool(before) and isinstance(before[-1], ev.EscalationDecisionRecorded)
    if e.status is FrictionStatus.DECIDED and decided:
        return None  # the escalation's decision
    return {
        "type": "ChangeFriction",
        "friction_id": e.friction_id,
        "status": e.status.value,
        "note": e.note,
    }


def _moved(e: ev.DueDateMoved, before: Sequence[ev.Event]) -> dict[str, Any] | None:
    if e.reason.startswith("besluit escalatie: "):
        return None  # the escalation's decision
    return {"type": "MoveDueDate", "target": e.target, "due": e.due, "reason": e.reason}


def _ladder(e: ev.EscalationLadderChanged, before: Sequence[ev.Event]) -> dict[str, Any] | None:
    return {"type": "ChangeEscalationLadder", "ladder": e.ladder, "reason": e.reason}


SHARED: dict[type[ev.Event], Reading] = {
    ev.FrictionRaised: _friction,
    ev.FrictionStatusChanged: _status,
    ev.DueDateMoved: _moved,
    ev.EscalationLadderChanged: _ladder,
}
"""The shared events that a command of a history records first."""


def entries(
    events: Sequence[ev.Event], readings: dict[type[ev.Event], Reading], start: type[ev.Event]
) -> tuple[date | None, list[Entry]]:
    """A process's history as a file holds it: the date it started and, in order, every
    command given to it (consequences, its own work and escalations' decisions left out)."""
    started: date | None = None
    found: list[Entry] = []
    before: list[ev.Event] = []
    for event in events:
        if isinstance(event, start):
            started = event.occurred_on
        elif event.actor != "novex":
            reading = readings.get(type(event)) or SHARED.get(type(event))
            shape = reading(event, before) if reading is not None else None
            if shape is not None:
                kind = shape.pop("type")
                fields = {k: v for k, v in shape.items() if v is not None}
                entry = Entry(
                    on=event.occurred_on,
                    type=kind,
                    fields=fields,
                    correction_reason=event.correction_reason,
                )
                found.append(entry)
        before.append(event)
    return started, found
