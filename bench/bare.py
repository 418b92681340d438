"""The baseline for the journey benchmark: bare Temporal updates, each running a no-op activity."""

from __future__ import annotations

from datetime import timedelta

from temporalio import activity, workflow


@activity.defn(name="bare_step")
async def bare_step(step: str) -> str:
    """Does nothing: the cost of an activity round trip alone."""
    return step


@workflow.defn(name="BareJourney")
class BareJourney:
    """Accepts updates until told to finish; each update runs one activity."""

    def __init__(self) -> None:
        self.steps = 0
        self.done = False

    @workflow.run
    async def run(self, name: str) -> int:
        await workflow.execute_activity(
            bare_step, name, start_to_close_timeout=timedelta(seconds=30)
        )
        await workflow.wait_condition(lambda: self.done)
        await workflow.wait_condition(workflow.all_handlers_finished)
        return self.steps

    @workflow.update
    async def step(self, name: str) -> int:
        await workflow.execute_activity(
            bare_step, name, start_to_close_timeout=timedelta(seconds=30)
        )
        self.steps += 1
        return self.steps

    @workflow.query
    def started(self) -> bool:
        return True

    @workflow.signal
    def finish(self) -> None:
        self.done = True
