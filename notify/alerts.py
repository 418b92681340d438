"""Alert events of the notification system and the projector, appended through the event store
like any stream (a parked event's alert with its notifications to the coordinators)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

import structlog

from activities.outbox import outbox_rows
from domain.catalog.model import Catalog
from domain.shared.alerts import ALERT_STREAM, PROJECTOR_ALERT_STREAM, ProjectorEventParked
from domain.shared.events import Event
from domain.views.notifications import notifications_for
from store.eventstore import DuplicateEventId, EventMetadata, EventStore, NewEvent
from store.parking import Parked

log = structlog.get_logger(__name__)

PROJECTOR = "novex-projector"
_PARKED_IDS = uuid.UUID("0e7f2f4e-61a8-4c4b-b7a5-5b1f0d3c9a17")
"""Namespace of parked-event alert ids (uuid5 over the event id and its attempts)."""


def _new(alert: Event) -> NewEvent:
    return NewEvent(
        event_id=alert.event_id,
        type=alert.type,
        data=alert.model_dump(mode="json"),
        schema_version=alert.schema_version,
    )


async def append_alerts(
    store: EventStore, alerts: Sequence[Event], actor: str, metadata: EventMetadata | None = None
) -> None:
    """Record alert events at the end of the alert stream (no expected version)."""
    await store.append(
        ALERT_STREAM, None, [_new(a) for a in alerts], metadata or EventMetadata(actor=actor)
    )


class ParkingAlert:
    """Tells the coordinators that the projector parked an event: an alert event on
    ``alerts-projector`` whose notifications (domain.views.notifications) commit with it."""

    def __init__(self, store: EventStore, catalog: Catalog, *, email_enabled: bool) -> None:
        self.store = store
        self.catalog = catalog
        self.email_enabled = email_enabled

    async def __call__(self, parked: Sequence[Parked]) -> None:
        """One alert per event that failed (those waiting behind it are named by its stream);
        the same parking alerted twice (a failed commit, a rebuild) is recorded once."""
        for p in parked:
            if p.blocked_by is not None:
                continue
            alert = ProjectorEventParked(
                event_id=uuid.uuid5(_PARKED_IDS, f"{p.event_id}/{p.attempts}"),
                occurred_at=datetime.now(UTC),
                actor=PROJECTOR,
                projector=p.projector.split("~")[0],
                position=p.position,
                stream_id=p.stream_id,
                event_type=p.type,
                attempts=p.attempts,
                error=p.error,
            )
            rows = outbox_rows(
                notifications_for(PROJECTOR_ALERT_STREAM, alert),
                self.catalog,
                email_enabled=self.email_enabled,
            )
            try:
                await self.store.append(
                    PROJECTOR_ALERT_STREAM,
                    None,
                    [_new(alert)],
                    EventMetadata(actor=PROJECTOR),
                    notifications=rows,
                )
            except DuplicateEventId:  # an earlier try recorded this alert (at another instant)
                log.info("parked-event alert already recorded", event_id=str(alert.event_id))
            log.warning("event parked", position=p.position, stream=p.stream_id, error=p.error)
