"""Composition root: settings, logging, database engine, Temporal client and the worker."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from temporalio.client import Client
from temporalio.worker import Worker

from activities.events import BeforeAppend, EventActivities
from config.catalog_file import load_catalog
from config.logging import configure_logging
from config.settings import Settings
from domain.catalog.model import Catalog
from runtime.connections import connect_temporal, create_engine
from runtime.signals import stop_on_signals
from store.eventstore import EventStore
from workflows import search
from workflows.area import NovexAreaWorkflow
from workflows.escalation import EscalationWorkflow
from workflows.province import ProvinceWorkflow

WORKFLOWS: Sequence[type] = (ProvinceWorkflow, NovexAreaWorkflow, EscalationWorkflow)


def build_worker(
    client: Client,
    store: EventStore,
    task_queue: str,
    catalog: Catalog | None = None,
    *,
    email_enabled: bool = False,
    before_append: BeforeAppend | None = None,
    cached_workflows: int = 1000,
    workflow_tasks: int | None = None,
) -> Worker:
    """The worker with every workflow and activity, its dependencies wired in
    (``before_append``: a test's hook that holds or fails an append). ``cached_workflows``
    processes stay in memory between their tasks (others replay their history on their next
    task); ``workflow_tasks`` bounds the workflow tasks run at once (None: the SDK's default)."""
    events = EventActivities(
        store, catalog or load_catalog(), email_enabled=email_enabled, before_append=before_append
    )
    return Worker(
        client,
        task_queue=task_queue,
        workflows=list(WORKFLOWS),
        activities=[events.append_events, events.load_process, events.milestones_reached],
        max_cached_workflows=cached_workflows,
        max_concurrent_workflow_tasks=workflow_tasks,
    )


async def main() -> None:
    """Run a worker against configured services (NOVEX_DATABASE_URL, NOVEX_TEMPORAL_ADDRESS)
    until SIGINT or SIGTERM."""
    settings = Settings()
    configure_logging(settings.log_format, settings.log_level)
    if not settings.database_url:
        raise SystemExit("NOVEX_DATABASE_URL is not set; use `novex up` for the embedded stack")
    engine = create_engine(settings.database_url)
    store = EventStore(engine)
    client = await connect_temporal(settings, metrics=True)
    await search.ensure_registered(client, settings.namespace)
    stop = stop_on_signals()
    try:
        catalog = load_catalog(settings.catalog)
        email = settings.smtp_host is not None
        async with build_worker(
            client,
            store,
            settings.task_queue,
            catalog,
            email_enabled=email,
            cached_workflows=settings.worker_cached_workflows,
            workflow_tasks=settings.worker_workflow_tasks,
        ):
            await stop.wait()  # then a graceful shutdown: running tasks finish
    finally:
        await store.close()
        await engine.dispose()


if __name__ == "__main__":
    asyncio.run(main())
