"""An area at a glance: perspective, reviews, agenda schedule and the Rijk–regio split."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from domain.area.schedule import plan
from domain.area.state import AreaProcess
from domain.shared.deadlines import deadline_summary
from domain.shared.models import PartySide


def investment_report(state: AreaProcess) -> dict[str, Any]:
    """Contributions of Rijk and regio per action and in total, against the agreed proportion."""
    per_action: dict[str, dict[str, Decimal]] = {}
    totals = {PartySide.RIJK.value: Decimal(0), PartySide.REGION.value: Decimal(0)}
    for c in state.contributions:
        row = per_action.setdefault(c.action_id, {"rijk": Decimal(0), "regio": Decimal(0)})
        row[c.side.value] += c.amount
        totals[c.side.value] += c.amount
    total = totals["rijk"] + totals["regio"]
    share = (totals["rijk"] / total).quantize(Decimal("0.001")) if total else None
    agreed = state.rijk_share
    return {
        "per_action": {a: {k: str(v) for k, v in row.items()} for a, row in per_action.items()},
        "rijk": str(totals["rijk"]),
        "regio": str(totals["regio"]),
        "total": str(total),
        "rijk_share": str(share) if share is not None else None,
        "agreed_rijk_share": str(agreed) if agreed is not None else None,
        "deviation": str((share - agreed).quantize(Decimal("0.001")))
        if share is not None and agreed is not None
        else None,
        "decisions": [d.id for d in state.decisions],
    }


def summarize_area(state: AreaProcess) -> dict[str, Any]:
    """A small JSON-ready picture of one area's process."""
    current = state.current
    schedule = plan(state.actions, state.dependencies, state.externals) if state.actions else None
    return {
        "area": state.area,
        "name": state.name,
        "phase": state.phase.value,
        "provinces": list(state.provinces),
        "perspective": {
            "version": current.version if current else 0,
            "readiness": current.readiness if current else 0,
            "adopted_version": state.adopted_version,
            "missing_reviews": list(state.missing_reviews),
            "delivered_to": list(state.delivered_to),
        },
        **deadline_summary(state),
        "open_frictions": [f.id for f in state.open_frictions()],
        "agenda": {
            "actions": len(state.actions),
            "finish": schedule.finish.isoformat() if schedule and schedule.finish else None,
            "critical_path": list(schedule.critical_path) if schedule else [],
            "late": list(state.flagged_late),
            "status": {a: p.status.value for a, p in schedule.plans.items()} if schedule else {},
        },
        "investments": investment_report(state),
        "agreements": {
            a.agreement.id: (
                "afgesproken" if a.agreed else f"bevestigd door {len(a.confirmed_by)}/2"
            )
            for a in state.agreements
        },
    }
