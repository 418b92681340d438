"""Canonical JSON and the hashes that make the event log tamper-evident."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta
from typing import Any

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


_CANONICAL = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
)  # one encoder for every call: json.dumps with these options builds a new one each time


def canonical_json(value: Any) -> str:
    """One spelling per value: sorted keys, no spaces, UTF-8 kept."""
    return _CANONICAL.encode(value)


def content_hash(
    stream_id: str,
    event_id: str,
    type_: str,
    schema_version: int,
    data_json: str,
    metadata: dict[str, Any],
) -> str:
    """Hash of what an event says (``data_json`` is its canonical JSON); the time it was
    recorded is left out so that a retry matches."""
    meta = {k: v for k, v in metadata.items() if k != "recorded_at"}
    head = canonical_json([stream_id, event_id, type_, schema_version, meta])
    return hashlib.sha256(f"{head}\n{data_json}".encode()).hexdigest()


def chain_hash_v1(prev_hash: str, content: str, recorded_at: str) -> str:
    """Scheme 1 (events recorded before revision 0005): link an event to its predecessor over
    the ``recorded_at`` the writer put in its metadata."""
    return hashlib.sha256((prev_hash + content + recorded_at).encode()).hexdigest()


def epoch_micros(instant: datetime) -> int:
    """Microseconds since the Unix epoch: the one spelling of an instant in a chain hash."""
    return (instant - EPOCH) // timedelta(microseconds=1)


def chain_hash_v2(
    prev_hash: str, content: str, position: int, version: int, recorded_at: datetime
) -> str:
    """Scheme 2: the link covers the event's global position, its version and the stored
    ``recorded_at`` (the database's clock); the same formula as the SQL append of 0005."""
    parts = ("2", prev_hash, content, str(position), str(version), str(epoch_micros(recorded_at)))
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def registry_link(prev: str, number: int, stream_id: str) -> str:
    """A stream's entry in the registry of streams (revision 0008): linked to the entry numbered
    before it, so that a stream deleted with its head row shows."""
    return hashlib.sha256("|".join(("stream", prev, str(number), stream_id)).encode()).hexdigest()
