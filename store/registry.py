"""The registry of streams: every stream is numbered when it is created, 1, 2, … without a hole, and
its head row links to the one numbered before, so that a whole stream deleted with its head row
shows (positions cannot tell: an append cut off before its commit leaves a hole in them too)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from store.hashing import registry_link
from store.schema import GENESIS_HASH

ENTRIES = "SELECT number, stream_id, registry_hash FROM novex_streams ORDER BY number"
COUNTER = "SELECT last FROM novex_stream_counter WHERE id = 1"


def _missing(first: int, final: int) -> str:
    if first == final:
        return f"stream number {first} is missing, its head row with it"
    return f"streams numbered {first}–{final} are missing, their head rows with them"


def registry_findings(entries: Sequence[Any], counter: int) -> list[tuple[int, str]]:
    """(number, why) for every hole and broken link of the registry, and a tail missing up to
    the counter or entries beyond it."""
    found: list[tuple[int, str]] = []
    prev, expected = GENESIS_HASH, 1
    for number, stream_id, link in entries:
        if number > expected:
            found.append((expected, _missing(expected, number - 1)))
        elif registry_link(prev, number, stream_id) != link:
            found.append((number, f"{stream_id} does not link to the stream numbered before it"))
        prev, expected = link, number + 1
    if counter >= expected:
        found.append((expected, f"{_missing(expected, counter)} (the counter is at {counter})"))
    elif expected - 1 > counter:
        found.append((counter + 1, f"streams numbered beyond the counter ({counter}) are stored"))
    return found


async def check_registry(conn: AsyncConnection) -> list[tuple[int, str]]:
    """The registry's findings, read within ``conn``'s snapshot."""
    entries = (await conn.execute(text(ENTRIES))).all()
    counter = int(await conn.scalar(text(COUNTER)) or 0)
    return registry_findings(entries, counter)
