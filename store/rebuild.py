"""Rebuild aside: fold every event into a shadow table, then swap it in within one transaction,
so the read model is never empty and never half-built."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from store.schema import stream_status, stream_status_shadow

if TYPE_CHECKING:
    from store.projector import Projector

SHADOW = "~shadow"
"""Suffix of the shadow projector's name (its checkpoint and parked rows)."""


class RebuildBusy(Exception):
    """Another rebuild of the same read model is running."""


@contextlib.asynccontextmanager
async def _exclusive(engine: AsyncEngine, name: str) -> AsyncIterator[None]:
    """One rebuild of a read model at a time (a session lock, released at the end)."""
    key = f"novex-rebuild:{name}"
    async with engine.connect() as conn:
        got = await conn.scalar(text("SELECT pg_try_advisory_lock(hashtext(:k))"), {"k": key})
        await conn.commit()
        if not got:
            raise RebuildBusy(f"a rebuild of {name} is already running")
        try:
            yield
        finally:
            await conn.execute(text("SELECT pg_advisory_unlock(hashtext(:k))"), {"k": key})
            await conn.commit()


async def _reset(conn: AsyncConnection, shadow: Projector) -> None:
    """An empty shadow at the origin of the log with nothing parked."""
    await shadow.lock_checkpoint(conn)
    await conn.execute(text(f"DELETE FROM {shadow.table.name}"))
    await conn.execute(
        text("DELETE FROM novex_projector_parked WHERE name = :n"), {"n": shadow.name}
    )
    await conn.execute(
        text("UPDATE novex_projector_checkpoints SET tx = 0, position = 0 WHERE name = :n"),
        {"n": shadow.name},
    )


async def _swap(conn: AsyncConnection, live: Projector, shadow: Projector) -> None:
    """The shadow's rows, parked events and checkpoint become the live ones; the shadow empties."""
    columns = ", ".join(c.name for c in live.table.columns)
    names = {"live": live.name, "shadow": shadow.name}
    for statement in (
        f"DELETE FROM {live.table.name}",
        f"INSERT INTO {live.table.name} ({columns}) SELECT {columns} FROM {shadow.table.name}",
        f"DELETE FROM {shadow.table.name}",
        "DELETE FROM novex_projector_parked WHERE name = :live",
        "UPDATE novex_projector_parked SET name = :live WHERE name = :shadow",
        "UPDATE novex_projector_checkpoints SET (tx, position) = (SELECT tx, position FROM "
        "novex_projector_checkpoints WHERE name = :shadow) WHERE name = :live",
        "DELETE FROM novex_projector_checkpoints WHERE name = :shadow",
    ):
        await conn.execute(text(statement), names)


async def rebuild_aside(live: Projector) -> int:
    """Fold every event into the shadow (in batches, while the live read model keeps serving
    and following), then, holding the live checkpoint, fold the last events and swap; returns
    how many events were folded."""
    if live.table is not stream_status:
        raise ValueError(f"no shadow table for {live.table.name}")
    shadow = type(live)(
        live.engine,
        live.batch_size,
        max_failures=live.max_failures,
        on_parked=live.on_parked,
        table=stream_status_shadow,
        name=live.name + SHADOW,
    )
    async with _exclusive(live.engine, live.name):
        async with live.engine.begin() as conn:
            await _reset(conn, shadow)
        await shadow.catch_up()
        async with live.engine.begin() as conn:
            await live.lock_checkpoint(conn)  # the live projector waits from here to the commit
            while await shadow.apply_batch(conn) or shadow.retry_pending:
                pass
            await _swap(conn, live, shadow)
    return shadow.applied_total
