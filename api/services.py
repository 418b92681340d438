"""What the HTTP API and dashboard run on: database, Temporal client, catalog, settings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.client import Client

from config.settings import Settings
from domain.area.events import parse_area_event
from domain.catalog.model import Catalog
from domain.escalation.events import parse_escalation_event
from domain.province.events import parse_province_event
from domain.shared.events import Event
from domain.views.timeline import timeline
from store.eventstore import EventStore
from store.projections import split_stream_id
from store.status import status_as_of, status_now, status_of
from workflows.ids import area_workflow_id, province_workflow_id

PARSERS = {
    "province": parse_province_event,
    "area": parse_area_event,
    "escalation": parse_escalation_event,
}


@dataclass
class Services:
    """Dependencies of the API, wired by ``novex up`` (or a test)."""

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

    async def status(
        self, as_of: datetime | None = None, stream_id: str | None = None
    ) -> list[dict[str, Any]]:
        if as_of is None:
            return await status_now(self.engine, self.label)
        when = as_of if as_of.tzinfo else as_of.replace(tzinfo=UTC)
        return await status_as_of(self.engine, when, self.label, stream_id)

    def province_stream(self, code: str) -> str:
        return province_workflow_id(self.catalog.province(code).code, self.label)

    def area_stream(self, key: str) -> str:
        return area_workflow_id(self.catalog.area(key).id, self.label)

    async def events(
        self, stream_id: str, until: datetime | None = None
    ) -> list[tuple[Any, Event]]:
        """A stream's stored events with their domain form (optionally up to an instant)."""
        parse = PARSERS[split_stream_id(stream_id)[0]]
        stored = await self.store.read_stream(stream_id)
        return [(s, parse(s.data)) for s in stored if until is None or s.recorded_at <= until]

    async def detail(self, stream_id: str, as_of: datetime | None = None) -> dict[str, Any] | None:
        """Status row, timeline (planned against actual) and history of one process."""
        if as_of is None:
            row = await status_of(self.store, stream_id)
        else:
            row = next(iter(await self.status(as_of, stream_id)), None)
        if row is None:
            return None
        pairs = await self.events(stream_id, as_of)
        now = as_of or datetime.now(UTC)
        return {
            **row,
            "timeline": timeline([e for _, e in pairs], now),
            "history": [
                {
                    "version": s.version,
                    "recorded_at": s.recorded_at,
                    "type": s.type,
                    "actor": s.metadata.get("actor"),
                }
                for s, _ in pairs
            ],
        }
