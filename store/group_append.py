"""Single appends that arrive while others are on their way travel together: one statement, one
transaction and one WAL flush for all of them (a group commit the store's client does)."""

from __future__ import annotations

import asyncio
from collections import deque
from dataclasses import dataclass
from functools import partial
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


def _when_all_gave_up(group: list[Waiting], task: asyncio.Task[None], _: object) -> None:
    """Stop a group's statement once every caller in it has given up: it holds a lane, and one
    that hangs (a stalled connection) would hold it long after anyone waits for it. The pool
    then drops that connection; whether the appends landed, a retry finds out."""
    if not task.done() and all(future.cancelled() for _, future in group):
        task.cancel()


class GroupAppend:
    """Sends single appends over at most ``lanes`` statements at a time. An append that finds a
    lane free goes at once, alone (one writer waits for nothing); the ones that arrive while every
    lane is busy wait and leave together in the next free lane, at most ``most`` at a time and one
    per stream. Each is checked on its own in the statement (store.append_sql.GROUP): one that does
    not fit its stream any more lands nowhere and the caller asks ``novex_append`` why, while the
    others land. When the server refuses the group's statement as a whole (an id another writer
    stored meanwhile, a deadlock on such ids, a lost connection), each of its appends is sent
    again alone, outside the lanes: a retry that finds its events stored gets their places back.
    A group whose callers all gave up is stopped (its connection dropped), freeing its lane."""

    def __init__(self, pool: StatementPool, lanes: int = 2, most: int = 64) -> None:
        self._pool, self._lanes, self._most = pool, lanes, most
        self._busy = 0
        self._waiting: deque[Waiting] = deque()
        self._flushing: set[asyncio.Task[None]] = set()
        self._scheduled = False
        self._flying: set[UUID] = set()
        """The event ids on their way: an append of one of them again (a retry racing its first
        try) waits for that one to end, instead of failing a group on the id's unique index."""
        self._alone = True
        """The last append went by itself and none waited: the next goes at once, not after a turn
        of the loop (one writer waits for nothing; writers that come together go together)."""

    async def append(self, single: Single) -> Landed | None:
        """Where the event landed; None when it did not fit its stream (or its id is stored)."""
        event_id = single.encoded.event.event_id
        if (
            self._alone
            and not self._scheduled
            and self._busy < self._lanes
            and event_id not in self._flying
        ):
            self._busy += 1  # the last append went alone and nothing waits: no reason to wait
            self._flying.add(event_id)
            try:
                return (await self._send([single]))[0]
            finally:
                self._busy -= 1
                self._flying.discard(event_id)
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
            asyncio.get_running_loop().call_soon(self._start)
            self._scheduled = True

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
            for _, future in group:
                future.add_done_callback(partial(_when_all_gave_up, group, task))

    def _take(self) -> list[Waiting]:
        """The next group: waiting appends in order, one per stream and per event id, none whose
        id is on its way already (a second would fail the whole group, or land nowhere), the
        rest kept in order for the next."""
        group: list[Waiting] = []
        later: list[Waiting] = []
        streams: set[str] = set()
        ids: set[UUID] = set()
        while self._waiting and len(group) < self._most:
            single, future = self._waiting.popleft()
            if future.done():  # its caller gave up before it left
                continue
            event_id = single.encoded.event.event_id
            if single.stream_id in streams or event_id in ids or event_id in self._flying:
                later.append((single, future))
                continue
            streams.add(single.stream_id)
            ids.add(event_id)
            group.append((single, future))
        self._waiting.extendleft(reversed(later))
        self._flying |= ids
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
            self._flying.difference_update(single.encoded.event.event_id for single, _ in group)
            self._alone = len(group) == 1 and not self._waiting
            if self._waiting:
                self._soon()

    async def _send(self, group: list[Single]) -> list[Landed | None]:
        if len({s.stream_id for s in group}) != len(group):
            raise ValueError("a group holds one append per stream")  # the statement relies on it
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
        return [landed.get(s.encoded.event.event_id) for s in group]
