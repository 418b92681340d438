"""A journey's history read back from its events: which command each event that a command
records first was (a file for ``novex import`` holds them; ``novex export-history`` writes it)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from domain.province import events as ev
from domain.shared.events import Event
from domain.shared.history import Entry, Reading, entries


def _one(command_type: str, /, **fields: Any) -> dict[str, Any]:
    return {"type": command_type, **fields}


READINGS: dict[type[Event], Reading] = {
    ev.TaskAdded: lambda e, _: _one("AddTask", task=e.task),
    ev.TaskReclassified: lambda e, _: _one(
        "ReclassifyTask", task_id=e.task_id, kind=e.kind, reason=e.reason
    ),
    ev.DraftSubmitted: lambda e, _: _one(
        "SubmitDraft",
        checkpoint=e.checkpoint,
        document_ref=e.document_ref,
        summary=e.summary,
        positions=e.positions or None,
    ),
    ev.ReviewSubmitted: lambda e, _: _one(
        "SubmitReview",
        checkpoint=e.checkpoint,
        party=e.review.party,
        outcome=e.review.outcome,
        remarks=e.review.remarks or None,
    ),
    ev.CheckpointClosed: lambda e, _: _one(
        "CloseCheckpoint", checkpoint=e.checkpoint, decision=e.decision, reason=e.reason
    ),
    ev.ProposalSubmitted: lambda e, _: _one(
        "SubmitProposal",
        document_ref=e.document_ref,
        summary=e.summary,
        builds_on=e.builds_on or None,
    ),
    ev.PerspectiveDelivered: lambda e, _: _one(
        "DeliverPerspective", area=e.area, document_ref=e.document_ref
    ),
    ev.PerspectiveWaived: lambda e, _: _one("WaivePerspective", area=e.area, reason=e.reason),
    ev.ProposalAdopted: lambda e, _: _one("AdoptProposal"),
    ev.ArrangementDrafted: lambda e, _: _one(
        "DraftArrangement", text=e.text, agreements=e.agreements
    ),
    ev.ArrangementSigned: lambda e, _: _one(
        "SignArrangement", signatory=e.signature.signatory, text_hash=e.signature.text_hash
    ),
    ev.ArrangementRefused: lambda e, _: _one(
        "RefuseArrangement", signatory=e.signatory, reason=e.reason
    ),
    ev.SignatureWithdrawn: lambda e, _: _one(
        "WithdrawSignature", signatory=e.signatory, reason=e.reason
    ),
    ev.ProcessAgreementConcluded: lambda e, _: _one(
        "ConcludeProcessAgreement", text=e.agreement.text, reason=e.agreement.reason
    ),
    ev.AmendmentStarted: lambda e, _: _one("StartAmendment", reason=e.reason, due=e.due),
}
"""Per province event that a command records first, which command it was."""


def journey_history(events: Sequence[Event]) -> tuple[date | None, list[Entry]]:
    """When a journey started and every command given to it since, in order."""
    return entries(events, READINGS, ev.JourneyStarted)
