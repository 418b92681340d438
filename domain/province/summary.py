"""Status at a glance: the summary of a journey that coordinators read (now or as of a date),
and the whole picture its page shows."""

from __future__ import annotations

from typing import Any

from domain.province.state import ProvinceJourney
from domain.shared.deadlines import deadline_summary
from domain.shared.frictions import frictions_by_theme, frictions_view


def summarize_province(state: ProvinceJourney) -> dict[str, Any]:
    """A small JSON-ready picture of one province's journey."""
    current = state.current_checkpoint
    arrangement = state.arrangement
    return {
        "province": state.province,
        "name": state.name,
        "round": state.round,
        "phase": state.phase.value,
        "programmes": sorted({t.programme for t in state.tasks}),
        "checkpoints": {
            str(c.number): {
                "status": c.status,
                "draft": c.draft_no,
                "missing_reviews": list(c.missing_reviews) if c.status == "in_review" else [],
                "respond_by": c.respond_by.isoformat()
                if c.respond_by and c.status == "in_review"
                else None,
            }
            for c in state.checkpoints
        },
        "current_checkpoint": current.number if current else None,
        **deadline_summary(state),
        "open_frictions": [f.id for f in state.open_frictions()],
        "frictions_by_theme": frictions_by_theme(state.frictions),
        "escalations_requested": state.escalations_requested,
        "perspectives": {
            "builds_on": list(state.proposal.builds_on),
            "delivered": sorted(state.delivered),
            "waived": sorted(state.waived),
            "missing": list(state.missing_perspectives),
        },
        "proposal_adopted": state.proposal.adopted,
        "signatories": [s.id for s in state.signatories],
        "arrangement": {
            "text_hash": arrangement.text_hash,
            "signed_by": [s.signatory for s in arrangement.signatures],
            "signed": arrangement.signed,
            "refused": state.arrangement_refused,
        }
        if arrangement
        else None,
        "process_agreement": state.process_agreement is not None,
        "stuck": state.stuck.summary() if state.stuck else None,
    }


def describe_province(state: ProvinceJourney) -> dict[str, Any]:
    """Everything a province's page shows beyond its summary: ijkmomenten with their reviews,
    the startpakket, schuurpunten with their history, the voorstel and the arrangement."""
    return {
        "checkpoints": [
            {
                "number": c.number,
                "name": c.name,
                "status": c.status,
                "draft": c.draft_no,
                "document_ref": c.document_ref,
                "requested": list(c.requested),
                "missing_reviews": list(c.missing_reviews) if c.status == "in_review" else [],
                "respond_by": c.respond_by.isoformat() if c.respond_by else None,
                "reviews": [r.model_dump(mode="json") for r in c.reviews],
                "decision": c.decision,
                "reason": c.reason,
            }
            for c in state.checkpoints
        ],
        "tasks": [t.model_dump(mode="json") for t in state.tasks],
        "frictions": frictions_view(state.frictions),
        "proposal": {
            **state.proposal.model_dump(mode="json"),
            "delivered": dict(sorted(state.delivered.items())),
            "waived": dict(sorted(state.waived.items())),
            "missing": list(state.missing_perspectives),
        },
        "arrangement": _arrangement(state),
        "process_agreement": state.process_agreement.model_dump(mode="json")
        if state.process_agreement
        else None,
        "escalation_decisions": list(state.escalation_decisions),
    }


def _arrangement(state: ProvinceJourney) -> dict[str, Any] | None:
    """The arrangement's text, its hash and who of its signatories signed it, when."""
    arrangement = state.arrangement
    if arrangement is None:
        return None
    signed = {s.signatory: s for s in arrangement.signatures}
    return {
        "text": arrangement.text,
        "text_hash": arrangement.text_hash,
        "agreements": [a.model_dump(mode="json") for a in arrangement.agreements],
        "signatories": [
            {
                **s.model_dump(mode="json"),
                "signed_at": signed[s.id].signed_at.isoformat() if s.id in signed else None,
            }
            for s in state.signatories
        ],
        "signed": arrangement.signed,
        "refused": state.arrangement_refused,
    }
