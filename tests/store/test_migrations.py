"""Migrations over a database that already holds events: columns are backfilled, and undone;
chains written before hash scheme 2 still verify, and go on under it."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from config.settings import to_async_url
from store.audit import verify
from store.eventstore import EventStore
from store.migrate import alembic_config
from store.projector import Projector
from store.scratch import create_scratch_database, drop_scratch_database
from tests.store.old_writer import append_as_before
from tests.store.tampering import noted, tamper

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
    try:
        for stream_id in STREAMS:
            await append_as_before(old_database, stream_id, 1)
        async with engine.begin() as conn:
            await conn.execute(
                text(
                    "INSERT INTO novex_stream_status VALUES "
                    "(:s, :k, 'de-peel', '', 1, 1, 'Noted', 1, :t, '{}', '{}')"
                ),
                {"s": "area-de-peel.oefen_1", "k": "area", "t": datetime.now(UTC)},
            )
    finally:
        await engine.dispose()

    await asyncio.to_thread(command.upgrade, alembic_config(old_database), "heads")

    expected = {
        "province-GE": ("province", None),
        "area-de-peel.oefen_1": ("area", "oefen_1"),
        "escalation-province-NH~1.a.b": ("escalation", "a.b"),
    }
    assert await _kinds_and_labels(old_database, "novex_events") == expected
    status = await _kinds_and_labels(old_database, "novex_stream_status")
    assert status == {"area-de-peel.oefen_1": ("area", "oefen_1")}

    await asyncio.to_thread(command.downgrade, alembic_config(old_database), "0003")
    await asyncio.to_thread(command.upgrade, alembic_config(old_database), "heads")
    assert await _kinds_and_labels(old_database, "novex_events") == expected


async def test_chains_written_before_hash_scheme_2_still_verify_and_go_on_under_it(
    old_database: str,
) -> None:
    await asyncio.to_thread(command.upgrade, alembic_config(old_database), "0004")
    await append_as_before(old_database, "province-GE", 3)
    await append_as_before(old_database, "area-de-peel", 2)
    await asyncio.to_thread(command.upgrade, alembic_config(old_database), "heads")
    engine = create_async_engine(to_async_url(old_database))
    store = EventStore(engine)
    try:
        await noted(store, "province-GE", 2)
        await noted(store, "escalation-province-GE~1", 1)
        schemes = [e.hash_scheme for e in await store.read_all()]
        assert schemes == [1, 1, 1, 1, 1, 2, 2, 2]
        report = await verify(engine)
        assert report.ok and report.events == 8 and report.streams == 3

        await tamper(
            engine,
            "UPDATE novex_events SET recorded_at = recorded_at + interval '1 hour' "
            "WHERE stream_id = 'area-de-peel' AND version = 2",
        )
        assert [(b.stream_id, b.reason) for b in (await verify(engine)).broken] == [
            ("area-de-peel", "recorded_at differs from the one the chain covers")
        ]
    finally:
        await store.close()
        await engine.dispose()


async def test_revision_0007_gives_events_stored_before_it_their_effective_moment_chain_intact(
    old_database: str,
) -> None:
    await asyncio.to_thread(command.upgrade, alembic_config(old_database), "0006")
    engine = create_async_engine(to_async_url(old_database))
    store = EventStore(engine)
    moment = "2026-03-01T10:00:00+00:00"
    try:
        await noted(store, "province-GE", 2, occurred_at=moment)
        await asyncio.to_thread(command.upgrade, alembic_config(old_database), "head")
        async with engine.connect() as conn:
            rows = await conn.execute(text("SELECT effective_at FROM novex_events"))
            assert [r[0] for r in rows] == [datetime.fromisoformat(moment)] * 2
        assert (await verify(engine)).ok
        await asyncio.to_thread(command.downgrade, alembic_config(old_database), "0006")
        await asyncio.to_thread(command.upgrade, alembic_config(old_database), "head")
        assert (await verify(engine)).ok
    finally:
        await store.close()
        await engine.dispose()


async def test_events_and_a_checkpoint_from_before_revision_0008_go_on_in_commit_order(
    old_database: str,
) -> None:
    await asyncio.to_thread(command.upgrade, alembic_config(old_database), "0007")
    engine = create_async_engine(to_async_url(old_database))
    try:
        before = EventStore(engine)
        await noted(before, "province-GE", 3)
        await before.close()
        async with engine.begin() as conn:
            await conn.execute(
                text("INSERT INTO novex_projector_checkpoints VALUES ('stream_status', 2)")
            )
        await asyncio.to_thread(command.upgrade, alembic_config(old_database), "heads")
        store = EventStore(engine)
        await noted(store, "province-GE", 1)
        assert await Projector(engine).catch_up() == 2  # positions 3 and 4, nothing again
        events = await store.read_all()
        assert [(e.position, e.tx > 0) for e in events] == [
            (1, False), (2, False), (3, False), (4, True)
        ]  # fmt: skip
        assert (await verify(engine)).ok
        await store.close()
    finally:
        await engine.dispose()
