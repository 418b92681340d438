"""Single appends that arrive while others are on their way travel together: one statement, one
transaction and one WAL flush for all of them (a group commit the store's client does)."""

from __future__ import annotations

import asyncio
from collections import deque
from dataclasses import dataclass
from uuid import UUID

import asyncpg

from store.append_sql import GROUP, GROUP_WITH_NOTIFICATIONS, ONE, ONE_WITH_NOTIFICATIONS, Encoded
from store.statement_pool import StatementPool

Landed = tuple[int, int]
"""Where an event landed: its position and its version."""


@dataclass(frozen=True)
class Single:
    """One event to append at its expected version, encoded, with its notifications (a JSON
    array, ``[]`` for none)."""

    stream_id: str
    expected: int
    encoded: Encoded
    metadata_json: str
    notifications_json: str = "[]"


class _Alone:
    """The group's statement was refused as a whole: send this append by itself."""


ALONE = _Alone()
Outcome = Landed | _Alone | None
Waiting = tuple[Single, "asyncio.Future[Outcome]"]


class GroupAppend:
    """Sends single appends over at most ``lanes`` statements at a time. An append that finds a
    lane free goes at once, alone (one writer waits for nothing); the ones that arrive while every
    lane is busy wait and leave together in the next free lane, at most ``most`` at a time and one
    per stream. Each is checked on its own in the statement (store.append_sql.GROUP): one that does
    not fit its stream any more lands nowhere and the caller asks ``novex_append`` why, while the
    others land. When the server refuses the group's statement as a whole (an event id stored
    already, a deadlock with another writer), each of its appends is sent again alone."""

    def __init__(self, pool: StatementPool, lanes: int = 2, most: int = 64) -> None:
        self._pool, self._lanes, self._most = pool, lanes, most
        self._busy = 0
        self._waiting: deque[Waiting] = deque()
        self._flushing: set[asyncio.Task[None]] = set()
        self._scheduled = False
        self._alone = True
        """The last append went by itself and none waited: the next goes at once, not after a turn
        of the loop (one writer waits for nothing; writers that come together go together)."""

    async def append(self, single: Single) -> Landed | None:
        """Where the event landed; None when it did not fit its stream (or its id is stored)."""
        if self._alone and not self._scheduled and self._busy < self._lanes:
            self._busy += 1  # the last append went alone and nothing waits: no reason to wait
            try:
                return (await self._send([single]))[0]
            finally:
                self._busy -= 1
                if self._waiting:
                    self._alone = False
                    self._soon()
        future: asyncio.Future[Landed | _Alone | None] = asyncio.get_running_loop().create_future()
        self._waiting.append((single, future))
        self._soon()
        outcome = await future
        if isinstance(outcome, _Alone):
            return (await self._send([single]))[0]
        return outcome

    def _soon(self) -> None:
        """Send what waits once every caller woken in this turn of the loop has had its say."""
        if not self._scheduled:
            self._scheduled = True
            asyncio.get_running_loop().call_soon(self._start)

    def _start(self) -> None:
        self._scheduled = False
        while self._waiting and self._busy < self._lanes:
            group = self._take()
            if not group:
                return
            self._busy += 1
            task = asyncio.get_running_loop().create_task(self._flush(group))
            self._flushing.add(task)
            task.add_done_callback(self._flushing.discard)

    def _take(self) -> list[Waiting]:
        """The next group: waiting appends in order, one per stream, the rest kept in order."""
        group: list[Waiting] = []
        later: list[Waiting] = []
        streams: set[str] = set()
        while self._waiting and len(group) < self._most:
            single, future = self._waiting.popleft()
            if future.done():  # its caller gave up before it left
                continue
            if single.stream_id in streams:
                later.append((single, future))
                continue
            streams.add(single.stream_id)
            group.append((single, future))
        self._waiting.extendleft(reversed(later))
        return group

    async def _flush(self, group: list[Waiting]) -> None:
        outcomes: list[Landed | _Alone | None]
        try:
            try:
                outcomes = list(await self._send([single for single, _ in group]))
            except asyncpg.PostgresError:
                if len(group) == 1:
                    raise
                outcomes = [ALONE] * len(group)
            for (_, future), outcome in zip(group, outcomes, strict=True):
                if not future.done():
                    future.set_result(outcome)
        except BaseException as exc:
            for _, future in group:
                if not future.done():
                    if isinstance(exc, asyncio.CancelledError):
                        future.cancel()
                    else:
                        future.set_exception(exc)
            if not isinstance(exc, Exception):
                raise
        finally:
            self._busy -= 1
            self._alone = len(group) == 1 and not self._waiting
            if self._waiting:
                self._soon()

    async def _send(self, group: list[Single]) -> list[Landed | None]:
        notes = [s.notifications_json[1:-1] for s in group if s.notifications_json != "[]"]
        if len(group) == 1:
            (s,) = group
            args: list[object] = [
                s.stream_id, s.expected, s.encoded.event.event_id, s.encoded.event.type,
                s.encoded.event.schema_version, s.encoded.digest, s.encoded.data_json,
                s.metadata_json,
            ]  # fmt: skip
            query = ONE_WITH_NOTIFICATIONS if notes else ONE
        else:
            args = [
                [s.stream_id for s in group],
                [s.expected for s in group],
                [s.encoded.event.event_id for s in group],
                [s.encoded.event.type for s in group],
                [s.encoded.event.schema_version for s in group],
                [s.encoded.digest for s in group],
                [s.encoded.data_json for s in group],
                [s.metadata_json for s in group],
            ]
            query = GROUP_WITH_NOTIFICATIONS if notes else GROUP
        if notes:
            args.append("[" + ",".join(notes) + "]")
        rows = await self._pool.fetch(query, *args)
        if len(group) == 1:
            return [(rows[0][1], rows[0][2]) if rows else None]
        landed: dict[UUID, Landed] = {row[0]: (row[1], row[2]) for row in rows}
        return [landed.get(UUID(str(s.encoded.event.event_id))) for s in group]
