"""An escalation at a glance: the phase and the summary coordinators read."""

from __future__ import annotations

from typing import Any

from domain.escalation.state import EscalationState


def phase_of(s: EscalationState) -> str:
    """A one-line status, in the coordinators' words."""
    if s.decision is not None:
        return f"besloten op niveau {s.level}"
    if not s.level:
        return "niet gestart"
    return f"niveau {s.level}: {s.rung.name}" + (" (termijn verstreken)" if s.overdue else "")


def summarize_escalation(s: EscalationState) -> dict[str, Any]:
    """An escalation at a glance, for coordinators."""
    return {
        "subject": s.subject,
        "parent": s.parent_workflow_id,
        "open": s.open,
        "level": s.level,
        "level_name": s.rung.name if s.level else None,
        "members": list(s.rung.members) if s.level else [],
        "due": s.due.isoformat() if s.due else None,
        # what is overdue, as in every process's summary: the level whose deadline passed
        "overdue": [f"niveau {s.level}"] if s.overdue else [],
        "proposals": [
            {"id": p.id, "level": p.level, "by": p.by, "text": p.decision.text, "status": p.status}
            for p in s.proposals
        ],
        "decision": s.decision.text if s.decision else None,
        "decided_by": list(s.decided_by),
        "history": list(s.history),
    }
