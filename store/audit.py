"""Tamper evidence: recompute every hash chain and report the first broken link."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from store.eventstore import EVENT_COLUMNS, StoredEvent, row_to_event
from store.hashing import canonical_json, chain_hash, content_hash
from store.schema import GENESIS_HASH


@dataclass(frozen=True)
class BrokenLink:
    """Where a chain stops matching what is stored, and why."""

    stream_id: str
    version: int
    position: int
    reason: str


@dataclass
class AuditReport:
    """What a verification run checked and what it found."""

    streams: int = 0
    events: int = 0
    broken: list[BrokenLink] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.broken


def check_event(event: StoredEvent, prev_hash: str, expected_version: int) -> str | None:
    """Why one event does not fit its chain, or None when it does."""
    if event.version != expected_version:
        return f"version {event.version} where {expected_version} was expected"
    if event.prev_hash != prev_hash:
        return "prev_hash does not match the previous event's hash"
    recomputed = content_hash(
        event.stream_id,
        str(event.event_id),
        event.type,
        event.schema_version,
        canonical_json(event.data),
        event.metadata,
    )
    if recomputed != event.content_hash:
        return "content does not match its hash (changed after it was recorded)"
    recorded = str(event.metadata.get("recorded_at", ""))
    if chain_hash(prev_hash, recomputed, recorded) != event.hash:
        return "chain hash does not match"
    return None


async def stream_events(
    engine: AsyncEngine, stream_id: str | None = None
) -> AsyncIterator[StoredEvent]:
    """Every event (of one stream, or all) ordered by stream and version, without loading all."""
    where = "WHERE stream_id = :s " if stream_id else ""
    async with engine.connect() as conn:
        result = await conn.stream(
            text(f"SELECT {EVENT_COLUMNS} FROM novex_events {where}ORDER BY stream_id, version"),
            {"s": stream_id} if stream_id else {},
        )
        async for row in result:
            yield row_to_event(row)


async def verify(engine: AsyncEngine, stream_id: str | None = None) -> AuditReport:
    """Recompute each stream's chain; record the first broken link of every stream."""
    report = AuditReport()
    current: str | None = None
    prev = GENESIS_HASH
    expected = 1
    skip = False
    async for event in stream_events(engine, stream_id):
        if event.stream_id != current:
            current, prev, expected, skip = event.stream_id, GENESIS_HASH, 1, False
            report.streams += 1
        report.events += 1
        if skip:
            continue
        problem = check_event(event, prev, expected)
        if problem:
            report.broken.append(
                BrokenLink(event.stream_id, event.version, event.position, problem)
            )
            skip = True
        prev, expected = event.hash, event.version + 1
    return report
