"""The store's own few connections for its one-statement hot paths (the append, a status lookup):
a free list and a queue of waiters, no more. asyncpg's pool spends as much CPU per call as all of
the append's own work in Python does (it shields every release in a task of its own)."""

from __future__ import annotations

import asyncio
from collections import deque
from typing import Any

import asyncpg

PLANS = {"enable_seqscan": "off", "enable_hashjoin": "off", "enable_mergejoin": "off"}
"""Every statement of the pool finds its few rows by an index: a plan cached while a table was
small (a scan of it whole, a hash join) would grow slower with the table."""


TIMEOUT = 60.0
"""Seconds a statement may take before the pool gives up on it and drops its connection (its
statements take milliseconds; this only ends a connection that stalled without a word). An
append cut off so is tried again by its caller and lands once: appends are idempotent."""


class StatementPool:
    """At most ``size`` connections, each running one autocommitted statement at a time. A
    connection whose statement the server refused goes back to the free list; one that failed any
    other way (cancelled mid-statement, lost) is terminated and replaced when next needed."""

    def __init__(self, dsn: str, size: int) -> None:
        self._dsn, self._size = dsn, size
        self._free: list[asyncpg.Connection] = []
        self._open = 0
        self._waiters: deque[asyncio.Future[asyncpg.Connection | None]] = deque()
        self._closed = False

    async def fetch(self, query: str, *args: Any) -> list[asyncpg.Record]:
        conn = await self._take()
        try:
            rows: list[asyncpg.Record] = await conn.fetch(query, *args)
        except BaseException as exc:
            self._after_failure(conn, exc)
            raise
        self._give(conn)
        return rows

    async def fetchrow(self, query: str, *args: Any) -> asyncpg.Record | None:
        conn = await self._take()
        try:
            row: asyncpg.Record | None = await conn.fetchrow(query, *args)
        except BaseException as exc:
            self._after_failure(conn, exc)
            raise
        self._give(conn)
        return row

    async def close(self) -> None:
        """Close the free connections; those in use close when they come back."""
        self._closed = True
        free, self._free = self._free, []
        for conn in free:
            await conn.close()

    async def _take(self) -> asyncpg.Connection:
        while True:
            if self._closed:
                raise asyncpg.InterfaceError("the statement pool is closed")
            if self._free:
                return self._free.pop()
            if self._open < self._size:
                self._open += 1
                try:
                    return await asyncpg.connect(
                        self._dsn, server_settings=PLANS, command_timeout=TIMEOUT
                    )
                except BaseException:
                    self._open -= 1
                    raise
            waiter = asyncio.get_running_loop().create_future()
            self._waiters.append(waiter)
            try:
                conn = await waiter
            except asyncio.CancelledError:
                if waiter.done() and not waiter.cancelled() and waiter.result() is not None:
                    self._give(waiter.result())  # handed over just as the caller gave up
                raise
            if conn is not None:
                return conn  # else a connection was lost: there is room to open one

    def _give(self, conn: asyncpg.Connection) -> None:
        if self._closed:
            self._open -= 1
            conn.terminate()
            return
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(conn)
                return
        self._free.append(conn)

    def _after_failure(self, conn: asyncpg.Connection, exc: BaseException) -> None:
        if isinstance(exc, asyncpg.PostgresError) and not conn.is_closed():
            self._give(conn)  # the server refused the statement; the connection is ready again
            return
        self._open -= 1
        conn.terminate()
        while self._waiters:
            waiter = self._waiters.popleft()
            if not waiter.done():
                waiter.set_result(None)
                return
