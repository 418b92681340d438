"""How each kind of stream folds into its status summary (the read model's rows)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from domain.events import parse_province_event
from domain.province import ProvinceJourney, evolve
from domain.status import summarize_province


@dataclass
class StreamView:
    """The read-model row of one stream while it is being folded."""

    stream_id: str
    kind: str
    subject: str
    phase: str
    version: int
    event_count: int
    last_event_type: str
    last_position: int
    updated_at: Any
    summary: dict[str, Any]
    state: dict[str, Any]


def split_stream_id(stream_id: str) -> tuple[str, str]:
    """``province-GE`` (or ``province-GE.label``) → (``province``, ``GE``)."""
    kind, _, subject = stream_id.partition("-")
    return kind, subject.split(".", 1)[0] or stream_id


def new_view(stream_id: str) -> StreamView:
    """The row of a stream before its first event."""
    kind, subject = split_stream_id(stream_id)
    return StreamView(stream_id, kind, subject, "", 0, 0, "", 0, None, {}, {})


def apply_event(view: StreamView, event: Any) -> StreamView:
    """Fold one stored event into a stream's row."""
    view.version = event.version
    view.event_count += 1
    view.last_event_type = event.type
    view.last_position = event.position
    view.updated_at = event.recorded_at
    if view.kind == "province":
        journey = ProvinceJourney.model_validate(view.state) if view.state else ProvinceJourney()
        journey = evolve(journey, parse_province_event(event.data))
        view.state = journey.model_dump(mode="json")
        view.summary = summarize_province(journey)
        view.phase = journey.phase.value
    else:
        view.phase = event.type
        view.summary = {"last_event_type": event.type}
    return view
