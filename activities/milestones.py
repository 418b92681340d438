"""Whether an external milestone an area waits for was reached, read from the store: a province's
voorstel is reached on the day its adoption took effect."""

from __future__ import annotations

import structlog

from domain.area.agenda import voorstel_province
from domain.catalog.model import Catalog, CatalogError
from domain.province.events import ProposalAdopted
from domain.shared.ids import StreamId
from store.eventstore import EventStore
from store.recovery import fold_stream
from workflows.messages import ReachedMilestone

log = structlog.get_logger(__name__)


async def reached_milestone(
    store: EventStore, catalog: Catalog, ref: str, label: str | None
) -> ReachedMilestone | None:
    """The day ``ref`` was reached in the run with this label, and by which process; None when
    it was not (yet), or names nothing the store can tell (another area's action)."""
    written = voorstel_province(ref)
    if written is None:
        return None
    try:
        code = catalog.province(written).code
    except CatalogError as exc:
        log.warning("external milestone names no province", ref=ref, error=str(exc))
        return None
    stream_id = str(StreamId.province(code, label))
    folded = await fold_stream(store, stream_id)
    adopted = [e for e in folded.events if isinstance(e, ProposalAdopted)]
    if not adopted:
        return None
    return ReachedMilestone(ref=ref, on=adopted[0].occurred_on, by=stream_id)
