"""Migrations over a database that already holds events: columns are backfilled, and undone."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from config.settings import to_async_url
from store.eventstore import EventMetadata, EventStore, NewEvent
from store.migrate import alembic_config
from store.scratch import create_scratch_database, drop_scratch_database

STREAMS = ("province-GE", "area-de-peel.oefen_1", "escalation-province-NH~1.a.b")


@pytest.fixture
async def old_database(database_server: str) -> AsyncIterator[str]:
    """A database of its own, migrated only up to revision 0003."""
    url = await create_scratch_database(database_server, "novex_test", revision="0003")
    yield url
    await drop_scratch_database(database_server, url)


async def _kinds_and_labels(url: str, table: str) -> dict[str, tuple[str, str | None]]:
    engine = create_async_engine(to_async_url(url))
    try:
        async with engine.connect() as conn:
            rows = await conn.execute(text(f"SELECT stream_id, kind, label FROM {table}"))
            return {r.stream_id: (r.kind, r.label) for r in rows}
    finally:
        await engine.dispose()


async def test_revision_0004_backfills_the_kind_and_label_of_stored_events_and_status_rows(
    old_database: str,
) -> None:
    engine = create_async_engine(to_async_url(old_database))
    store = EventStore(engine)
    try:
        for stream_id in STREAMS:
            event = NewEvent(uuid.uuid4(), "Noted", {"n": 1})
            await store.append(stream_id, 0, [event], EventMetadata(actor="tester"))
        async with engine.begin() as conn:
            await conn.execute(
                text(
                    "INSERT INTO novex_stream_status VALUES "
                    "(:s, :k, 'de-peel', '', 1, 1, 'Noted', 1, :t, '{}', '{}')"
                ),
                {"s": "area-de-peel.oefen_1", "k": "area", "t": datetime.now(UTC)},
            )
    finally:
        await store.close()
        await engine.dispose()

    await asyncio.to_thread(command.upgrade, alembic_config(old_database), "head")

    expected = {
        "province-GE": ("province", None),
        "area-de-peel.oefen_1": ("area", "oefen_1"),
        "escalation-province-NH~1.a.b": ("escalation", "a.b"),
    }
    assert await _kinds_and_labels(old_database, "novex_events") == expected
    status = await _kinds_and_labels(old_database, "novex_stream_status")
    assert status == {"area-de-peel.oefen_1": ("area", "oefen_1")}

    await asyncio.to_thread(command.downgrade, alembic_config(old_database), "0003")
    await asyncio.to_thread(command.upgrade, alembic_config(old_database), "head")
    assert await _kinds_and_labels(old_database, "novex_events") == expected
