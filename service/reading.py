"""Reading the store for every read-side question: the status rows and one stream's events,
now or as of the past (effective and/or recorded time)."""

from __future__ import annotations

from typing import Any

from domain.shared.events import Event
from domain.views.as_of import AsOf
from service.context import Services
from store.eventstore import StoredEvent
from store.projections import fold_stream_events
from store.status import status_as_of, status_now


async def status(
    services: Services, as_of: AsOf | None = None, stream_id: str | None = None
) -> list[dict[str, Any]]:
    """Every process's status row, from the read model (or folded as of the past)."""
    if as_of is None:
        return await status_now(services.engine, services.label)
    return await status_as_of(services.engine, as_of, services.label, stream_id)


async def events(
    services: Services, stream_id: str, as_of: AsOf | None = None
) -> list[tuple[StoredEvent, Event]]:
    """A stream's stored events with their domain form in today's shape (optionally as of the
    past: read bounded by its instants, less what refers to what had not taken effect yet)."""
    if as_of is None:
        stored = await services.store.read_stream(stream_id)
    else:
        stored = await services.store.read_stream_until(stream_id, as_of.effective, as_of.known)
    effective = as_of is not None and as_of.effective is not None
    folded = fold_stream_events(stream_id, stored, effective=effective)
    return [(s, e) for s, e in folded.pairs if e is not None]
