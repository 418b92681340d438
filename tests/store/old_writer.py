"""How events were appended before revision 0005: the writer's clock in the metadata, hash
scheme 1 (tests only, for databases migrated to an older revision)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import asyncpg

from config.settings import to_plain_url
from store.append_sql import FUNCTION, encode_event
from store.eventstore import NewEvent


async def append_as_before(url: str, stream: str, count: int) -> None:
    """Append ``count`` events to a stream the way the store did up to revision 0004."""
    conn = await asyncpg.connect(to_plain_url(url))
    try:
        meta = {"actor": "tester", "recorded_at": datetime.now(UTC).isoformat()}
        events = [NewEvent(uuid.uuid4(), "Noted", {"n": i}) for i in range(count)]
        payload = "[" + ",".join(encode_event(stream, e, meta) for e in events) + "]"
        await conn.fetch(FUNCTION, stream, None, payload, "[]")
    finally:
        await conn.close()
