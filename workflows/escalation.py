"""EscalationWorkflow: a child of a province or area workflow that climbs the ladder until a
level decides, then signals the decision back to its parent."""

from __future__ import annotations

from typing import Any

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from domain.escalation.rules import decide, next_alarm, start
    from domain.escalation.state import EscalationState, evolve
    from domain.escalation.summary import summarize_escalation
    from domain.shared import commands as cmd
    from workflows.base import SYSTEM_ACTOR, ProcessRules, ProcessWorkflow
    from workflows.messages import CommandResult, EscalationCommandRequest, EscalationInput

DECISION = "decision"
"""What ``announced`` holds once the decision was reported to the parent."""

RULES = ProcessRules(
    state=EscalationState,
    load=EscalationState.model_validate,
    start=start,
    decide=decide,
    evolve=evolve,
    summarize=summarize_escalation,
    alarm=next_alarm,
)


@workflow.defn(name="Escalation")
class EscalationWorkflow(ProcessWorkflow[EscalationState]):
    """Hoog-ambtelijk duo → bestuurlijke duo → BOL → RFL, as the catalog's ladder says."""

    @workflow.init
    def __init__(self, request: EscalationInput) -> None:
        super().__init__(RULES, request)

    def finished(self) -> bool:
        return DECISION in self.announced

    async def announce(self) -> None:
        """Once decided, the decision flows back to the parent, which acts on it."""
        state = self.state
        if state.decision is None or DECISION in self.announced:
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
        self.announced.add(DECISION)

    @workflow.run
    async def run(self, request: EscalationInput) -> dict[str, Any]:
        return await self.run_process(request)

    @workflow.update(name="command")
    async def command(self, request: EscalationCommandRequest) -> CommandResult:
        return await self.take(request.command, request)

    @command.validator
    def validate_command(self, request: EscalationCommandRequest) -> None:
        self.validate(request.command, request)
