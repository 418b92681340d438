"""Alert events of the notification system, appended through the event store like any stream."""

from __future__ import annotations

from collections.abc import Sequence

from domain.shared.alerts import ALERT_STREAM
from domain.shared.events import Event
from store.eventstore import EventMetadata, EventStore, NewEvent


async def append_alerts(
    store: EventStore, alerts: Sequence[Event], actor: str, metadata: EventMetadata | None = None
) -> None:
    """Record alert events at the end of the alert stream (no expected version)."""
    events = [
        NewEvent(
            event_id=alert.event_id,
            type=alert.type,
            data=alert.model_dump(mode="json"),
            schema_version=alert.schema_version,
        )
        for alert in alerts
    ]
    await store.append(ALERT_STREAM, None, events, metadata or EventMetadata(actor=actor))
