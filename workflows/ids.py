"""Stable workflow ids, which are also the event stream ids."""

from __future__ import annotations


def _labelled(base: str, label: str | None) -> str:
    return base + (f".{label}" if label else "")


def province_workflow_id(code: str, label: str | None = None) -> str:
    """``province-GE``; a label names a separate run of the programme: ``province-GE.rehearsal``."""
    return _labelled(f"province-{code}", label)


def area_workflow_id(area_id: str, label: str | None = None) -> str:
    """``area-de-peel`` (or ``area-de-peel.<label>``)."""
    return _labelled(f"area-{area_id}", label)


def escalation_workflow_id(parent_workflow_id: str, number: int) -> str:
    """``escalation-province-GE~1`` (the label, if any, stays last: ``…~1.<label>``)."""
    base, dot, label = parent_workflow_id.partition(".")
    return f"escalation-{base}~{number}" + (f".{label}" if dot else "")
