"""A process's state folded from the store's events alone: what a recovered run starts from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import text

from domain.shared.events import EscalationRequested, Event
from domain.shared.ids import StreamId
from store.eventstore import EventStore
from store.projections import FOLDINGS


@dataclass(frozen=True)
class FoldedStream:
    """One stream folded: its kind, version, state (None for a stream without events) and the
    events it was folded from."""

    stream_id: str
    kind: str
    version: int
    state: Any = None
    events: list[Event] = field(default_factory=list)


async def fold_stream(store: EventStore, stream_id: str) -> FoldedStream:
    """Fold every event of one process's stream with the same rules the workflow uses."""
    stream = StreamId.parse(stream_id)
    folding = FOLDINGS.get(stream.kind)
    if folding is None:
        raise ValueError(f"{stream_id!r} is no process (kinds: {', '.join(FOLDINGS)})")
    stored = await store.read_stream(stream_id)
    events = [folding.read(e) for e in stored]
    if not events:
        return FoldedStream(stream_id, stream.kind, 0)
    state = folding.state()
    for event in events:
        state = folding.evolve(state, event)
    return FoldedStream(stream_id, stream.kind, stored[-1].version, state, events)


async def unstarted_escalations(
    store: EventStore, folded: FoldedStream
) -> list[tuple[int, EscalationRequested]]:
    """The escalations a process requested whose own stream has no event: the child never
    started (or was lost before it recorded anything). Numbered as their workflow ids are."""
    stream = StreamId.parse(folded.stream_id)
    requested = [e for e in folded.events if isinstance(e, EscalationRequested)]
    missing = []
    for number, event in enumerate(requested, start=1):
        if await store.stream_version(str(stream.escalation(number))) == 0:
            missing.append((number, event))
    return missing


async def process_streams(store: EventStore, label: str | None) -> list[str]:
    """Every process stream of one run (the real one: no label) that has events, provinces and
    areas before escalations, so that parents run before their escalations report to them."""
    async with store.engine.connect() as conn:
        rows = await conn.execute(text("SELECT stream_id FROM novex_streams ORDER BY stream_id"))
        found = [StreamId.parse(r[0]) for r in rows.all()]
    order = {"province": 0, "area": 1, "escalation": 2}
    chosen = [s for s in found if s.kind in FOLDINGS and s.in_run(label)]
    return [str(s) for s in sorted(chosen, key=lambda s: (order.get(s.kind, 3), str(s)))]
