"""How each kind of stream folds into its status summary (the read model's rows); every stored
event is read through the upcasting registry first."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from domain.area import state as area
from domain.area.events import parse_area_event
from domain.area.summary import summarize_area
from domain.escalation import state as escalation
from domain.escalation.events import parse_escalation_event
from domain.escalation.summary import phase_of, summarize_escalation
from domain.province import state as province
from domain.province.events import parse_province_event
from domain.province.summary import summarize_province
from domain.shared.events import Event
from domain.shared.ids import StreamId
from domain.shared.upcasting import upcast


@dataclass(frozen=True)
class Folding:
    """How one kind of stream folds: its state type, events, evolve and summary."""

    state: type[BaseModel]
    parse: Callable[[dict[str, Any]], Event]
    evolve: Callable[[Any, Event], Any]
    summarize: Callable[[Any], dict[str, Any]]
    phase: Callable[[Any], str] = lambda state: str(state.phase.value)

    def read(self, event: Any) -> Event:
        """A stored event as its domain event, in today's shape (UnreadableEvent when this
        release cannot read its schema version)."""
        return self.parse(upcast(event.type, event.schema_version, event.data))


FOLDINGS: dict[str, Folding] = {
    "province": Folding(
        province.ProvinceJourney, parse_province_event, province.evolve, summarize_province
    ),
    "area": Folding(area.AreaProcess, parse_area_event, area.evolve, summarize_area),
    "escalation": Folding(
        escalation.EscalationState,
        parse_escalation_event,
        escalation.evolve,
        summarize_escalation,
        phase_of,
    ),
}


@dataclass
class StreamView:
    """The read-model row of one stream while it is being folded."""

    stream_id: str
    kind: str
    subject: str
    label: str | None
    phase: str
    version: int
    event_count: int
    last_event_type: str
    last_position: int
    updated_at: Any
    summary: dict[str, Any]
    state: dict[str, Any]


def new_view(stream_id: str) -> StreamView:
    """The row of a stream before its first event."""
    stream = StreamId.parse(stream_id)
    return StreamView(
        stream_id, stream.kind, stream.subject, stream.label, "", 0, 0, "", 0, None, {}, {}
    )


def domain_event(event: Any) -> Event:
    """A stored process event as its domain event, in today's shape."""
    return FOLDINGS[StreamId.parse(event.stream_id).kind].read(event)


def apply_event(view: StreamView, event: Any) -> StreamView:
    """Fold one stored event into a stream's row."""
    view.version = event.version
    view.event_count += 1
    view.last_event_type = event.type
    view.last_position = event.position
    view.updated_at = event.recorded_at
    folding = FOLDINGS.get(view.kind)
    if folding is not None:
        state = folding.state.model_validate(view.state) if view.state else folding.state()
        state = folding.evolve(state, folding.read(event))
        view.state = state.model_dump(mode="json")
        view.summary = folding.summarize(state)
        view.phase = folding.phase(state)
    else:
        view.phase = event.type
        view.summary = {"last_event_type": event.type}
    return view


@dataclass
class Folded:
    """One stream folded in memory: the stored events taken in, each with its domain form,
    and the state they lead to (None for a kind without a state)."""

    pairs: list[tuple[Any, Event | None]]
    state: Any = None


def fold_stream_events(stream_id: str, stored: Sequence[Any], *, effective: bool) -> Folded:
    """A stream's stored events folded in order. In a view as of an effective date
    (``effective``), an event that refers to what had not taken effect by then — a correction
    dated before what it corrects — is left out: it shows from the date of what it corrects."""
    folding = FOLDINGS.get(StreamId.parse(stream_id).kind)
    if folding is None:
        return Folded([(s, None) for s in stored])
    state = folding.state()
    pairs: list[tuple[Any, Event | None]] = []
    for event in stored:
        read = folding.read(event)
        try:
            state = folding.evolve(state, read)
        except AssertionError:
            if not effective:
                raise
            continue
        pairs.append((event, read))
    return Folded(pairs, state)


def view_of(stream_id: str, folded: Folded) -> StreamView | None:
    """The read-model row of a stream folded in memory (None when no event was taken in)."""
    if not folded.pairs:
        return None
    view = new_view(stream_id)
    last = folded.pairs[-1][0]
    view.version, view.event_count = last.version, len(folded.pairs)
    view.last_event_type, view.last_position = last.type, last.position
    view.updated_at = last.recorded_at
    folding = FOLDINGS.get(view.kind)
    if folding is None:
        view.phase, view.summary = last.type, {"last_event_type": last.type}
        return view
    view.state = folded.state.model_dump(mode="json")
    view.summary = folding.summarize(folded.state)
    view.phase = folding.phase(folded.state)
    return view
