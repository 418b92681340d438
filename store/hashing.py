"""Canonical JSON and the hashes that make the event log tamper-evident."""

from __future__ import annotations

import hashlib
import json
from typing import Any


def canonical_json(value: Any) -> str:
    """One spelling per value: sorted keys, no spaces, UTF-8 kept."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


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


def chain_hash(prev_hash: str, content: str, recorded_at: str) -> str:
    """Link an event to its predecessor in the stream (same formula as the SQL append)."""
    return hashlib.sha256((prev_hash + content + recorded_at).encode()).hexdigest()
