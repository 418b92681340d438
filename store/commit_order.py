"""Commit order for readers that follow the log: the (tx, position) cursor, and the watermark below
which every transaction has ended, so that no event can still appear behind a reader."""

from __future__ import annotations

import asyncio
import time
from typing import NamedTuple

import structlog
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

log = structlog.get_logger(__name__)

WATERMARK = "pg_snapshot_xmin(pg_current_snapshot())::text::bigint"
"""The oldest transaction id still running (the reader's own included): every event whose ``tx``
is below it has committed or never will, and any event still to come has a ``tx`` at or above."""

AFTER = f"(tx, position) > (:tx, :p) AND tx < {WATERMARK} ORDER BY tx, position"
"""The condition and order of "the settled events after a cursor" (binds ``tx`` and ``p``)."""


class Cursor(NamedTuple):
    """Where a reader of the log stands: the transaction id and position of the last event it
    got past. Events are read in (tx, position) order: within a stream that is version order,
    across streams an event written after another committed comes after it."""

    tx: int
    position: int

    def binds(self) -> dict[str, int]:
        return {"tx": self.tx, "p": self.position}


ORIGIN = Cursor(0, 0)
"""Before the first event."""


async def next_tx(engine: AsyncEngine) -> int:
    """A transaction id above every transaction that has ended so far (the snapshot's xmax)."""
    async with engine.connect() as conn:
        query = "SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint"
        return int(await conn.scalar(text(query)))


async def wait_until_settled(engine: AsyncEngine, tx: int, seconds: float) -> bool:
    """Wait until every transaction below ``tx`` has ended, so that a reader sees all they
    wrote; at most ``seconds``, then False and a warning naming the oldest one still open."""
    deadline = time.monotonic() + seconds
    async with engine.connect() as conn:
        while not await conn.scalar(text(f"SELECT {WATERMARK} >= :tx"), {"tx": tx}):
            await conn.rollback()
            if time.monotonic() > deadline:
                log.warning("events held back by an open transaction", oldest=await _oldest(conn))
                return False
            await asyncio.sleep(0.01)
    return True


async def _oldest(conn: AsyncConnection) -> str:
    """The oldest transaction that holds the watermark back, as one line for a log."""
    row = (
        await conn.execute(
            text(
                "SELECT pid, datname, state, now() - xact_start FROM pg_stat_activity "
                "WHERE backend_xid IS NOT NULL ORDER BY age(backend_xid) DESC LIMIT 1"
            )
        )
    ).first()
    if row is None:
        return "none"
    return f"pid {row[0]} in database {row[1]} ({row[2]}, open for {row[3]})"
