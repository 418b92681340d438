"""Event store activities: append a workflow's events, idempotently by event id."""

from __future__ import annotations

from uuid import UUID

import structlog
from temporalio import activity
from temporalio.exceptions import ApplicationError

from activities.outbox import outbox_rows
from domain.catalog.model import Catalog
from store.eventstore import (
    DuplicateEventId,
    EventMetadata,
    EventStore,
    NewEvent,
    WrongExpectedVersion,
)
from workflows.messages import AppendRequest, AppendResponse

log = structlog.get_logger(__name__)


class EventActivities:
    """Activities over one event store; ``worker.py`` gives them the store and the catalog."""

    def __init__(self, store: EventStore, catalog: Catalog, *, email_enabled: bool = False) -> None:
        self.store = store
        self.catalog = catalog
        self.email_enabled = email_enabled

    @activity.defn(name="append_events")
    async def append_events(self, request: AppendRequest) -> AppendResponse:
        info = activity.info()
        bound = log.bind(
            workflow_id=info.workflow_id,
            run_id=info.workflow_run_id,
            activity=info.activity_type,
            stream=request.stream_id,
            actor=request.actor,
        )
        events = [
            NewEvent(
                event_id=UUID(str(e["event_id"])),
                type=str(e["type"]),
                data=e,
                schema_version=int(e.get("schema_version", 1)),
            )
            for e in request.events
        ]
        metadata = EventMetadata(
            actor=request.actor,
            correlation_id=request.correlation_id,
            causation_id=request.causation_id,
            workflow_id=info.workflow_id,
            run_id=info.workflow_run_id,
            idempotency_key=request.idempotency_key,
            fingerprint=request.fingerprint,
        )
        try:
            rows = outbox_rows(
                request.notifications, self.catalog, email_enabled=self.email_enabled
            )
            result = await self.store.append(
                request.stream_id,
                request.expected_version,
                events,
                metadata,
                notifications=rows,
            )
        except (WrongExpectedVersion, DuplicateEventId) as exc:
            bound.error("append refused", error=str(exc))
            raise ApplicationError(str(exc), type=type(exc).__name__, non_retryable=True) from exc
        bound.info(
            "events appended",
            count=len(events),
            version=result.last_version,
            notifications=len(rows),
        )
        return AppendResponse(positions=list(result.positions), last_version=result.last_version)
