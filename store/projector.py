"""Catch-up projector: events in commit order; checkpoint and read model commit together; an
event that keeps failing is parked (with an alert) and the others go on."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
from dataclasses import dataclass, field
from typing import Any

import structlog
from sqlalchemy import Table, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from store.commit_order import AFTER, ORIGIN, Cursor, next_tx, wait_until_settled
from store.eventstore import EVENT_COLUMNS, StoredEvent, row_to_event
from store.parking import (
    AlertFailed,
    Parked,
    ParkedHook,
    blocked_streams,
    describe,
    is_transient,
    park,
)
from store.projections import StreamView, apply_event, new_view
from store.rebuild import rebuild_aside
from store.schema import stream_status

log = structlog.get_logger(__name__)
_CHECKPOINT = "SELECT tx, position FROM novex_projector_checkpoints WHERE name = :n FOR UPDATE"


def upsert_into(table: Table) -> Any:
    """An upsert of whole stream-status rows into ``table``."""
    statement = insert(table)
    return statement.on_conflict_do_update(
        index_elements=[table.c.stream_id],
        set_={c.name: statement.excluded[c.name] for c in table.columns if c.name != "stream_id"},
    )


@dataclass
class Fold:
    """What folding one batch did: applied, parked, how far, and whether it stopped early."""

    views: dict[str, StreamView]
    checkpoint: Cursor
    consumed: int = 0
    applied: int = 0
    changed: set[str] = field(default_factory=set)
    parked: list[Parked] = field(default_factory=list)
    stopped: bool = False


class Projector:
    """Keeps the stream-status read model up to date, exactly once per event."""

    name = "stream_status"

    def __init__(
        self,
        engine: AsyncEngine,
        batch_size: int = 2000,
        *,
        max_failures: int = 3,
        on_parked: ParkedHook | None = None,
        table: Table = stream_status,
        name: str | None = None,
    ) -> None:
        self.engine = engine
        self.batch_size = batch_size
        self.max_failures = max(1, max_failures)
        self.on_parked = on_parked
        self.table = table
        self.name = name or self.name
        self.retry_pending = False  # an event failed and will be tried again
        self._upsert = upsert_into(table)
        self._failures: dict[Cursor, int] = {}
        self._narrow_until = ORIGIN  # while below this cursor, batches hold one event each
        self._batch: tuple[Cursor, Cursor] = (ORIGIN, ORIGIN)
        self._full = False  # the last batch was as large as asked: more may be waiting
        self._reached = ORIGIN  # where the last batch got to
        self.applied_total = 0  # events folded into the read model by this instance

    async def lock_checkpoint(self, conn: AsyncConnection) -> Cursor:
        """Lock this projector's checkpoint row for the transaction; returns where it stands."""
        await conn.execute(
            text(
                "INSERT INTO novex_projector_checkpoints(name, position) VALUES (:n, 0) "
                "ON CONFLICT DO NOTHING"
            ),
            {"n": self.name},
        )
        row = (await conn.execute(text(_CHECKPOINT), {"n": self.name})).one()
        return Cursor(int(row[0]), int(row[1]))

    async def run_once(self) -> int:
        """Apply (or park) the next batch of events; returns how many it got past."""
        limit = 1 if self._narrow_until > ORIGIN else self.batch_size
        self._full, self._batch = False, (ORIGIN, ORIGIN)
        try:
            async with self.engine.begin() as conn:
                consumed = await self.apply_batch(conn, limit)
        except Exception as exc:
            if is_transient(exc) or self._batch[0] == ORIGIN:
                raise  # no event's fault, or none was at hand
            return await self._after_failed_write(exc, limit)
        if consumed and self._failures:  # committed: what failed before and got past is done
            self._failures = {p: n for p, n in self._failures.items() if p > self._reached}
        return consumed

    async def apply_batch(self, conn: AsyncConnection, limit: int | None = None) -> int:
        """Fold the next events after the checkpoint within ``conn``'s transaction."""
        at = await self.lock_checkpoint(conn)
        events = await self._events_after(conn, at, limit or self.batch_size)
        if not events:
            self.retry_pending = False
            return 0
        self._batch = (events[0].cursor, events[-1].cursor)
        streams = {e.stream_id for e in events}
        views = await self.load_views(conn, streams)
        blocked = await blocked_streams(conn, self.name, streams)
        fold = self.fold(events, Fold(views, at), blocked)
        await self.write_views(conn, fold)
        if fold.parked:
            await park(conn, fold.parked)
            await self._alert(fold.parked)
        if fold.checkpoint > at:
            await self._move_checkpoint(conn, fold.checkpoint)
        if fold.checkpoint >= self._narrow_until:
            self._narrow_until = ORIGIN
        self.retry_pending, self._reached = fold.stopped, fold.checkpoint
        self.applied_total += fold.applied
        self._full = fold.consumed >= (limit or self.batch_size)
        return fold.consumed

    def fold(self, events: list[StoredEvent], fold: Fold, blocked: dict[str, int]) -> Fold:
        """Fold events onto their views; park a failing one once it failed ``max_failures``
        times, and the later events of its stream with it; stop before it until then."""
        for event in events:
            stream = event.stream_id
            if blocked.get(stream, event.position) < event.position:
                fold.parked.append(Parked.waiting(self.name, event, blocked[stream]))
            else:
                try:
                    current = fold.views.get(stream) or new_view(stream)
                    view = apply_event(dataclasses.replace(current), event)
                except Exception as exc:
                    tries = self._failed(event.cursor, exc)
                    if tries < self.max_failures:
                        fold.stopped = True
                        break
                    self._failures.pop(event.cursor, None)
                    fold.parked.append(Parked.failed(self.name, event, tries, describe(exc)))
                    blocked[stream] = event.position
                else:
                    fold.views[stream] = view
                    fold.changed.add(stream)
                    fold.applied += 1
            fold.checkpoint = event.cursor
            fold.consumed += 1
        return fold

    async def _after_failed_write(self, exc: Exception, limit: int) -> int:
        """A batch that folded but would not commit: try its events one by one; one event
        that fails so ``max_failures`` times is parked unapplied."""
        first, last = self._batch
        if limit > 1:
            log.warning(
                "projector batch failed; trying its events one by one",
                projector=self.name,
                positions=f"{first.position}-{last.position}",
                error=describe(exc),
            )
            self._narrow_until, self.retry_pending = last, True
            return 0
        tries = self._failed(first, exc)
        if tries < self.max_failures:
            self.retry_pending = True
            return 0
        async with self.engine.begin() as conn:
            at = await self.lock_checkpoint(conn)
            events = await self._events_after(conn, at, 1)
            if not events or events[0].cursor != first:
                self.retry_pending = False  # someone else got past it meanwhile
                return 0
            blocked = await blocked_streams(conn, self.name, [events[0].stream_id])
            parked = (
                Parked.waiting(self.name, events[0], blocked[events[0].stream_id])
                if blocked
                else Parked.failed(self.name, events[0], tries, describe(exc))
            )
            await park(conn, [parked])
            await self._alert([parked])
            await self._move_checkpoint(conn, first)
        self._failures.pop(first, None)
        self._narrow_until = ORIGIN if first >= self._narrow_until else self._narrow_until
        self.retry_pending, self._full = False, True
        return 1

    def _failed(self, at: Cursor, exc: BaseException) -> int:
        """Count one more failure of the event ``at`` a cursor; returns how many so far."""
        tries = self._failures[at] = self._failures.get(at, 0) + 1
        log.warning(
            "event failed to fold",
            projector=self.name,
            position=at.position,
            attempts=tries,
            error=describe(exc),
        )
        return tries

    async def _alert(self, parked: list[Parked]) -> None:
        if self.on_parked is None:
            return
        try:
            await self.on_parked(parked)
        except Exception as exc:
            raise AlertFailed(describe(exc)) from exc

    async def _events_after(
        self, conn: AsyncConnection, at: Cursor, limit: int
    ) -> list[StoredEvent]:
        """The next settled events after a cursor, in commit order (store.commit_order)."""
        query = f"SELECT {EVENT_COLUMNS} FROM novex_events WHERE {AFTER} LIMIT :n"
        rows = await conn.execute(text(query), {**at.binds(), "n": limit})
        return [row_to_event(r) for r in rows.all()]

    async def _move_checkpoint(self, conn: AsyncConnection, to: Cursor) -> None:
        await conn.execute(
            text("UPDATE novex_projector_checkpoints SET tx = :tx, position = :p WHERE name = :n"),
            {**to.binds(), "n": self.name},
        )

    async def load_views(
        self, conn: AsyncConnection, stream_ids: set[str]
    ) -> dict[str, StreamView]:
        """The current rows of some streams, as views to fold onto."""
        result = await conn.execute(
            text(
                "SELECT stream_id, kind, subject, label, phase, version, event_count, "
                "last_event_type, last_position, updated_at, summary, state "
                f"FROM {self.table.name} WHERE stream_id = ANY(:ids)"
            ),
            {"ids": list(stream_ids)},
        )
        return {r[0]: StreamView(*r) for r in result.all()}

    async def write_views(self, conn: AsyncConnection, fold: Fold) -> None:
        """Upsert the rows a fold changed."""
        await self.write_rows(conn, [fold.views[s] for s in sorted(fold.changed)])

    async def write_rows(self, conn: AsyncConnection, views: list[StreamView]) -> None:
        """Upsert whole read-model rows."""
        if views:
            await conn.execute(self._upsert, [_row(v) for v in views])

    async def catch_up(self, settle_seconds: float = 30.0) -> int:
        """Apply batches until every event committed before the call is in (a failing event is
        tried until it is parked); returns the number of events applied or parked. Events held
        back by a transaction still open are waited for, ``settle_seconds`` at most."""
        await wait_until_settled(self.engine, await next_tx(self.engine), settle_seconds)
        total = 0
        while (applied := await self.run_once()) or self.retry_pending:
            total += applied
        return total

    async def rebuild(self) -> int:
        """Fold every event again into a shadow table and swap it in within one transaction:
        the read model is never empty meanwhile. Returns the number of events folded."""
        applied = await rebuild_aside(self)
        log.info("read model rebuilt", projector=self.name, events=applied)
        return applied

    async def run(self, stop: asyncio.Event, idle_seconds: float = 0.2) -> None:
        """Follow the store until ``stop`` is set."""
        log.info("projector started", projector=self.name)
        while not stop.is_set():
            try:
                await self.run_once()
            except Exception:  # keep following; the batch rolled back and is retried
                log.exception("projector batch failed", projector=self.name)
            if not self._full or self.retry_pending:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), timeout=idle_seconds)
        log.info("projector stopped", projector=self.name)


def _row(view: StreamView) -> dict[str, Any]:
    """A view as the row to upsert (shallow: asdict's deep copy costs a third of a fold)."""
    return {f.name: getattr(view, f.name) for f in _VIEW_FIELDS}


_VIEW_FIELDS = dataclasses.fields(StreamView)
