"""The append-only event store: optimistic concurrency, idempotent appends, ordered reads."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from uuid import UUID

import asyncpg
from pydantic import BaseModel, ConfigDict
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.shared.ids import StreamId
from store.append_sql import FUNCTION, Encoded
from store.commit_order import AFTER, ORIGIN, Cursor
from store.group_append import GroupAppend, Single
from store.hashing import canonical_json
from store.statement_pool import StatementPool


class EventStoreError(Exception):
    """Base of the errors the store raises."""


class WrongExpectedVersion(EventStoreError):
    """Someone else appended to the stream first."""

    def __init__(self, stream_id: str, expected: int, actual: int) -> None:
        super().__init__(
            f"stream {stream_id!r}: expected version {expected}, but it is at version {actual}"
        )
        self.stream_id, self.expected, self.actual = stream_id, expected, actual


class DuplicateEventId(EventStoreError):
    """An event id that already landed was sent again with different content."""


class EventMetadata(BaseModel):
    """Who and what caused an event; stored beside every event."""

    model_config = ConfigDict(frozen=True)

    actor: str
    correlation_id: str | None = None
    causation_id: str | None = None
    workflow_id: str | None = None
    run_id: str | None = None
    idempotency_key: str | None = None
    """The key of the request that caused the event (its Temporal Update id)."""
    fingerprint: str | None = None
    """The fingerprint of that request's content."""


@dataclass(frozen=True)
class NewEvent:
    """An event to append: its id, type literal, schema version and payload."""

    event_id: UUID
    type: str
    data: dict[str, Any]
    schema_version: int = 1


@dataclass(frozen=True)
class StoredEvent:
    """An event as the store holds it."""

    position: int
    stream_id: str
    version: int
    event_id: UUID
    type: str
    schema_version: int
    data: dict[str, Any]
    metadata: dict[str, Any]
    recorded_at: datetime
    hash: str
    prev_hash: str
    content_hash: str = field(default="")
    hash_scheme: int = 2
    tx: int = 0
    """The id of the transaction that wrote it (0: before revision 0008)."""

    @property
    def cursor(self) -> Cursor:
        """Where a reader of the log stands once it got past this event."""
        return Cursor(self.tx, self.position)


@dataclass(frozen=True)
class AppendResult:
    """Where the appended events landed."""

    positions: tuple[int, ...]
    versions: tuple[int, ...]

    @property
    def last_version(self) -> int:
        return self.versions[-1] if self.versions else 0


EVENT_COLUMNS = (
    "position, stream_id, version, event_id, type, schema_version, data, metadata, "
    "recorded_at, hash, prev_hash, content_hash, hash_scheme, tx"
)
RETRIES = 5
"""How often an append whose transaction began too early (SQLSTATE 40001) or that met another
writer in a deadlock (40P01) is tried again."""


RUN_FILTER = "((CAST(:label AS text) IS NULL AND label IS NULL) OR label = :label)"
"""Rows of one run: the ``label`` column equals ``:label`` (the real run: both None)."""


def row_to_event(row: Any) -> StoredEvent:
    return StoredEvent(*row)


