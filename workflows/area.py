"""NovexAreaWorkflow: one NOVEX area's perspective, agenda and agreements; it delivers the
adopted perspective to the journey of every province the area spans."""

from __future__ import annotations

from typing import Any

from temporalio import workflow
from temporalio.exceptions import ApplicationError

with workflow.unsafe.imports_passed_through():
    from domain.area import commands as ac
    from domain.area.rules import decide, start
    from domain.area.state import AreaProcess, evolve
    from domain.area.summary import summarize_area
    from domain.province.commands import DeliverPerspective
    from domain.shared.deadlines import deadline_alarm
    from domain.shared.ids import StreamId
    from workflows.base import SYSTEM_ACTOR, ProcessRules
    from workflows.escalating import EscalatingWorkflow
    from workflows.messages import AreaCommandRequest, AreaInput, CommandResult

DELIVERIES_RETRIED = "deliveries-retried"
"""An undelivered perspective is tried again with backoff (and the area is stuck if it keeps
failing), instead of at the area's next wake-up only."""

RULES = ProcessRules(
    state=AreaProcess,
    load=AreaProcess.model_validate,
    start=start,
    decide=decide,
    evolve=evolve,
    summarize=summarize_area,
    alarm=deadline_alarm,
)


@workflow.defn(name="NovexArea")
class NovexAreaWorkflow(EscalatingWorkflow[AreaProcess]):
    """Ontwikkelperspectief, uitvoeringsagenda, investeringsagenda, uitvoeringsafspraken."""

    @workflow.init
    def __init__(self, request: AreaInput) -> None:
        super().__init__(RULES, request)

    async def announce(self) -> None:
        """Deliver an adopted perspective to every province the area spans, once each."""
        state = self.state
        if state.adopted_version is None:
            return
        current = state.current
        assert current is not None
        undelivered: list[str] = []
        for code in state.provinces:
            if code in state.delivered_to:
                continue
            province_id = str(StreamId.province(code, state.label))
            handle = workflow.get_external_workflow_handle(province_id)
            try:
                await handle.signal(
                    "perspective_delivered",
                    DeliverPerspective(
                        actor=f"area:{state.area}",
                        area=state.area,
                        document_ref=current.document_ref,
                    ),
                )
            except Exception as exc:  # the province journey is not running (yet)
                workflow.logger.warning("perspective not delivered to %s: %s", code, exc)
                undelivered.append(f"{province_id} ({exc})")
                continue
            await self.execute(ac.ConfirmDelivery(actor=SYSTEM_ACTOR, province=code), quiet=True)
        if undelivered and workflow.patched(DELIVERIES_RETRIED):
            raise ApplicationError(
                f"ontwikkelperspectief niet afgeleverd aan {', '.join(undelivered)}",
                type="NotDelivered",
            )

    @workflow.run
    async def run(self, request: AreaInput) -> dict[str, Any]:
        return await self.run_process(request)

    @workflow.update(name="command")
    async def command(self, request: AreaCommandRequest) -> CommandResult:
        return await self.take(request.command, request)

    @command.validator
    def validate_command(self, request: AreaCommandRequest) -> None:
        self.validate(request.command, request)

    @workflow.signal(name="external_reached")
    def external_reached(self, command: ac.CompleteExternal) -> None:
        """A province adopted its voorstel (or another milestone was reached). A province tells
        every area it lies in; one whose agenda does not depend on the milestone lets it pass."""
        if command.ref not in self.state.externals:
            workflow.logger.debug("%s: no agenda action depends on %s", self.stream_id, command.ref)
            return
        self._inbox.append(command)
