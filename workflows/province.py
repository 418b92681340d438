"""ProvinceWorkflow: one province's journey, thin over the domain rules; it owns time and order."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from temporalio import workflow
from temporalio.common import SearchAttributeUpdate
from temporalio.exceptions import ApplicationError

with workflow.unsafe.imports_passed_through():
    from domain.area.agenda import voorstel_ref
    from domain.area.commands import CompleteExternal
    from domain.province.commands import DeliverPerspective
    from domain.province.rules import decide, start
    from domain.province.state import ProvinceJourney, evolve
    from domain.province.summary import summarize_province
    from domain.shared import commands as cmd
    from domain.shared.events import Event
    from domain.shared.ids import StreamId
    from workflows import search
    from workflows.ids import area_workflow_id
    from workflows.messages import CommandRequest, CommandResult, ProvinceJourneyInput
    from workflows.process import ProcessWorkflow


@workflow.defn(name="ProvinceJourney")
class ProvinceWorkflow(ProcessWorkflow[ProvinceJourney]):
    """Startpakket → three ijkmomenten → voorstel → signed arrangement, then amendments."""

    def __init__(self) -> None:
        super().__init__(ProvinceJourney())
        self._voorstel_announced = False

    async def on_change(self) -> None:
        """Once the voorstel is adopted, tell the areas in the province: their agendas may
        depend on it (``province:<code>/voorstel``)."""
        state = self.state
        if self._voorstel_announced or not state.proposal.adopted:
            return
        self._voorstel_announced = True
        if not workflow.patched("announce-voorstel"):
            return
        label = StreamId.parse(self.stream_id).label
        adopted = state.proposal.adopted_at or workflow.now()
        for area in state.areas:
            handle = workflow.get_external_workflow_handle(area_workflow_id(area, label))
            try:
                await handle.signal(
                    "external_reached",
                    CompleteExternal(
                        actor=self.stream_id,
                        ref=voorstel_ref(state.province),
                        on=adopted.date(),
                    ),
                )
            except Exception as exc:  # the area's process is not running
                workflow.logger.warning("voorstel not announced to %s: %s", area, exc)

    def decide(self, command: cmd.Command, new_id: Callable[[], uuid.UUID]) -> list[Event]:
        return decide(self.state, command, now=workflow.now(), new_id=new_id)

    def evolve(self, event: Event) -> ProvinceJourney:
        return evolve(self.state, event)

    def search_attributes(self) -> list[SearchAttributeUpdate[Any]]:
        live = self.state.active_deadlines
        next_due = min((d.due for d in live if not d.overdue), default=None)
        return [
            search.PROVINCE.value_set(self.state.province),
            search.PHASE.value_set(self.state.phase.value),
            search.OVERDUE.value_set(any(d.overdue for d in live)),
            search.NEXT_DUE.value_set(next_due) if next_due else search.NEXT_DUE.value_unset(),
        ]

    @workflow.run
    async def run(self, request: ProvinceJourneyInput) -> dict[str, Any]:
        if request.carried is not None:
            self.state = request.carried
        elif request.start is not None:
            async with self._lock:
                events = start(self.state, request.start, now=workflow.now(), new_id=workflow.uuid4)
                await self.record(events, request.start.actor, "StartJourney")
        else:
            raise ApplicationError(
                "a journey needs start data or carried state", non_retryable=True
            )
        await self.serve(lambda state: ProvinceJourneyInput(carried=state))
        return summarize_province(self.state)  # pragma: no cover - serve() never returns

    @workflow.update(name="command")
    async def command(self, request: CommandRequest) -> CommandResult:
        events = await self.execute(request.command)
        return CommandResult(
            version=self.state.version,
            events=[e.type for e in events],
            status=summarize_province(self.state),
        )

    @command.validator
    def validate_command(self, request: CommandRequest) -> None:
        self.validate(request.command)

    @workflow.signal(name="perspective_delivered")
    def perspective_delivered(self, command: DeliverPerspective) -> None:
        """An area delivers its adopted perspective; refused ones are logged, not recorded."""
        self._inbox.append(command)

    @workflow.signal(name="escalation_decided")
    def escalation_decided(self, command: cmd.RecordEscalationDecision) -> None:
        """An escalation's decision comes back; the process records it and acts on it."""
        self._inbox.append(command)

    @workflow.query(name="status")
    def status(self) -> dict[str, Any]:
        return summarize_province(self.state)

    @workflow.query(name="state")
    def full_state(self) -> ProvinceJourney:
        return self.state
