"""Tamper evidence: recompute every hash chain, compare each stream's tail with its head row, check
the registry of streams and the positions, and (given a signed anchor) the heads it signed."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from store.eventstore import EVENT_COLUMNS, StoredEvent, row_to_event
from store.hashing import canonical_json, chain_hash_v1, chain_hash_v2, content_hash
from store.registry import check_registry
from store.schema import GENESIS_HASH


@dataclass(frozen=True)
class BrokenLink:
    """Where the log stops matching what was recorded, and why (no stream: the positions, or the
    registry of streams at ``registry``)."""

    stream_id: str
    version: int
    position: int
    reason: str
    registry: int = 0

    @property
    def where(self) -> str:
        if self.registry:
            return f"stream registry (number {self.registry})"
        if not self.stream_id:
            return f"positions (from {self.position})"
        at = f" (position {self.position})" if self.position else ""
        return f"{self.stream_id} version {self.version}{at}"


@dataclass(frozen=True)
class Head:
    """The end of a stream: its last version and that event's chain hash."""

    version: int
    hash: str


@dataclass
class AuditReport:
    """What a verification run checked and what it found."""

    streams: int = 0
    events: int = 0
    last_position: int = 0
    broken: list[BrokenLink] = field(default_factory=list)
    tails: dict[str, Head] = field(default_factory=dict)
    holes: list[tuple[int, int]] = field(default_factory=list)
    """Positions handed out but not stored (first, last): an append cut off before its commit,
    or events deleted (which the chains, heads and registry tell)."""

    @property
    def ok(self) -> bool:
        return not self.broken


def _chain_problem(event: StoredEvent, prev_hash: str, content: str) -> str | None:
    """Why the chain hash of an event (by its scheme) does not match, or None."""
    if event.hash_scheme == 1:
        recorded = str(event.metadata.get("recorded_at", ""))
        try:
            stated = datetime.fromisoformat(recorded)
        except ValueError:
            return "recorded_at in the metadata is missing or unreadable"
        if stated != event.recorded_at:
            return "recorded_at differs from the one the chain covers"
        computed = chain_hash_v1(prev_hash, content, recorded)
    elif event.hash_scheme == 2:
        computed = chain_hash_v2(
            prev_hash, content, event.position, event.version, event.recorded_at
        )
    else:
        return f"unknown hash scheme {event.hash_scheme}"
    if computed != event.hash:
        return "chain hash does not match (position, recorded_at or the link changed)"
    return None


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
    return _chain_problem(event, prev_hash, recomputed)


async def stream_events(
    engine: AsyncEngine | AsyncConnection, stream_id: str | None = None
) -> AsyncIterator[StoredEvent]:
    """Every event (of one stream, or all) ordered by stream and version, without loading all."""
    where = "WHERE stream_id = :s " if stream_id else ""
    query = text(f"SELECT {EVENT_COLUMNS} FROM novex_events {where}ORDER BY stream_id, version")
    params = {"s": stream_id} if stream_id else {}
    if isinstance(engine, AsyncConnection):
        result = await engine.stream(query, params)
        async for row in result:
            yield row_to_event(row)
        return
    async with engine.connect() as conn:
        async for event in stream_events(conn, stream_id):
            yield event


@dataclass
class _Walk:
    """Where the walk along the chains is: the stream at hand and what was seen so far."""

    report: AuditReport
    anchored: Mapping[str, Head]
    current: str | None = None
    prev: str = GENESIS_HASH
    expected: int = 1
    skip: bool = False
    at_anchor: dict[str, str] = field(default_factory=dict)
    last_scheme_1: StoredEvent | None = None
    first_scheme_2: int | None = None

    def visit(self, event: StoredEvent) -> None:
        report = self.report
        if event.stream_id != self.current:
            self.current, self.prev, self.expected, self.skip = (
                event.stream_id,
                GENESIS_HASH,
                1,
                False,
            )
            report.streams += 1
        report.events += 1
        report.last_position = max(report.last_position, event.position)
        report.tails[event.stream_id] = Head(event.version, event.hash)
        anchor = self.anchored.get(event.stream_id)
        if anchor is not None and anchor.version == event.version:
            self.at_anchor[event.stream_id] = event.hash
        if event.hash_scheme == 1:
            if self.last_scheme_1 is None or event.position > self.last_scheme_1.position:
                self.last_scheme_1 = event
        elif self.first_scheme_2 is None or event.position < self.first_scheme_2:
            self.first_scheme_2 = event.position
        if not self.skip:
            problem = check_event(event, self.prev, self.expected)
            if problem:
                report.broken.append(
                    BrokenLink(event.stream_id, event.version, event.position, problem)
                )
                self.skip = True
        self.prev, self.expected = event.hash, event.version + 1

    def check_schemes(self) -> None:
        """Scheme 1 belongs to the past: no event of it comes after the first of scheme 2."""
        old, first_new = self.last_scheme_1, self.first_scheme_2
        if old is not None and first_new is not None and old.position > first_new:
            self.report.broken.append(
                BrokenLink(
                    old.stream_id,
                    old.version,
                    old.position,
                    f"hash scheme 1 after scheme 2 began at position {first_new}",
                )
            )


