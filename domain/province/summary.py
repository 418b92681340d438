"""Status at a glance: the summary of a journey that coordinators read (now or as of a date)."""

from __future__ import annotations

from typing import Any

from domain.province.state import ProvinceJourney
from domain.shared.deadlines import deadline_summary


def summarize_province(state: ProvinceJourney) -> dict[str, Any]:
    """A small JSON-ready picture of one province's journey."""
    current = state.current_checkpoint
    arrangement = state.arrangement
    return {
        "province": state.province,
        "name": state.name,
        "round": state.round,
        "phase": state.phase.value,
        "checkpoints": {
            str(c.number): {
                "status": c.status,
                "draft": c.draft_no,
                "missing_reviews": list(c.missing_reviews) if c.status == "in_review" else [],
            }
            for c in state.checkpoints
        },
        "current_checkpoint": current.number if current else None,
        **deadline_summary(state),
        "open_frictions": [f.id for f in state.open_frictions()],
        "escalations_requested": state.escalations_requested,
        "perspectives": {
            "builds_on": list(state.proposal.builds_on),
            "delivered": sorted(state.delivered),
            "waived": sorted(state.waived),
            "missing": list(state.missing_perspectives),
        },
        "proposal_adopted": state.proposal.adopted,
        "arrangement": {
            "text_hash": arrangement.text_hash,
            "signed_by": [s.signatory for s in arrangement.signatures],
            "signed": arrangement.signed,
            "refused": state.arrangement_refused,
        }
        if arrangement
        else None,
        "process_agreement": state.process_agreement is not None,
    }
