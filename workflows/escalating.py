"""What province and area add: an escalation climbs its ladder in a child workflow, then signals."""

from __future__ import annotations

from typing import TypeVar

from temporalio import workflow
from temporalio.workflow import ParentClosePolicy

with workflow.unsafe.imports_passed_through():
    from domain.escalation.commands import StartEscalation
    from domain.shared import commands as cmd
    from domain.shared.events import EscalationRequested, Event
    from domain.shared.state import ProcessState
    from workflows.base import ProcessWorkflow
    from workflows.escalation import EscalationWorkflow
    from workflows.messages import EscalationInput

P = TypeVar("P", bound=ProcessState)


class EscalatingWorkflow(ProcessWorkflow[P]):
    """Base of the province and area workflows (not a workflow itself)."""

    async def recorded(self, event: Event) -> None:
        if isinstance(event, EscalationRequested) and workflow.patched("escalation-children"):
            await self._start_escalation(event)

    async def _start_escalation(self, event: EscalationRequested) -> None:
        """Hand the escalation to a child workflow that climbs the ladder; it outlives this
        run (continue-as-new) and signals its decision back to this workflow id."""
        ladder = self.state.escalation_ladder
        if not ladder:
            workflow.logger.warning(
                "no escalation ladder for %s; request recorded only", event.subject
            )
            return
        await workflow.start_child_workflow(
            EscalationWorkflow.run,
            EscalationInput(
                start=StartEscalation(
                    actor=event.actor,
                    parent_workflow_id=self.stream_id,
                    subject=event.subject,
                    reason=event.reason,
                    friction_id=event.friction_id,
                    target=None if event.friction_id else event.subject,
                    ladder=ladder,
                )
            ),
            id=str(self.stream.escalation(self.state.escalations_requested)),
            task_queue=workflow.info().task_queue,
            parent_close_policy=ParentClosePolicy.ABANDON,
        )

    @workflow.signal(name="escalation_decided")
    def escalation_decided(self, command: cmd.RecordEscalationDecision) -> None:
        """An escalation's decision comes back; the process records it and acts on it."""
        self._inbox.append(command)
