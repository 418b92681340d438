"""An area at a glance: perspective, reviews, agenda schedule and the Rijk–regio split; and the
whole picture its page shows (versions, the agenda as planned, schuurpunten, afspraken)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from domain.area.schedule import Schedule, plan
from domain.area.state import AreaProcess
from domain.shared.deadlines import deadline_summary
from domain.shared.frictions import frictions_by_theme, frictions_view
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
            "respond_by": state.respond_by.isoformat()
            if state.respond_by and state.missing_reviews
            else None,
            "delivered_to": list(state.delivered_to),
        },
        "duo": list(state.duo_members),
        **deadline_summary(state),
        "open_frictions": [f.id for f in state.open_frictions()],
        "frictions_by_theme": frictions_by_theme(state.frictions),
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
        "agreements_open": [
            {"id": a.agreement.id, "text": a.agreement.text, "confirmed_by": list(a.confirmed_by)}
            for a in state.agreements
            if not a.agreed
        ],
        "stuck": state.stuck.summary() if state.stuck else None,
    }


def describe_area(state: AreaProcess) -> dict[str, Any]:
    """Everything an area's page shows beyond its summary: every perspective version and its
    reviews, the agenda as planned and forecast, schuurpunten, afspraken and besluiten."""
    schedule = plan(state.actions, state.dependencies, state.externals) if state.actions else None
    return {
        "versions": [v.model_dump(mode="json") for v in state.versions],
        "requested": list(state.requested),
        "reviews": [r.model_dump(mode="json") for r in state.reviews],
        "agenda": _agenda(state, schedule),
        "frictions": frictions_view(state.frictions),
        "agreements": [
            {
                **a.agreement.model_dump(mode="json"),
                "confirmed_by": list(a.confirmed_by),
                "agreed": a.agreed,
            }
            for a in state.agreements
        ],
        "decisions": [d.model_dump(mode="json") for d in state.decisions],
        "contributions": [c.model_dump(mode="json") for c in state.contributions],
        "escalation_decisions": list(state.escalation_decisions),
    }


def _agenda(state: AreaProcess, schedule: Schedule | None) -> dict[str, Any]:
    """Per action what was planned and what is forecast, in start order; the critical path."""
    if schedule is None:
        return {"actions": [], "dependencies": [], "critical_path": [], "finish": None}
    flagged = set(state.flagged_late)
    rows = []
    for action_id, p in schedule.plans.items():
        action = state.actions[action_id]
        rows.append(
            {
                **action.model_dump(mode="json"),
                "earliest_start": p.earliest_start.isoformat(),
                "earliest_finish": p.earliest_finish.isoformat(),
                "latest_finish": p.latest_finish.isoformat(),
                "slack_days": p.slack_days,
                "critical": p.critical,
                "status": p.status.value,
                "late": p.late or action_id in flagged,
                "delay_days": p.delay_days,
            }
        )
    rows.sort(key=lambda r: (r["earliest_start"], r["id"]))
    return {
        "actions": rows,
        "dependencies": [d.model_dump(mode="json") for d in state.dependencies],
        "externals": [e.model_dump(mode="json") for e in state.externals.values()],
        "critical_path": list(schedule.critical_path),
        "finish": schedule.finish.isoformat() if schedule.finish else None,
    }
