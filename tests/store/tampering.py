"""What an intruder with write access to the database does behind the store's back (tests only)."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from store.eventstore import EventMetadata, EventStore, NewEvent
from store.hashing import canonical_json, chain_hash_v2, content_hash
from store.schema import GENESIS_HASH

BYPASS = "SET LOCAL session_replication_role = replica"
"""Switches the append-only trigger off for one transaction (as the table's owner can)."""


async def tamper(engine: AsyncEngine, *statements: str, **params: Any) -> None:
    """Run statements with the append-only trigger bypassed, in one transaction."""
    async with engine.begin() as conn:
        await conn.execute(text(BYPASS))
        for statement in statements:
            await conn.execute(text(statement), params)


async def noted(store: EventStore, stream: str, count: int, **data: Any) -> None:
    """Append ``count`` small events to a stream."""
    batch = [NewEvent(uuid.uuid4(), "Noted", {"i": i, **data}) for i in range(count)]
    await store.append(stream, None, batch, EventMetadata(actor="tester"))


async def rewrite_stream(
    engine: AsyncEngine, stream: str, version: int, data: dict[str, Any]
) -> None:
    """Change one event's data and recompute every hash of its stream (content, chain, head),
    exactly as the append would have: only a signed anchor can tell."""
    async with engine.begin() as conn:
        await conn.execute(text(BYPASS))
        rows = (
            await conn.execute(
                text(
                    "SELECT position, version, event_id, type, schema_version, data, metadata, "
                    "recorded_at FROM novex_events WHERE stream_id = :s ORDER BY version"
                ),
                {"s": stream},
            )
        ).all()
        prev = GENESIS_HASH
        for position, v, event_id, type_, schema, old, meta, recorded_at in rows:
            new = data if v == version else old
            content = content_hash(stream, str(event_id), type_, schema, canonical_json(new), meta)
            link = chain_hash_v2(prev, content, position, v, recorded_at)
            await conn.execute(
                text(
                    "UPDATE novex_events SET data = CAST(:d AS jsonb), content_hash = :c, "
                    "hash = :h, prev_hash = :p WHERE position = :pos"
                ),
                {"d": canonical_json(new), "c": content, "h": link, "p": prev, "pos": position},
            )
            prev = link
        await conn.execute(
            text("UPDATE novex_streams SET last_hash = :h WHERE stream_id = :s"),
            {"h": prev, "s": stream},
        )
