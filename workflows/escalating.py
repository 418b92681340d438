"""What province and area add: an escalation climbs its ladder in a child workflow, then signals."""

from __future__ import annotations

from typing import Any, TypeVar

from temporalio import workflow
from temporalio.exceptions import FailureError, WorkflowAlreadyStartedError
from temporalio.workflow import ParentClosePolicy

with workflow.unsafe.imports_passed_through():
    from domain.escalation.commands import StartEscalation
    from domain.shared import commands as cmd
    from domain.shared.events import EscalationRequested, Event
    from domain.shared.models import FrictionStatus
    from domain.shared.state import ProcessState
    from workflows.base import ProcessRules, ProcessWorkflow
    from workflows.escalation import EscalationWorkflow
    from workflows.messages import ChildEscalation, EscalationInput, LoadedProcess, ProcessInput
    from workflows.resilience import HISTORY_ESCALATIONS_PATCH, OWE_CHILD_PATCH, SETTLE_PATCH

P = TypeVar("P", bound=ProcessState)

ESCALATION_CHILDREN = "escalation-children"
"""The patch of 0.1 that hands escalation requests to child workflows; deprecated after 0.1 (no
open run had recorded a request without it). Remove the call once no open run holds its
undeprecated marker: the patch lifecycle in the README, tests/workflows/test_patch_lifecycle.py."""


class EscalatingWorkflow(ProcessWorkflow[P]):
    """Base of the province and area workflows (not a workflow itself)."""

    def __init__(self, rules: ProcessRules[P], request: ProcessInput[Any, P]) -> None:
        super().__init__(rules, request)
        self._owed: list[ChildEscalation] = []
        """Escalations recorded whose child workflow did not start yet."""

    def take_over(self, request: ProcessInput[Any, P]) -> None:
        super().take_over(request)
        self._owed = list(request.children)

    def carried_input(self, request: ProcessInput[Any, P]) -> ProcessInput[Any, P]:
        carried = super().carried_input(request)
        return carried.model_copy(update={"children": list(self._owed)})

    def caught_up(self, loaded: LoadedProcess) -> None:
        """Escalations the store holds a request for but whose child never recorded anything."""
        known = {c.number for c in self._owed}
        self._owed += [c for c in loaded.unstarted if c.number not in known]

    async def recorded(self, event: Event) -> None:
        if isinstance(event, EscalationRequested):
            workflow.deprecate_patch(ESCALATION_CHILDREN)
            if event.decided_at is not None and workflow.patched(HISTORY_ESCALATIONS_PATCH):
                self._owed.append(self._child(event))  # once the history it is in is recorded
                return
            await self.hand_over(event)

    def _child(self, event: EscalationRequested) -> ChildEscalation:
        """The child an escalation request just recorded asks for."""
        return ChildEscalation(
            number=self.state.escalations_requested,
            actor=event.actor,
            subject=event.subject,
            reason=event.reason,
            friction_id=event.friction_id,
        )

    async def hand_over(self, event: EscalationRequested) -> None:
        """Hand a recorded escalation request to a child workflow; one that cannot start
        now is owed (started by ``follow_up``)."""
        child = self._child(event)
        try:
            await self._start_escalation(child)
        except FailureError as exc:
            if not workflow.patched(OWE_CHILD_PATCH):
                raise
            workflow.logger.warning("escalation %d not started: %s", child.number, exc)
            self._owed.append(child)

    async def follow_up(self) -> None:
        """Start the escalations owed; one is owed until its child runs. One whose schuurpunt
        was decided meanwhile (a history that escalated and decided it) is not started: the
        history says how it ended."""
        while self._owed:
            child = self._owed[0]
            if self._settled(child) and workflow.patched(HISTORY_ESCALATIONS_PATCH):
                workflow.logger.info(
                    "escalation %d not started: schuurpunt %s was decided",
                    child.number,
                    child.friction_id,
                )
            else:
                await self._start_escalation(child)
            self._owed.pop(0)

    def _settled(self, child: ChildEscalation) -> bool:
        """Whether the schuurpunt an escalation is for is no longer escalated (decided)."""
        friction = self.state.friction(child.friction_id) if child.friction_id else None
        return friction is not None and friction.status is not FrictionStatus.ESCALATED

    async def _start_escalation(self, child: ChildEscalation) -> None:
        """Hand the escalation to a child workflow that climbs the ladder; it outlives this
        run (continue-as-new) and signals its decision back to this workflow id."""
        ladder = self.state.escalation_ladder
        if not ladder:
            workflow.logger.warning(
                "no escalation ladder for %s; request recorded only", child.subject
            )
            return
        child_id = str(self.stream.escalation(child.number))
        try:
            await workflow.start_child_workflow(
                EscalationWorkflow.run,
                EscalationInput(
                    start=StartEscalation(
                        actor=child.actor,
                        parent_workflow_id=self.stream_id,
                        subject=child.subject,
                        reason=child.reason,
                        friction_id=child.friction_id,
                        target=None if child.friction_id else child.subject,
                        ladder=ladder,
                    )
                ),
                id=child_id,
                task_queue=workflow.info().task_queue,
                parent_close_policy=ParentClosePolicy.ABANDON,
            )
        except WorkflowAlreadyStartedError:
            workflow.logger.info("escalation %s runs already", child_id)

    @workflow.signal(name="escalation_decided")
    def escalation_decided(self, command: cmd.RecordEscalationDecision) -> None:
        """An escalation's decision comes back; the process records it and acts on it."""
        if workflow.patched(SETTLE_PATCH):
            command = command.model_copy(update={"settles_checkpoint": True})
        self._inbox.append(command)
