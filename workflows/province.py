"""ProvinceWorkflow: one province's journey, thin over the domain rules; it owns time and order."""

from __future__ import annotations

from typing import Any

from temporalio import workflow
from temporalio.common import SearchAttributeUpdate
from temporalio.exceptions import ApplicationError

with workflow.unsafe.imports_passed_through():
    from domain.area.agenda import voorstel_ref
    from domain.area.commands import CompleteExternal
    from domain.province.commands import DeliverPerspective
    from domain.province.events import AmendmentStarted
    from domain.province.rules import decide, start
    from domain.province.state import ProvinceJourney, evolve
    from domain.province.summary import summarize_province
    from domain.shared.deadlines import deadline_alarm
    from domain.shared.effective import day_of
    from domain.shared.events import Event
    from domain.shared.ids import StreamId
    from workflows import search
    from workflows.base import ProcessRules
    from workflows.escalating import EscalatingWorkflow
    from workflows.messages import CommandRequest, CommandResult, ProvinceJourneyInput

NOT_RUNNING = "ExternalWorkflowExecutionNotFound"
"""How a message to a process that is not running fails."""
VOORSTEL = "voorstel"
"""What ``announced`` holds once the areas were told of the adopted voorstel."""
VOORSTEL_DUTCH_DAY = "voorstel-announced-on-its-dutch-day"
"""The areas are told the day the voorstel was adopted in Dutch time (as the store answers
them), not the UTC date of the moment."""

RULES = ProcessRules(
    state=ProvinceJourney,
    load=ProvinceJourney.model_validate,
    start=start,
    decide=decide,
    evolve=evolve,
    summarize=summarize_province,
    alarm=deadline_alarm,
)


def not_running(exc: BaseException) -> bool:
    """Whether a message failed because its addressee is not running (not started, ended)."""
    return isinstance(exc, ApplicationError) and exc.type == NOT_RUNNING


@workflow.defn(name="ProvinceJourney")
class ProvinceWorkflow(EscalatingWorkflow[ProvinceJourney]):
    """Startpakket → three ijkmomenten → voorstel → signed arrangement, then amendments."""

    @workflow.init
    def __init__(self, request: ProvinceJourneyInput) -> None:
        super().__init__(RULES, request)

    def continue_as_new_after(self, event: Event) -> bool:
        """An amendment opens a new round in a fresh history."""
        return isinstance(event, AmendmentStarted)

    def signatories(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.state.signatories)

    def search_attributes(self) -> list[SearchAttributeUpdate[Any]]:
        live = self.state.active_deadlines
        next_due = min((d.due for d in live if not d.overdue), default=None)
        return [
            search.PROVINCE.value_set(self.state.province),
            search.PHASE.value_set(self.state.phase.value),
            search.OVERDUE.value_set(any(d.overdue for d in live)),
            search.NEXT_DUE.value_set(next_due) if next_due else search.NEXT_DUE.value_unset(),
        ]

    async def announce(self) -> None:
        """Once the voorstel is adopted, tell the areas in the province: their agendas may
        depend on it (``province:<code>/voorstel``). The fast path: an area that is not running
        learns it from the store when it runs."""
        state = self.state
        if VOORSTEL in self.announced or not state.proposal.adopted:
            return
        self.announced.add(VOORSTEL)
        if not workflow.patched("announce-voorstel"):
            return
        adopted = state.proposal.adopted_at or workflow.now()
        on = day_of(adopted) if workflow.patched(VOORSTEL_DUTCH_DAY) else adopted.date()
        for area in state.areas:
            area_id = str(StreamId.area(area, self.stream.label))
            handle = workflow.get_external_workflow_handle(area_id)
            try:
                await handle.signal(
                    "external_reached",
                    CompleteExternal(
                        actor=self.stream_id,
                        ref=voorstel_ref(state.province),
                        on=on,
                    ),
                )
            except Exception as exc:  # the area's process is not running
                # it asks the store when it runs (NovexAreaWorkflow.learn): no loss
                log = workflow.logger.info if not_running(exc) else workflow.logger.warning
                log("voorstel not announced to %s: %s", area, exc)

    @workflow.run
    async def run(self, request: ProvinceJourneyInput) -> dict[str, Any]:
        return await self.run_process(request)

    @workflow.update(name="command")
    async def command(self, request: CommandRequest) -> CommandResult:
        return await self.take(request.command, request)

    @command.validator
    def validate_command(self, request: CommandRequest) -> None:
        self.validate(request.command, request)

    @workflow.signal(name="perspective_delivered")
    def perspective_delivered(self, command: DeliverPerspective) -> None:
        """An area delivers its adopted perspective; refused ones are logged, not recorded."""
        self._inbox.append(command)
