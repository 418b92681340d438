"""An escalation at a glance: the phase and the summary coordinators read, the ladder it climbs
and what its deadline will do."""

from __future__ import annotations

from typing import Any

from domain.escalation.state import EscalationState
from domain.shared.ladder import LadderRung


def phase_of(s: EscalationState) -> str:
    """A one-line status, in the coordinators' words."""
    if s.decision is not None:
        return f"besloten op niveau {s.level}"
    if not s.level:
        return "niet gestart"
    return f"niveau {s.level}: {s.rung.name}" + (" (termijn verstreken)" if s.overdue else "")


def _rung(r: LadderRung) -> dict[str, Any]:
    return {
        "level": r.level,
        "name": r.name,
        "kind": r.kind,
        "members": list(r.members),
        "decision_days": r.decision_days,
        "reminder_days": list(r.reminder_days),
    }


def next_rung(s: EscalationState) -> LadderRung | None:
    """The level the escalation goes to when this level's deadline passes (None at the top)."""
    return s.ladder[s.level] if 0 < s.level < len(s.ladder) else None


def at_deadline(s: EscalationState) -> str | None:
    """What the deadline of the current level will do, in the users' words (None once decided)."""
    if not s.open or s.due is None:
        return None
    due = f"{s.due:%d-%m-%Y}"
    how = "gezamenlijk besluit" if s.rung.kind == "duo" else "besluit"
    nxt = next_rung(s)
    if nxt is not None:
        return (
            f"Is er op {due} geen {how} van {s.rung.name}, dan gaat de escalatie vanzelf naar "
            f"niveau {nxt.level}: {nxt.name} ({', '.join(nxt.members)}), dat dan "
            f"{nxt.decision_days} dagen krijgt om te besluiten."
        )
    if s.overdue:
        return (
            f"De besluittermijn van het hoogste niveau ({s.rung.name}) is op {due} verstreken; "
            "er is geen hoger niveau. De escalatie wacht op een besluit."
        )
    return (
        f"Is er op {due} geen {how} van {s.rung.name}, dan wordt vastgelegd dat de "
        "besluittermijn van het hoogste niveau is verstreken; er is geen hoger niveau."
    )


def summarize_escalation(s: EscalationState) -> dict[str, Any]:
    """An escalation at a glance, for coordinators and the members who must decide."""
    nxt = next_rung(s)
    return {
        "subject": s.subject,
        "parent": s.parent_workflow_id,
        "reason": s.reason,
        "friction_id": s.friction_id,
        "open": s.open,
        "level": s.level,
        "level_name": s.rung.name if s.level else None,
        "level_kind": s.rung.kind if s.level else None,
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
        "ladder": [_rung(r) for r in s.ladder],
        "next_level": _rung(nxt) if nxt and s.open else None,
        "at_deadline": at_deadline(s),
        "history": list(s.history),
        "stuck": s.stuck.summary() if s.stuck else None,
    }
