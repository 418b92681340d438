"""NovexAreaWorkflow: one NOVEX area's perspective, agenda and agreements; it delivers the
adopted perspective to the journey of every province the area spans."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from temporalio import workflow
from temporalio.exceptions import ApplicationError

with workflow.unsafe.imports_passed_through():
    from domain.area import commands as ac
    from domain.area.rules import decide, start
    from domain.area.state import AreaProcess, evolve
    from domain.area.summary import summarize_area
    from domain.province.commands import DeliverPerspective
    from domain.shared import commands as cmd
    from domain.shared.events import Event
    from workflows.ids import province_workflow_id
    from workflows.messages import AreaCommandRequest, AreaInput, CommandResult
    from workflows.process import SYSTEM_ACTOR, ProcessWorkflow


@workflow.defn(name="NovexArea")
class NovexAreaWorkflow(ProcessWorkflow[AreaProcess]):
    """Ontwikkelperspectief, uitvoeringsagenda, investeringsagenda, uitvoeringsafspraken."""

    def __init__(self) -> None:
        super().__init__(AreaProcess())

    def decide(self, command: cmd.Command, new_id: Callable[[], uuid.UUID]) -> list[Event]:
        return decide(self.state, command, now=workflow.now(), new_id=new_id)

    def evolve(self, event: Event) -> AreaProcess:
        return evolve(self.state, event)

    async def on_change(self) -> None:
        """Deliver an adopted perspective to every province the area spans, once each."""
        state = self.state
        if state.adopted_version is None:
            return
        current = state.current
        assert current is not None
        for code in state.provinces:
            if code in state.delivered_to:
                continue
            handle = workflow.get_external_workflow_handle(province_workflow_id(code, state.label))
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
                continue
            await self.execute(ac.ConfirmDelivery(actor=SYSTEM_ACTOR, province=code), quiet=True)

    @workflow.signal(name="external_reached")
    def external_reached(self, command: ac.CompleteExternal) -> None:
        """A province adopted its voorstel (or another milestone was reached); refused ones
        (this agenda does not depend on it) are logged, not recorded."""
        self._inbox.append(command)

    @workflow.run
    async def run(self, request: AreaInput) -> dict[str, Any]:
        if request.carried is not None:
            self.state = request.carried
        elif request.start is not None:
            async with self._lock:
                events = start(self.state, request.start, now=workflow.now(), new_id=workflow.uuid4)
                await self.record(events, request.start.actor, "StartArea")
        else:
            raise ApplicationError("an area needs start data or carried state", non_retryable=True)
        await self.serve(lambda state: AreaInput(carried=state))
        return summarize_area(self.state)  # pragma: no cover - serve() never returns

    @workflow.update(name="command")
    async def command(self, request: AreaCommandRequest) -> CommandResult:
        events = await self.execute(request.command)
        return CommandResult(
            version=self.state.version,
            events=[e.type for e in events],
            status=summarize_area(self.state),
        )

    @command.validator
    def validate_command(self, request: AreaCommandRequest) -> None:
        self.validate(request.command)

    @workflow.signal(name="escalation_decided")
    def escalation_decided(self, command: cmd.RecordEscalationDecision) -> None:
        """An escalation's decision comes back; the process records it and acts on it."""
        self._inbox.append(command)

    @workflow.query(name="status")
    def status(self) -> dict[str, Any]:
        return summarize_area(self.state)

    @workflow.query(name="state")
    def full_state(self) -> AreaProcess:
        return self.state
