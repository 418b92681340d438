"""Real faults for tests: a store that refuses (privileges taken away), and a gate that holds the
appends of chosen commands. Both reach the worker as dependencies; no workflow is faked."""

from __future__ import annotations

import asyncio
import contextlib
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import make_url, text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from temporalio.testing import WorkflowEnvironment

from activities.events import BeforeAppend
from config.settings import to_async_url
from service.rehearsal import Journey, catalog_due_from, start_recorded
from store.eventstore import EventStore
from worker import build_worker
from workflows.messages import AppendRequest


@dataclass
class OwnWorker:
    """A worker on a task queue of its own, and the workflows a test started on it."""

    queue: str
    started: list[str] = field(default_factory=list)


@asynccontextmanager
async def own_worker(
    env: WorkflowEnvironment, store: EventStore, before_append: BeforeAppend | None = None
) -> AsyncIterator[OwnWorker]:
    """A worker with the given dependencies; the workflows started on it are terminated before
    it stops (a workflow left without a worker stalls the time-skipping server's clock)."""
    own = OwnWorker(f"novex-own-{secrets.token_hex(3)}")
    async with build_worker(env.client, store, own.queue, before_append=before_append):
        try:
            yield own
        finally:
            for workflow_id in own.started:
                with contextlib.suppress(Exception):
                    await env.client.get_workflow_handle(workflow_id).terminate("test over")


async def journey_on(env: WorkflowEnvironment, own: OwnWorker, code: str) -> Journey:
    """A province's journey on a worker of its own, due 100 days on, its start recorded."""
    now = await env.get_current_time()
    journey = Journey(
        env.client, own.queue, code, catalog_due_from(now.date() + timedelta(days=100))
    )
    own.started.append(journey.stream_id)
    await journey.start()
    await start_recorded(journey.client, journey.stream_id)
    return journey


@dataclass
class Gate:
    """Holds every append caused by a chosen command type until released (``before_append``)."""

    held: dict[str, asyncio.Event] = field(default_factory=dict)
    arrived: dict[str, asyncio.Event] = field(default_factory=dict)

    def close(self, causation: str) -> None:
        self.held[causation] = asyncio.Event()
        self.arrived[causation] = asyncio.Event()

    def release(self, causation: str) -> None:
        self.held[causation].set()

    async def __call__(self, request: AppendRequest) -> None:
        gate = self.held.get(request.causation_id or "")
        if gate is not None:
            self.arrived[request.causation_id or ""].set()
            await gate.wait()


@dataclass
class RestrictedStore:
    """An event store that logs in as a role of its own, whose privileges a test can take away."""

    store: EventStore
    role: str
    admin: AsyncEngine

    async def _grant(self, verb: str, statement: str) -> None:
        async with self.admin.begin() as conn:
            await conn.execute(text(statement.format(verb=verb, role=self.role)))

    async def refuse_appends(self) -> None:
        """The store refuses every new event: ``permission denied for table novex_events``."""
        await self._grant("REVOKE", "{verb} INSERT ON novex_events FROM {role}")

    async def accept_appends(self) -> None:
        await self._grant("GRANT", "{verb} INSERT ON novex_events TO {role}")


_GRANTS = (
    'GRANT CONNECT ON DATABASE "{db}" TO {role}',
    "GRANT USAGE ON SCHEMA public TO {role}",
    "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
    "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}",
)


@asynccontextmanager
async def restricted_store(database_url: str) -> AsyncIterator[RestrictedStore]:
    """A login role with a worker's privileges on the test database, and a store over it."""
    role = f"novex_worker_{secrets.token_hex(3)}"
    url = make_url(to_async_url(database_url))
    admin = create_async_engine(url)
    async with admin.begin() as conn:
        await conn.execute(text(f"CREATE ROLE {role} LOGIN"))
        for grant in _GRANTS:
            await conn.execute(text(grant.format(db=url.database, role=role)))
    engine = create_async_engine(url.set(username=role, password=None))
    store = EventStore(engine)
    try:
        yield RestrictedStore(store, role, admin)
    finally:
        await store.close()
        await engine.dispose()
        async with admin.begin() as conn:
            await conn.execute(text(f"DROP OWNED BY {role}"))
            await conn.execute(text(f"DROP ROLE {role}"))
        await admin.dispose()
