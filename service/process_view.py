"""A process's page in its users' words: the state folded from its events, described by its
room (ijkmomenten and reviews, the agenda, schuurpunten with their history, the arrangement)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from domain.area.summary import describe_area
from domain.province.summary import describe_province
from domain.shared.events import Event
from domain.shared.ids import StreamId
from store.projections import FOLDINGS

DESCRIBE: dict[str, Callable[[Any], dict[str, Any]]] = {
    "province": describe_province,
    "area": describe_area,
}
"""Per kind of process, what its page shows beyond its summary (an escalation's summary is
its whole picture)."""


def describe(stream_id: str, events: Iterable[Event]) -> dict[str, Any]:
    """The page view of one process after these events (empty for kinds without one)."""
    kind = StreamId.parse(stream_id).kind
    folding, view = FOLDINGS.get(kind), DESCRIBE.get(kind)
    if folding is None or view is None:
        return {}
    state = folding.state()
    for event in events:
        state = folding.evolve(state, event)
    return view(state)
