"""The rules of a NOVEX area: decide which events a command produces, or refuse it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from domain.area import commands as ac
from domain.area import events as ae
from domain.area.agenda import check_new_dependency
from domain.area.commands import StartArea
from domain.area.schedule import plan
from domain.area.state import AreaPhase, AreaProcess, evolve
from domain.shared import commands as cmd
from domain.shared import events as ev
from domain.shared.errors import DomainError, InvalidTransition, NotAuthorized, UnknownReference
from domain.shared.ids import NewId
from domain.shared.models import Friction, InvestmentDecision, Review
from domain.shared.models import ReviewOutcome as Outcome
from domain.shared.rules import (
    Builder,
    change_escalation_ladder,
    change_friction,
    dispatch,
    issue_reminder,
    mark_overdue,
    move_due_date,
    next_friction_id,
    raise_friction,
    record_escalation_decision,
    start_event,
)

_Builder = Builder[AreaProcess]


def start(
    state: AreaProcess, command: StartArea, *, now: datetime, new_id: NewId
) -> list[ev.Event]:
    """Begin an area's process; refused when one is already running for this state."""
    if state.phase is not AreaPhase.NOT_STARTED:
        raise InvalidTransition(f"the process of {state.name} is already running")
    return start_event(state, command, ae.AreaStarted, now=now, new_id=new_id, evolve=evolve)


def decide(
    state: AreaProcess, command: cmd.Command, *, now: datetime, new_id: NewId
) -> list[ev.Event]:
    """Events a command produces here; a refused command raises DomainError, produces none."""
    if state.phase is AreaPhase.NOT_STARTED:
        raise InvalidTransition("the area's process has not started")
    return dispatch(
        state,
        command,
        now=now,
        new_id=new_id,
        evolve=evolve,
        handlers=_HANDLERS,
        process="a NOVEX area",
    )


def _draft(b: _Builder, c: ac.DraftPerspective) -> None:
    s = b.state
    if s.phase is AreaPhase.ADOPTED:
        raise InvalidTransition(
            f"the ontwikkelperspectief (version {s.adopted_version}) is adopted"
        )
    if s.phase is AreaPhase.IN_REVIEW and s.missing_reviews:
        raise InvalidTransition(
            f"version {s.current.version if s.current else 0} is still in review; "
            f"waiting for {', '.join(s.missing_reviews)}"
        )
    version = (s.current.version if s.current else 0) + 1
    b.add(
        ae.PerspectiveDrafted,
        version=version,
        document_ref=c.document_ref,
        summary=c.summary,
        readiness=c.readiness,
    )
    b.add(
        ae.PerspectiveReviewRequested,
        version=version,
        parties=s.review_parties,
        respond_by=b.now + timedelta(days=s.review_days),
    )


def _review(b: _Builder, c: ac.ReviewPerspective) -> None:
    s = b.state
    if s.phase is not AreaPhase.IN_REVIEW or s.current is None:
        raise InvalidTransition(f"there is no ontwikkelperspectief in review ({s.phase.value})")
    if c.party not in s.requested:
        raise NotAuthorized(
            f"{c.party!r} is not a partner of {s.name}; partners: {', '.join(s.requested)}"
        )
    if any(r.party == c.party for r in s.reviews):
        raise DomainError(f"{c.party!r} already reviewed version {s.current.version}")
    friction_id = None
    if c.outcome is Outcome.FRICTION:
        if not c.remarks.strip():
            raise DomainError("a schuurpunt needs a description in the remarks")
        friction_id = next_friction_id(s)
    review = Review(
        party=c.party,
        outcome=c.outcome,
        remarks=c.remarks,
        actor=c.actor,
        submitted_at=b.now,
        friction_id=friction_id,
    )
    b.add(ae.PerspectiveReviewed, version=s.current.version, review=review)
    if friction_id is not None:
        b.add(
            ev.FrictionRaised,
            friction=Friction(id=friction_id, description=c.remarks, raised_by=c.party),
        )


