"""EscalationWorkflow: a child of a province or area workflow that climbs the ladder until a
level decides, then signals the decision back to its parent."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from temporalio import workflow
from temporalio.exceptions import ApplicationError

with workflow.unsafe.imports_passed_through():
    from domain.escalation.rules import decide, next_alarm, start, summarize_escalation
    from domain.escalation.state import EscalationState, evolve
    from domain.shared import commands as cmd
    from domain.shared.events import Event
    from workflows.messages import CommandResult, EscalationCommandRequest, EscalationInput
    from workflows.process import SYSTEM_ACTOR, ProcessWorkflow


@workflow.defn(name="Escalation")
class EscalationWorkflow(ProcessWorkflow[EscalationState]):
    """Hoog-ambtelijk duo → bestuurlijke duo → BOL → RFL, as the catalog's ladder says."""

    def __init__(self) -> None:
        super().__init__(EscalationState())
        self._reported = False

    def decide(self, command: cmd.Command, new_id: Callable[[], uuid.UUID]) -> list[Event]:
        return decide(self.state, command, now=workflow.now(), new_id=new_id)

    def evolve(self, event: Event) -> EscalationState:
        return evolve(self.state, event)

    def alarm(self) -> tuple[datetime, cmd.Command] | None:
        return next_alarm(self.state)

    def finished(self) -> bool:
        return self._reported

    async def on_change(self) -> None:
        """Once decided, the decision flows back to the parent, which acts on it."""
        state = self.state
        if state.decision is None or self._reported:
            return
        parent = workflow.get_external_workflow_handle(state.parent_workflow_id)
        await parent.signal(
            "escalation_decided",
            cmd.RecordEscalationDecision(
                actor=SYSTEM_ACTOR,
                escalation_id=self.stream_id,
                subject=state.subject,
                decision=state.decision.text,
                decided_by=state.decided_by,
                level=state.level,
                friction_id=state.friction_id,
                target=state.target,
                new_due=state.decision.new_due,
            ),
        )
        self._reported = True

    @workflow.run
    async def run(self, request: EscalationInput) -> dict[str, Any]:
        if request.carried is not None:
            self.state = request.carried
        elif request.start is not None:
            async with self._lock:
                events = start(self.state, request.start, now=workflow.now(), new_id=workflow.uuid4)
                await self.record(events, request.start.actor, "StartEscalation")
        else:
            raise ApplicationError("an escalation needs start data", non_retryable=True)
        await self.serve(lambda state: EscalationInput(carried=state))
        return summarize_escalation(self.state)

    @workflow.update(name="command")
    async def command(self, request: EscalationCommandRequest) -> CommandResult:
        events = await self.execute(request.command)
        return CommandResult(
            version=self.state.version,
            events=[e.type for e in events],
            status=summarize_escalation(self.state),
        )

    @command.validator
    def validate_command(self, request: EscalationCommandRequest) -> None:
        self.validate(request.command)

    @workflow.query(name="status")
    def status(self) -> dict[str, Any]:
        return summarize_escalation(self.state)
