"""The province journey at each stage of one patch's lifecycle ("escalation-children": an
escalation request handed to a child workflow), as separate workflow classes of the same type:
before the patch, patched, deprecated (today's code) and removed."""

from __future__ import annotations

from typing import Any

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from domain.shared.events import EscalationRequested, Event
    from workflows.escalating import ESCALATION_CHILDREN
    from workflows.messages import ProvinceJourneyInput
    from workflows.province import ProvinceWorkflow


@workflow.defn(name="ProvinceJourney")
class BeforeThePatch(ProvinceWorkflow):
    """The old code: an escalation request is only recorded."""

    @workflow.run
    async def run(self, request: ProvinceJourneyInput) -> dict[str, Any]:
        return await self.run_process(request)

    async def recorded(self, event: Event) -> None:
        return None


@workflow.defn(name="ProvinceJourney")
class Patched(ProvinceWorkflow):
    """Step 1: new runs hand requests to a child; replayed runs from before keep the old path."""

    @workflow.run
    async def run(self, request: ProvinceJourneyInput) -> dict[str, Any]:
        return await self.run_process(request)

    async def recorded(self, event: Event) -> None:
        if isinstance(event, EscalationRequested) and workflow.patched(ESCALATION_CHILDREN):
            await self.hand_over(event)


Deprecated = ProvinceWorkflow
"""Step 2, today's code: always the new path, still marking it (``deprecate_patch``)."""


@workflow.defn(name="ProvinceJourney")
class Removed(ProvinceWorkflow):
    """Step 3: the new path without any patch call."""

    @workflow.run
    async def run(self, request: ProvinceJourneyInput) -> dict[str, Any]:
        return await self.run_process(request)

    async def recorded(self, event: Event) -> None:
        if isinstance(event, EscalationRequested):
            await self.hand_over(event)


STAGES: dict[str, type] = {
    "before": BeforeThePatch,
    "patched": Patched,
    "deprecated": Deprecated,
    "removed": Removed,
}