async def _heads(conn: AsyncConnection, stream_id: str | None) -> dict[str, Head]:
    where = "WHERE stream_id = :s" if stream_id else ""
    rows = await conn.execute(
        text(f"SELECT stream_id, version, last_hash FROM novex_streams {where}"),
        {"s": stream_id} if stream_id else {},
    )
    return {r[0]: Head(int(r[1]), str(r[2])) for r in rows.all()}


def _head_problem(head: Head | None, tail: Head | None) -> tuple[int, str] | None:
    """Why a stream's stored tail and its head row disagree (at which version), or None."""
    if head is None:
        return (tail.version if tail else 0), "no head row for a stream with events"
    if tail is None:
        if head.version == 0:
            return None
        return head.version, f"the whole stream is gone: its head is at version {head.version}"
    if head.version > tail.version:
        return tail.version, (
            f"events after version {tail.version} are missing: the head is at {head.version}"
        )
    if head.version < tail.version:
        return tail.version, f"the head row is at version {head.version}, behind the events"
    if head.hash != tail.hash:
        return tail.version, "the last event's hash differs from the head row's"
    return None


def _compare_heads(report: AuditReport, heads: Mapping[str, Head]) -> None:
    for stream in sorted({*heads, *report.tails}):
        found = _head_problem(heads.get(stream), report.tails.get(stream))
        if found:
            report.broken.append(BrokenLink(stream, found[0], 0, found[1]))


HANDED_OUT = (
    "SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM novex_event_position"
)
"""The last position the sequence handed out (it is no part of any snapshot)."""

GAPS = """
SELECT position + 1, next - 1 FROM (
  SELECT position, lead(position) OVER (ORDER BY position) AS next
    FROM (SELECT 0 AS position UNION ALL SELECT position FROM novex_events WHERE position <= :last
          UNION ALL SELECT CAST(:last AS bigint) + 1) AS p
) AS w WHERE next > position + 1 ORDER BY position LIMIT 10
"""


async def _check_positions(conn: AsyncConnection, report: AuditReport) -> None:
    """The holes among the positions handed out (no finding by themselves: the chains, heads and
    registry tell a deletion); no event lies beyond the last position handed out."""
    handed_out = int(await conn.scalar(text(HANDED_OUT)) or 0)
    holes = await conn.execute(text(GAPS), {"last": handed_out})
    report.holes = [(int(first), int(final)) for first, final in holes]
    if report.last_position > handed_out:
        beyond = f"events beyond the counter ({handed_out}) are stored"
        report.broken.append(BrokenLink("", 0, handed_out + 1, beyond))


def _compare_anchor(walk: _Walk) -> None:
    """Every head the anchor signed is still in its stream with the hash it had."""
    for stream, anchor in sorted(walk.anchored.items()):
        seen = walk.at_anchor.get(stream)
        if seen is None:
            reason = f"the anchor signed version {anchor.version}; the store has no such event"
        elif seen != anchor.hash:
            reason = f"version {anchor.version} differs from the one the anchor signed"
        else:
            continue
        walk.report.broken.append(BrokenLink(stream, anchor.version, 0, reason))


async def verify(
    engine: AsyncEngine, stream_id: str | None = None, anchored: Mapping[str, Head] | None = None
) -> AuditReport:
    """Check the whole log (or one stream) in one snapshot: every chain from its first event,
    every tail against its head row, the registry of streams, the positions against the last
    one handed out, and the heads of a signed anchor; record the first broken link of every
    stream and every other finding."""
    walk = _Walk(AuditReport(), anchored or {})
    if stream_id is not None:
        walk.anchored = {k: v for k, v in walk.anchored.items() if k == stream_id}
    async with engine.connect() as conn:
        snapshot = await conn.execution_options(isolation_level="REPEATABLE READ")
        async with snapshot.begin():
            async for event in stream_events(snapshot, stream_id):
                walk.visit(event)
            walk.check_schemes()
            _compare_heads(walk.report, await _heads(snapshot, stream_id))
            if stream_id is None:
                await _check_positions(snapshot, walk.report)
                for number, why in await check_registry(snapshot):
                    walk.report.broken.append(BrokenLink("", 0, 0, why, number))
    _compare_anchor(walk)
    return walk.report
