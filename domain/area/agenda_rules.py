"""Rules of the uitvoeringsagenda: actions, dependencies, external milestones, lateness."""

from __future__ import annotations

from domain.area import commands as ac
from domain.area import events as ae
from domain.area.agenda import Action, check_new_dependency
from domain.area.schedule import plan
from domain.area.state import AreaProcess
from domain.shared.errors import DomainError, InvalidTransition, UnknownReference
from domain.shared.rules import Builder

_Builder = Builder[AreaProcess]


def known_action(s: AreaProcess, action_id: str) -> Action:
    """The action a command names; refused when the agenda has no such action."""
    action = s.actions.get(action_id)
    if action is None:
        raise UnknownReference(f"unknown action {action_id!r}")
    return action


def _flag_lateness(b: _Builder, cause: str) -> None:
    """After any change to the agenda: flag the actions that now miss their deadline."""
    s = b.state
    late = plan(s.actions, s.dependencies, s.externals, today=b.now.date()).late
    if tuple(sorted(late)) != tuple(sorted(s.flagged_late)):
        b.add(ae.ActionsFlaggedLate, action_ids=tuple(sorted(late)), cause=cause)


def add_action(b: _Builder, c: ac.AddAction) -> None:
    if c.action.id in b.state.actions:
        raise DomainError(f"action {c.action.id!r} is already on the agenda")
    if c.action.started_on or c.action.done_on:
        raise DomainError("a new action starts unstarted; record progress by command")
    b.add(ae.ActionAdded, action=c.action)
    _flag_lateness(b, f"action {c.action.id} added")


def reschedule_action(b: _Builder, c: ac.RescheduleAction) -> None:
    action = known_action(b.state, c.action_id)
    if action.done_on is not None:
        raise InvalidTransition(
            f"action {c.action_id} was done on {action.done_on} and is not rescheduled"
        )
    if c.planned_end < c.planned_start:
        raise DomainError(f"action {c.action_id}: planned end lies before planned start")
    b.add(
        ae.ActionRescheduled,
        action_id=c.action_id,
        planned_start=c.planned_start,
        planned_end=c.planned_end,
        deadline=c.deadline if c.deadline is not None else action.deadline,
        reason=c.reason,
    )
    _flag_lateness(b, f"action {c.action_id} rescheduled: {c.reason}")


def start_action(b: _Builder, c: ac.StartAction) -> None:
    action = known_action(b.state, c.action_id)
    if action.started_on is not None:
        raise InvalidTransition(f"action {c.action_id} already started on {action.started_on}")
    b.add(ae.ActionStarted, action_id=c.action_id, on=c.on)
    _flag_lateness(b, f"action {c.action_id} started")


def complete_action(b: _Builder, c: ac.CompleteAction) -> None:
    action = known_action(b.state, c.action_id)
    if action.done_on is not None:
        raise InvalidTransition(f"action {c.action_id} was already done on {action.done_on}")
    if action.started_on is not None and c.on < action.started_on:
        raise DomainError(
            f"action {c.action_id} cannot end before it started ({action.started_on})"
        )
    b.add(ae.ActionCompleted, action_id=c.action_id, on=c.on)
    _flag_lateness(b, f"action {c.action_id} done")


def add_dependency(b: _Builder, c: ac.AddDependency) -> None:
    s = b.state
    check_new_dependency(s.actions, s.externals, s.dependencies, c.dependency)
    b.add(ae.DependencyAdded, dependency=c.dependency)
    _flag_lateness(b, f"{c.dependency.after} now waits for {c.dependency.before}")


def remove_dependency(b: _Builder, c: ac.RemoveDependency) -> None:
    if c.dependency not in b.state.dependencies:
        raise UnknownReference(f"{c.dependency.after} does not depend on {c.dependency.before}")
    b.add(ae.DependencyRemoved, dependency=c.dependency)
    _flag_lateness(b, f"{c.dependency.after} no longer waits for {c.dependency.before}")


def record_external_milestone(b: _Builder, c: ac.RecordExternalMilestone) -> None:
    if b.state.externals.get(c.milestone.ref) == c.milestone:
        raise DomainError(f"{c.milestone.ref} is already recorded as it is")
    b.add(ae.ExternalMilestoneRecorded, milestone=c.milestone)
    _flag_lateness(b, f"{c.milestone.ref} expected {c.milestone.expected}")


def complete_external(b: _Builder, c: ac.CompleteExternal) -> None:
    milestone = b.state.externals.get(c.ref)
    if milestone is None:
        raise UnknownReference(f"the agenda of {b.state.name} does not depend on {c.ref}")
    if milestone.done:
        raise InvalidTransition(f"{c.ref} was already reached")
    done = milestone.model_copy(update={"done": True, "expected": c.on})
    b.add(ae.ExternalMilestoneRecorded, milestone=done)
    _flag_lateness(b, f"{c.ref} reached on {c.on}")
