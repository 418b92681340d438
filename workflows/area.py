"""NovexAreaWorkflow: one NOVEX area's perspective, agenda and agreements; it delivers the
adopted perspective to the journey of every province the area spans."""

from __future__ import annotations

import functools
from datetime import timedelta
from typing import Any

from temporalio import workflow
from temporalio.exceptions import ApplicationError

with workflow.unsafe.imports_passed_through():
    from domain.area import commands as ac
    from domain.area.late_milestones import LEARNED_LATE, TOLD_LATE, learned_milestone
    from domain.area.rules import decide, start
    from domain.area.state import AreaProcess, evolve
    from domain.area.summary import summarize_area
    from domain.province.commands import DeliverPerspective
    from domain.shared.commands import Command
    from domain.shared.deadlines import deadline_alarm
    from domain.shared.events import Event
    from domain.shared.ids import StreamId
    from workflows.base import SYSTEM_ACTOR, ProcessRules
    from workflows.contracts import milestones_reached
    from workflows.escalating import EscalatingWorkflow
    from workflows.messages import (
        AreaCommandRequest,
        AreaInput,
        CommandResult,
        MilestonesRequest,
        ReachedMilestone,
    )
    from workflows.resilience import LOAD_RETRY

DELIVERIES_RETRIED = "deliveries-retried"
"""An undelivered perspective is tried again with backoff (and the area is stuck if it keeps
failing), instead of at the area's next wake-up only."""
MILESTONES_LEARNED = "milestones-learned-from-the-store"
"""An area asks the store for the external milestones its agenda waits for (when it starts,
continues or recovers, and when its agenda gains one): one reached while the area was not
listening (the province's message went by) is recorded on the day it was reached."""
MILESTONES_TOLD_DATED = "milestones-told-dated-as-learned"
"""A milestone told by the province's message is recorded on the day it was reached, as one
learned from the store (a correction with its reason when the area recorded later things
since), not as taking effect today."""

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
        self._asked: set[str] = set()
        """The external milestones this run asked the store about already."""

    async def learn(self) -> None:
        """Ask the store whether the external milestones the agenda waits for and this run did
        not ask about yet were reached; record each reached one on the day it was reached."""
        refs = sorted(
            ref for ref, m in self.state.externals.items() if not m.done and ref not in self._asked
        )
        if not refs or not workflow.patched(MILESTONES_LEARNED):
            return
        answer = await workflow.execute_activity(
            milestones_reached,
            MilestonesRequest(stream_id=self.stream_id, refs=refs),
            start_to_close_timeout=timedelta(seconds=60),
            retry_policy=LOAD_RETRY,
        )
        for reached in answer.reached:
            told = ac.CompleteExternal(actor=reached.by, ref=reached.ref, on=reached.on)
            await self.decided(functools.partial(self._learned, reached), told)
        self._asked.update(refs)

    async def receive(self, message: Command) -> None:
        """A milestone told by message is dated as one learned from the store."""
        if isinstance(message, ac.CompleteExternal) and workflow.patched(MILESTONES_TOLD_DATED):
            told = ReachedMilestone(ref=message.ref, on=message.on, by=message.actor)
            await self.decided(functools.partial(self._learned, told, TOLD_LATE), message)
            return
        await super().receive(message)

    def _learned(self, reached: ReachedMilestone, reason: str = LEARNED_LATE) -> list[Event]:
        """The events of a milestone learned late or told, decided on the state under the lock
        (the other way may have recorded it meanwhile: then none)."""
        now = workflow.now()
        command = learned_milestone(
            self.state, reached.ref, reached.on, reached.by, now=now, reason=reason
        )
        if command is None:
            return []
        return self.rules.decide(self.state, command, now=now, new_id=workflow.uuid4)

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
