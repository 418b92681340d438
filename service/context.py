"""What every edge runs on: database, event store, Temporal client, catalog and settings."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.client import Client

from config.catalog_file import load_catalog
from config.settings import Settings
from domain.catalog.model import Catalog
from store.eventstore import EventStore
from worker import connect_temporal, create_engine
from workflows.ids import area_workflow_id, province_workflow_id


class NotConnected(Exception):
    """The edge was started without a Temporal client, and a command needs one."""


@dataclass
class Services:
    """Dependencies of the CLI, the API and the dashboard, wired by ``novex up`` (or a test)."""

    engine: AsyncEngine
    client: Client | None
    catalog: Catalog
    settings: Settings
    label: str | None = None
    store: EventStore = field(init=False)

    def __post_init__(self) -> None:
        self.store = EventStore(self.engine)

    async def close(self) -> None:
        """Close the store's own pool (the engine and client belong to the caller)."""
        await self.store.close()

    @property
    def temporal(self) -> Client:
        """The Temporal client; commands need it."""
        if self.client is None:
            raise NotConnected("Temporal is not connected")
        return self.client

    def province_stream(self, code: str) -> str:
        return province_workflow_id(self.catalog.province(code).code, self.label)

    def area_stream(self, key: str) -> str:
        return area_workflow_id(self.catalog.area(key).id, self.label)


@contextlib.asynccontextmanager
async def open_services(
    settings: Settings, database_url: str, *, temporal: bool = False
) -> AsyncIterator[Services]:
    """Services on a database of their own (and, if asked, a Temporal client), closed on exit."""
    engine = create_engine(database_url)
    try:
        client = await connect_temporal(settings) if temporal else None
        services = Services(
            engine, client, load_catalog(settings.catalog), settings, settings.label
        )
        try:
            yield services
        finally:
            await services.close()
    finally:
        await engine.dispose()