def _adopt(b: _Builder, c: ac.AdoptPerspective) -> None:
    s = b.state
    if s.phase is not AreaPhase.IN_REVIEW or s.current is None:
        raise InvalidTransition(f"there is no ontwikkelperspectief to adopt ({s.phase.value})")
    if s.missing_reviews:
        raise InvalidTransition(f"reviews still missing: {', '.join(s.missing_reviews)}")
    revise = [r.party for r in s.reviews if r.outcome is Outcome.REVISE]
    if revise:
        raise InvalidTransition(f"asked to revise by {', '.join(revise)}; draft a new version")
    if s.open_frictions():
        ids = ", ".join(f.id for f in s.open_frictions())
        raise InvalidTransition(f"open schuurpunten block adoption: {ids}")
    b.add(
        ae.PerspectiveAdopted,
        version=s.current.version,
        document_ref=s.current.document_ref,
        readiness=s.current.readiness,
    )


def _reach_checkpoint(b: _Builder, c: ac.ReachCheckpoint) -> None:
    numbers = [p.number for p in b.state.checkpoints]
    if c.checkpoint not in numbers:
        raise UnknownReference(f"unknown ijkpunt {c.checkpoint}; this area has {numbers}")
    if c.checkpoint in b.state.reached:
        raise InvalidTransition(f"ijkpunt {c.checkpoint} was already reached")
    b.add(ae.CheckpointReached, checkpoint=c.checkpoint, note=c.note)


def _known_action(s: AreaProcess, action_id: str) -> Any:
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


def _add_action(b: _Builder, c: ac.AddAction) -> None:
    if c.action.id in b.state.actions:
        raise DomainError(f"action {c.action.id!r} is already on the agenda")
    if c.action.started_on or c.action.done_on:
        raise DomainError("a new action starts unstarted; record progress by command")
    b.add(ae.ActionAdded, action=c.action)
    _flag_lateness(b, f"action {c.action.id} added")


def _reschedule(b: _Builder, c: ac.RescheduleAction) -> None:
    action = _known_action(b.state, c.action_id)
    if action.done_on is not None:
        raise InvalidTransition(f"action {c.action_id} is done")
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


def _start_action(b: _Builder, c: ac.StartAction) -> None:
    action = _known_action(b.state, c.action_id)
    if action.started_on is not None:
        raise InvalidTransition(f"action {c.action_id} started on {action.started_on}")
    b.add(ae.ActionStarted, action_id=c.action_id, on=c.on)
    _flag_lateness(b, f"action {c.action_id} started")


def _complete_action(b: _Builder, c: ac.CompleteAction) -> None:
    action = _known_action(b.state, c.action_id)
    if action.done_on is not None:
        raise InvalidTransition(f"action {c.action_id} was done on {action.done_on}")
    if action.started_on is not None and c.on < action.started_on:
        raise DomainError(
            f"action {c.action_id} cannot end before it started ({action.started_on})"
        )
    b.add(ae.ActionCompleted, action_id=c.action_id, on=c.on)
    _flag_lateness(b, f"action {c.action_id} done")


def _add_dependency(b: _Builder, c: ac.AddDependency) -> None:
    s = b.state
    check_new_dependency(s.actions, s.externals, s.dependencies, c.dependency)
    b.add(ae.DependencyAdded, dependency=c.dependency)
    _flag_lateness(b, f"{c.dependency.after} now waits for {c.dependency.before}")


def _remove_dependency(b: _Builder, c: ac.RemoveDependency) -> None:
    if c.dependency not in b.state.dependencies:
        raise UnknownReference(f"{c.dependency.after} does not depend on {c.dependency.before}")
    b.add(ae.DependencyRemoved, dependency=c.dependency)
    _flag_lateness(b, f"{c.dependency.after} no longer waits for {c.dependency.before}")


def _record_external(b: _Builder, c: ac.RecordExternalMilestone) -> None:
    if b.state.externals.get(c.milestone.ref) == c.milestone:
        raise DomainError(f"{c.milestone.ref} is already recorded as it is")
    b.add(ae.ExternalMilestoneRecorded, milestone=c.milestone)
    _flag_lateness(b, f"{c.milestone.ref} expected {c.milestone.expected}")


def _complete_external(b: _Builder, c: ac.CompleteExternal) -> None:
    milestone = b.state.externals.get(c.ref)
    if milestone is None:
        raise UnknownReference(f"the agenda of {b.state.name} does not depend on {c.ref}")
    if milestone.done:
        raise InvalidTransition(f"{c.ref} was already reached")
    done = milestone.model_copy(update={"done": True, "expected": c.on})
    b.add(ae.ExternalMilestoneRecorded, milestone=done)
    _flag_lateness(b, f"{c.ref} reached on {c.on}")