class EventStore:
    """The system of record for the domain, on PostgreSQL.

    Reads go through SQLAlchemy; the hot paths (the append, a single status lookup) talk to the
    asyncpg driver directly over a few connections of the store's own (store.statement_pool):
    one round trip, no ORM layer.
    """

    def __init__(self, engine: AsyncEngine, pool_size: int = 10) -> None:
        self.engine = engine
        self._pool_size = pool_size
        self._pool: StatementPool | None = None
        self._group: GroupAppend | None = None

    async def pool(self) -> StatementPool:
        if self._pool is None:
            url = self.engine.url.set(drivername="postgresql")
            self._pool = StatementPool(url.render_as_string(hide_password=False), self._pool_size)
        return self._pool

    async def group(self) -> GroupAppend:
        """Where single appends go: together with the others on their way (store.group_append)."""
        if self._group is None:
            self._group = GroupAppend(await self.pool())
        return self._group

    async def close(self) -> None:
        """Close the append pool (the engine belongs to the caller)."""
        self._group = None
        if self._pool is not None:
            await self._pool.close()
            self._pool = None

    async def append(
        self,
        stream_id: str,
        expected_version: int | None,
        events: Sequence[NewEvent],
        metadata: EventMetadata,
        *,
        notifications: Sequence[dict[str, Any]] = (),
    ) -> AppendResult:
        """Append events at the end of a stream; a repeat of a landed append is a no-op.

        The database records when (``recorded_at``, its own clock) and where (the position);
        the hash chain covers both.

        ``notifications`` (outbox rows naming their ``event_id``) commit in the same
        transaction as the events: a notification is never lost nor sent for an event that
        did not land.
        """
        if not events:
            return AppendResult((), ())
        StreamId.parse(stream_id)  # ids are <kind>-<subject>[.<label>]: refuse others early
        meta = metadata.model_dump(exclude_none=True)
        encoded = [Encoded.of(stream_id, e, meta) for e in events]
        notes = canonical_json(list(notifications)) if notifications else "[]"
        single = None
        if len(encoded) == 1 and expected_version:  # the common case: one event, grouped
            single = Single(stream_id, expected_version, encoded[0], canonical_json(meta), notes)
        pool = await self.pool()
        for attempt in range(RETRIES):
            try:
                if single is not None:
                    landed = await (await self.group()).append(single)
                    if landed is not None:
                        return AppendResult((landed[0],), (landed[1],))
                payload = "[" + ",".join(x.json(meta) for x in encoded) + "]"
                rows = await pool.fetch(FUNCTION, stream_id, expected_version, payload, notes)
                return AppendResult(tuple(r[0] for r in rows), tuple(r[1] for r in rows))
            except asyncpg.TransactionRollbackError:  # began too early (40001), or a deadlock
                if attempt + 1 == RETRIES:
                    raise
            except asyncpg.PostgresError as exc:
                raise self._translate(exc, stream_id, expected_version) from None
        raise AssertionError("unreachable")

    @staticmethod
    def _translate(exc: asyncpg.PostgresError, stream_id: str, expected: int | None) -> Exception:
        code = exc.sqlstate
        detail = getattr(exc, "detail", None) or ""
        if code == "NX001":
            return WrongExpectedVersion(stream_id, expected or 0, int(detail))
        if code == "NX002":
            return DuplicateEventId(f"stream {stream_id!r}: {exc} ({detail})")
        if isinstance(exc, asyncpg.UniqueViolationError):
            return DuplicateEventId(f"stream {stream_id!r}: an event id is already in the store")
        return exc

    async def read_stream(self, stream_id: str, from_version: int = 1) -> list[StoredEvent]:
        """Every event of one stream from a version on, in order."""
        async with self.engine.connect() as conn:
            result = await conn.execute(
                text(
                    f"SELECT {EVENT_COLUMNS} FROM novex_events "
                    "WHERE stream_id = :s AND version >= :v ORDER BY version"
                ),
                {"s": stream_id, "v": from_version},
            )
            return [row_to_event(r) for r in result.all()]

    async def appended_under(self, stream_id: str, key: str) -> list[StoredEvent]:
        """The events of one stream appended under an idempotency key, in order."""
        async with self.engine.connect() as conn:
            result = await conn.execute(
                text(
                    f"SELECT {EVENT_COLUMNS} FROM novex_events WHERE stream_id = :s "
                    "AND metadata->>'idempotency_key' = :k ORDER BY version"
                ),
                {"s": stream_id, "k": key},
            )
            return [row_to_event(r) for r in result.all()]

    async def read_all(self, after: Cursor = ORIGIN, limit: int = 1000) -> list[StoredEvent]:
        """Settled events of every stream after a cursor, in commit order (store.commit_order):
        a reader that goes on from the last one's cursor never misses one that commits later."""
        async with self.engine.connect() as conn:
            result = await conn.execute(
                text(f"SELECT {EVENT_COLUMNS} FROM novex_events WHERE {AFTER} LIMIT :n"),
                {**after.binds(), "n": limit},
            )
            return [row_to_event(r) for r in result.all()]

    async def read_stream_until(
        self, stream_id: str, effective: datetime | None, known: datetime | None
    ) -> list[StoredEvent]:
        """One stream's events that had taken effect by ``effective`` and were recorded by
        ``known`` (either may be None: no bound), in order (for "as of" views)."""
        async with self.engine.connect() as conn:
            result = await conn.execute(
                text(
                    f"SELECT {EVENT_COLUMNS} FROM novex_events WHERE stream_id = :s "
                    "AND (CAST(:e AS timestamptz) IS NULL OR effective_at <= :e) "
                    "AND (CAST(:k AS timestamptz) IS NULL OR recorded_at <= :k) ORDER BY version"
                ),
                {"s": stream_id, "e": effective, "k": known},
            )
            return [row_to_event(r) for r in result.all()]

    async def keys_under(self, stream_id: str, prefix: str) -> set[str]:
        """The idempotency keys starting with ``prefix`` that events of a stream were stored
        under (an import's lines that landed)."""
        async with self.engine.connect() as conn:
            result = await conn.execute(
                text(
                    "SELECT DISTINCT metadata->>'idempotency_key' FROM novex_events "
                    "WHERE stream_id = :s AND starts_with(metadata->>'idempotency_key', :p)"
                ),
                {"s": stream_id, "p": prefix},
            )
            return {row[0] for row in result.all()}

    async def streams_of_run(self, label: str | None, kinds: tuple[str, ...]) -> list[str]:
        """The streams of one run (the real one: no label) of these kinds, in name order."""
        async with self.engine.connect() as conn:
            result = await conn.execute(
                text(
                    f"SELECT DISTINCT stream_id FROM novex_events WHERE {RUN_FILTER} "
                    "AND kind = ANY(:kinds) ORDER BY stream_id"
                ),
                {"label": label or None, "kinds": list(kinds)},
            )
            return [row[0] for row in result.all()]

    async def stream_version(self, stream_id: str) -> int:
        """The version of a stream; 0 when it has no events."""
        async with self.engine.connect() as conn:
            value = await conn.scalar(
                text("SELECT version FROM novex_streams WHERE stream_id = :s"), {"s": stream_id}
            )
            return int(value or 0)

    async def last_position(self) -> int:
        """The highest position committed so far."""
        async with self.engine.connect() as conn:
            value = await conn.scalar(text("SELECT max(position) FROM novex_events"))
            return int(value or 0)
