"""The rules of a province's journey: decide which events a command produces, or refuse it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from domain.province import arrangement_rules, checkpoint_rules, proposal_rules
from domain.province import commands as cmd
from domain.province import events as ev
from domain.province.commands import StartJourney
from domain.province.state import Phase, ProvinceJourney, evolve
from domain.shared.commands import (
    ChangeEscalationLadder,
    ChangeFriction,
    Command,
    IssueReminder,
    MarkOverdue,
    MoveDueDate,
    RaiseFriction,
    RecordEscalationDecision,
)
from domain.shared.errors import DomainError, InvalidTransition, UnknownReference
from domain.shared.events import Event
from domain.shared.history import record_history
from domain.shared.ids import NewId
from domain.shared.rules import (
    Builder,
    change_escalation_ladder,
    dispatch,
    issue_reminder,
    mark_overdue,
    move_due_date,
    refused,
    start_event,
)

_Builder = Builder[ProvinceJourney]


def start(
    state: ProvinceJourney, command: StartJourney, *, now: datetime, new_id: NewId
) -> list[Event]:
    """Begin a journey; refused when one is already running for this state."""
    if state.phase is not Phase.NOT_STARTED:
        running = InvalidTransition(
            f"the journey of {state.province} is already running ({state.phase})"
        )
        raise refused(command, running)
    return start_event(state, command, ev.JourneyStarted, now=now, new_id=new_id, evolve=evolve)


def decide(
    state: ProvinceJourney, command: Command, *, now: datetime, new_id: NewId
) -> list[Event]:
    """Events a command produces here; a refused command raises DomainError, produces none."""
    if state.phase is Phase.NOT_STARTED:
        raise refused(command, InvalidTransition("the journey has not started"))
    if isinstance(command, cmd.ProvinceHistory):
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
        process="a province journey",
    )


def _add_task(b: _Builder, c: cmd.AddTask) -> None:
    if any(t.id == c.task.id for t in b.state.tasks):
        raise DomainError(f"opgave {c.task.id!r} is already in the startpakket")
    if b.state.phase in (Phase.SIGNED,):
        raise InvalidTransition("the arrangement is signed; start an amendment to add an opgave")
    b.add(ev.TaskAdded, task=c.task)


def _reclassify(b: _Builder, c: cmd.ReclassifyTask) -> None:
    task = next((t for t in b.state.tasks if t.id == c.task_id), None)
    if task is None:
        raise UnknownReference(f"unknown opgave {c.task_id!r}")
    if task.kind == c.kind:
        raise DomainError(f"opgave {c.task_id!r} is already {c.kind.value}")
    b.add(ev.TaskReclassified, task_id=c.task_id, previous=task.kind, kind=c.kind, reason=c.reason)


_HANDLERS: dict[type[Command], Callable[[_Builder, Any], None]] = {
    cmd.AddTask: _add_task,
    cmd.ReclassifyTask: _reclassify,
    cmd.SubmitDraft: checkpoint_rules.submit_draft,
    cmd.SubmitReview: checkpoint_rules.submit_review,
    RaiseFriction: checkpoint_rules.raise_checkpoint_friction,
    ChangeFriction: checkpoint_rules.change_checkpoint_friction,
    cmd.CloseCheckpoint: checkpoint_rules.close_checkpoint,
    MoveDueDate: move_due_date,
    IssueReminder: issue_reminder,
    MarkOverdue: mark_overdue,
    RecordEscalationDecision: checkpoint_rules.record_checkpoint_escalation_decision,
    ChangeEscalationLadder: change_escalation_ladder,
    cmd.SubmitProposal: proposal_rules.submit_proposal,
    cmd.DeliverPerspective: proposal_rules.deliver_perspective,
    cmd.WaivePerspective: proposal_rules.waive_perspective,
    cmd.AdoptProposal: proposal_rules.adopt_proposal,
    cmd.DraftArrangement: arrangement_rules.draft_arrangement,
    cmd.SignArrangement: arrangement_rules.sign_arrangement,
    cmd.RefuseArrangement: arrangement_rules.refuse_arrangement,
    cmd.WithdrawSignature: arrangement_rules.withdraw_signature,
    cmd.ConcludeProcessAgreement: arrangement_rules.conclude_process_agreement,
    cmd.StartAmendment: arrangement_rules.start_amendment,
}
