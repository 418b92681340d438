"""An escalation at a glance: the phase coordinators read."""

from __future__ import annotations

from domain.escalation.state import EscalationState


def phase_of(s: EscalationState) -> str:
    """A one-line status, in the coordinators' words."""
    if s.decision is not None:
        return f"besloten op niveau {s.level}"
    if not s.level:
        return "niet gestart"
    return f"niveau {s.level}: {s.rung.name}" + (" (termijn verstreken)" if s.overdue else "")