def _add_contribution(b: _Builder, c: ac.AddContribution) -> None:
    _known_action(b.state, c.contribution.action_id)
    if any(x.id == c.contribution.id for x in b.state.contributions):
        raise DomainError(f"contribution {c.contribution.id!r} already exists")
    b.add(ae.ContributionAdded, contribution=c.contribution)


def _agree_proportion(b: _Builder, c: ac.AgreeProportion) -> None:
    if b.state.rijk_share == c.rijk_share:
        raise DomainError(f"the agreed Rijk share is already {c.rijk_share}")
    b.add(ae.ProportionAgreed, rijk_share=c.rijk_share)


def _decide_investment(b: _Builder, c: ac.DecideInvestment) -> None:
    _known_action(b.state, c.action_id)
    if any(d.id == c.decision_id for d in b.state.decisions):
        raise DomainError(f"investeringsbesluit {c.decision_id!r} already exists")
    decision = InvestmentDecision(
        id=c.decision_id,
        action_id=c.action_id,
        description=c.description,
        decided_by=c.actor,
        decided_at=b.now,
    )
    b.add(ae.InvestmentDecided, decision=decision)


def _propose_agreement(b: _Builder, c: ac.ProposeAgreement) -> None:
    if b.state.agreement(c.agreement.id) is not None:
        raise DomainError(f"uitvoeringsafspraak {c.agreement.id!r} already exists")
    b.add(ae.AgreementProposed, agreement=c.agreement)


def _confirm_agreement(b: _Builder, c: ac.ConfirmAgreement) -> None:
    s = b.state
    state = s.agreement(c.agreement_id)
    if state is None:
        raise UnknownReference(f"unknown uitvoeringsafspraak {c.agreement_id!r}")
    if c.member not in s.duo_members:
        raise NotAuthorized(
            f"{c.member!r} is not a member of the duo of {s.name} ({', '.join(s.duo_members)})"
        )
    if state.agreed:
        raise InvalidTransition(f"uitvoeringsafspraak {c.agreement_id} is already agreed")
    if c.member in state.confirmed_by:
        raise DomainError(f"{c.member} already confirmed uitvoeringsafspraak {c.agreement_id}")
    b.add(ae.AgreementConfirmed, agreement_id=c.agreement_id, member=c.member)
    confirmed = b.state.agreement(c.agreement_id)
    if confirmed is not None and set(s.duo_members) <= set(confirmed.confirmed_by):
        b.add(ae.AgreementConcluded, agreement_id=c.agreement_id)


def _confirm_delivery(b: _Builder, c: ac.ConfirmDelivery) -> None:
    s = b.state
    if s.adopted_version is None:
        raise InvalidTransition("nothing to deliver: the ontwikkelperspectief is not adopted")
    if c.province not in s.provinces:
        raise UnknownReference(f"{s.name} does not lie in province {c.province!r}")
    if c.province in s.delivered_to:
        raise DomainError(f"already delivered to {c.province}")
    b.add(ae.PerspectiveDeliveredToProvince, province=c.province, version=s.adopted_version)


_HANDLERS: dict[type[cmd.Command], Callable[[_Builder, Any], object]] = {
    ac.DraftPerspective: _draft,
    ac.ReviewPerspective: _review,
    ac.AdoptPerspective: _adopt,
    ac.ReachCheckpoint: _reach_checkpoint,
    ac.AddAction: _add_action,
    ac.RescheduleAction: _reschedule,
    ac.StartAction: _start_action,
    ac.CompleteAction: _complete_action,
    ac.AddDependency: _add_dependency,
    ac.RemoveDependency: _remove_dependency,
    ac.RecordExternalMilestone: _record_external,
    ac.CompleteExternal: _complete_external,
    ac.AddContribution: _add_contribution,
    ac.AgreeProportion: _agree_proportion,
    ac.DecideInvestment: _decide_investment,
    ac.ProposeAgreement: _propose_agreement,
    ac.ConfirmAgreement: _confirm_agreement,
    ac.ConfirmDelivery: _confirm_delivery,
    cmd.RaiseFriction: raise_friction,
    cmd.ChangeFriction: change_friction,
    cmd.MoveDueDate: move_due_date,
    cmd.IssueReminder: issue_reminder,
    cmd.MarkOverdue: mark_overdue,
    cmd.RecordEscalationDecision: record_escalation_decision,
    cmd.ChangeEscalationLadder: change_escalation_ladder,
}
