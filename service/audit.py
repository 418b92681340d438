"""The audit export: a stream's stored events as JSON lines, with their hash chain, and how
today's code reads each one whose shape changed since."""

from __future__ import annotations

import json
from typing import Any

from domain.shared.upcasting import current_version, upcast
from store.eventstore import EventStore, StoredEvent


def audit_line(e: StoredEvent) -> dict[str, Any]:
    """One stored event as an audit export line: ``data`` exactly as stored (the hash chain
    covers it); ``read_as`` its reading in today's shape when that differs. An event of a
    newer schema version than this release reads raises UnreadableEvent."""
    read = upcast(e.type, e.schema_version, e.data)
    line: dict[str, Any] = {
        "position": e.position,
        "stream_id": e.stream_id,
        "version": e.version,
        "event_id": str(e.event_id),
        "type": e.type,
        "schema_version": e.schema_version,
        "recorded_at": e.recorded_at.isoformat(),
        "metadata": e.metadata,
        "data": e.data,
        "content_hash": e.content_hash,
        "prev_hash": e.prev_hash,
        "hash": e.hash,
        "hash_scheme": e.hash_scheme,
    }
    if read is not e.data:
        line["read_as"] = {"schema_version": current_version(e.type), "data": read}
    return line


def as_json_line(line: dict[str, Any]) -> str:
    """One export line as text, newline included."""
    return json.dumps(line, default=str, ensure_ascii=False) + "\n"


async def audit_lines(store: EventStore, stream_id: str) -> list[dict[str, Any]]:
    """Every event of one stream as export lines; none for an unknown stream."""
    return [audit_line(e) for e in await store.read_stream(stream_id)]
