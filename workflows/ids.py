"""Stable workflow ids, which are also the event stream ids (formatted by ``StreamId``)."""

from __future__ import annotations

from domain.shared.ids import StreamId


def province_workflow_id(code: str, label: str | None = None) -> str:
    """``province-GE``; a label names a separate run of the programme: ``province-GE.rehearsal``."""
    return str(StreamId.province(code, label))


def area_workflow_id(area_id: str, label: str | None = None) -> str:
    """``area-de-peel`` (or ``area-de-peel.<label>``)."""
    return str(StreamId.area(area_id, label))


def escalation_workflow_id(parent_workflow_id: str, number: int) -> str:
    """``escalation-province-GE~1`` (the label, if any, stays last: ``…~1.<label>``)."""
    return str(StreamId.parse(parent_workflow_id).escalation(number))
