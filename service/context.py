"""What every edge runs on: database, event store, Temporal client, catalog and settings."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.client import Client

from config.settings import Settings
from domain.catalog.model import Catalog
from store.eventstore import EventStore
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
