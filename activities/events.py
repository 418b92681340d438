"""Event store activities: append a workflow's events idempotently by event id; fold a process's
state from the store; tell an area which milestones it waits for were reached."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from uuid import UUID

import structlog
from temporalio import activity
from temporalio.exceptions import ApplicationError

from activities.milestones import reached_milestone
from activities.outbox import outbox_rows
from domain.catalog.model import Catalog
from domain.shared.ids import StreamId
from store.eventstore import (
    DuplicateEventId,
    EventMetadata,
    EventStore,
    NewEvent,
    WrongExpectedVersion,
)
from store.recovery import fold_stream, unstarted_escalations
from workflows.messages import (
    AppendRequest,
    AppendResponse,
    ChildEscalation,
    LoadedProcess,
    LoadRequest,
    MilestonesReached,
    MilestonesRequest,
)

BeforeAppend = Callable[[AppendRequest], Awaitable[None]]

log = structlog.get_logger(__name__)


class EventActivities:
    """Activities over one event store; ``worker.py`` gives them the store and the catalog."""

    def __init__(
        self,
        store: EventStore,
        catalog: Catalog,
        *,
        email_enabled: bool = False,
        before_append: BeforeAppend | None = None,
    ) -> None:
        self.store = store
        self.catalog = catalog
        self.email_enabled = email_enabled
        self.before_append = before_append
        """A test's hook, awaited before every append: it may hold or fail one."""

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
        if self.before_append is not None:
            await self.before_append(request)
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

    @activity.defn(name="load_process")
    async def load_process(self, request: LoadRequest) -> LoadedProcess:
        folded = await fold_stream(self.store, request.stream_id)
        if folded.state is None:
            return LoadedProcess(version=0)
        unstarted = [
            ChildEscalation(
                number=number,
                actor=event.actor,
                subject=event.subject,
                reason=event.reason,
                friction_id=event.friction_id,
            )
            for number, event in await unstarted_escalations(self.store, folded)
        ]
        log.info("process folded from the store", stream=request.stream_id, version=folded.version)
        return LoadedProcess(
            version=folded.version, state=folded.state.model_dump(mode="json"), unstarted=unstarted
        )

    @activity.defn(name="milestones_reached")
    async def milestones_reached(self, request: MilestonesRequest) -> MilestonesReached:
        label = StreamId.parse(request.stream_id).label
        answers = [
            await reached_milestone(self.store, self.catalog, ref, label) for ref in request.refs
        ]
        reached = [a for a in answers if a is not None]
        log.info(
            "external milestones asked",
            stream=request.stream_id,
            asked=request.refs,
            reached=[a.ref for a in reached],
        )
        return MilestonesReached(reached=reached)
