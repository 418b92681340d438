"""An area's history read back from its events: which command each event that a command
records first was (a file for ``novex import`` holds them; ``novex export-history`` writes it)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from domain.area import events as ae
from domain.shared.events import Event
from domain.shared.history import Entry, Reading, entries


def _one(command_type: str, /, **fields: Any) -> dict[str, Any]:
    return {"type": command_type, **fields}


def _milestone(e: ae.ExternalMilestoneRecorded, before: Sequence[Event]) -> dict[str, Any]:
    """A milestone recorded before and now reached is what CompleteExternal records; any other
    recording is RecordExternalMilestone."""
    milestone = e.milestone
    known = any(
        isinstance(x, ae.ExternalMilestoneRecorded) and x.milestone.ref == milestone.ref
        for x in before
    )
    if milestone.done and known:
        return _one("CompleteExternal", ref=milestone.ref, on=milestone.expected)
    return _one("RecordExternalMilestone", milestone=milestone)


READINGS: dict[type[Event], Reading] = {
    ae.PerspectiveDrafted: lambda e, _: _one(
        "DraftPerspective", document_ref=e.document_ref, summary=e.summary, readiness=e.readiness
    ),
    ae.PerspectiveReviewed: lambda e, _: _one(
        "ReviewPerspective",
        party=e.review.party,
        outcome=e.review.outcome,
        remarks=e.review.remarks or None,
    ),
    ae.PerspectiveAdopted: lambda e, _: _one("AdoptPerspective"),
    ae.CheckpointReached: lambda e, _: _one(
        "ReachCheckpoint", checkpoint=e.checkpoint, note=e.note or None
    ),
    ae.ActionAdded: lambda e, _: _one("AddAction", action=e.action),
    ae.ActionRescheduled: lambda e, _: _one(
        "RescheduleAction",
        action_id=e.action_id,
        planned_start=e.planned_start,
        planned_end=e.planned_end,
        deadline=e.deadline,
        reason=e.reason,
    ),
    ae.ActionStarted: lambda e, _: _one("StartAction", action_id=e.action_id, on=e.on),
    ae.ActionCompleted: lambda e, _: _one("CompleteAction", action_id=e.action_id, on=e.on),
    ae.DependencyAdded: lambda e, _: _one("AddDependency", dependency=e.dependency),
    ae.DependencyRemoved: lambda e, _: _one("RemoveDependency", dependency=e.dependency),
    ae.ExternalMilestoneRecorded: _milestone,
    ae.ContributionAdded: lambda e, _: _one("AddContribution", contribution=e.contribution),
    ae.ProportionAgreed: lambda e, _: _one("AgreeProportion", rijk_share=e.rijk_share),
    ae.InvestmentDecided: lambda e, _: _one(
        "DecideInvestment",
        decision_id=e.decision.id,
        action_id=e.decision.action_id,
        description=e.decision.description,
    ),
    ae.AgreementProposed: lambda e, _: _one("ProposeAgreement", agreement=e.agreement),
    ae.AgreementConfirmed: lambda e, _: _one(
        "ConfirmAgreement", agreement_id=e.agreement_id, member=e.member
    ),
}
"""Per area event that a command records first, which command it was."""


def area_history(events: Sequence[Event]) -> tuple[date | None, list[Entry]]:
    """When an area's process started and every command given to it since, in order."""
    return entries(events, READINGS, ae.AreaStarted)
