"""The rules of a NOVEX area: decide which events a command produces, or refuse it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from domain.area import agenda_rules, investment_rules, perspective_rules
from domain.area import commands as ac
from domain.area import events as ae
from domain.area.commands import StartArea
from domain.area.state import AreaPhase, AreaProcess, evolve
from domain.shared import commands as cmd
from domain.shared import events as ev
from domain.shared.errors import InvalidTransition
from domain.shared.history import record_history
from domain.shared.ids import NewId
from domain.shared.rules import (
    Builder,
    change_escalation_ladder,
    change_friction,
    dispatch,
    issue_reminder,
    mark_overdue,
    move_due_date,
    raise_friction,
    record_escalation_decision,
    refused,
    start_event,
)

_Builder = Builder[AreaProcess]


def start(
    state: AreaProcess, command: StartArea, *, now: datetime, new_id: NewId
) -> list[ev.Event]:
    """Begin an area's process; refused when one is already running for this state."""
    if state.phase is not AreaPhase.NOT_STARTED:
        running = InvalidTransition(f"the process of {state.name} is already running")
        raise refused(command, running)
    return start_event(state, command, ae.AreaStarted, now=now, new_id=new_id, evolve=evolve)


def decide(
    state: AreaProcess, command: cmd.Command, *, now: datetime, new_id: NewId
) -> list[ev.Event]:
    """Events a command produces here; a refused command raises DomainError, produces none."""
    if state.phase is AreaPhase.NOT_STARTED:
        raise refused(command, InvalidTransition("the area's process has not started"))
    if isinstance(command, ac.AreaHistory):
        return record_history(
            state,
            command.commands,
            actor=command.actor,
            now=now,
            new_id=new_id,
            decide=decide,
            evolve=evolve,
        )
    return dispatch(
        state,
        command,
        now=now,
        new_id=new_id,
        evolve=evolve,
        handlers=_HANDLERS,
        process="a NOVEX area",
    )


_HANDLERS: dict[type[cmd.Command], Callable[[_Builder, Any], object]] = {
    ac.DraftPerspective: perspective_rules.draft_perspective,
    ac.ReviewPerspective: perspective_rules.review_perspective,
    ac.AdoptPerspective: perspective_rules.adopt_perspective,
    ac.ReachCheckpoint: perspective_rules.reach_checkpoint,
    ac.AddAction: agenda_rules.add_action,
    ac.RescheduleAction: agenda_rules.reschedule_action,
    ac.StartAction: agenda_rules.start_action,
    ac.CompleteAction: agenda_rules.complete_action,
    ac.AddDependency: agenda_rules.add_dependency,
    ac.RemoveDependency: agenda_rules.remove_dependency,
    ac.RecordExternalMilestone: agenda_rules.record_external_milestone,
    ac.CompleteExternal: agenda_rules.complete_external,
    ac.AddContribution: investment_rules.add_contribution,
    ac.AgreeProportion: investment_rules.agree_proportion,
    ac.DecideInvestment: investment_rules.decide_investment,
    ac.ProposeAgreement: investment_rules.propose_agreement,
    ac.ConfirmAgreement: investment_rules.confirm_agreement,
    ac.ConfirmDelivery: perspective_rules.confirm_delivery,
    cmd.RaiseFriction: raise_friction,
    cmd.ChangeFriction: change_friction,
    cmd.MoveDueDate: move_due_date,
    cmd.IssueReminder: issue_reminder,
    cmd.MarkOverdue: mark_overdue,
    cmd.RecordEscalationDecision: record_escalation_decision,
    cmd.ChangeEscalationLadder: change_escalation_ladder,
}
