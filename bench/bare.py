"""The baseline of the benchmarks: bare Temporal updates, each running a no-op activity; a bare
worker in a process of its own."""

from __future__ import annotations

import asyncio
import signal
import sys
from datetime import timedelta

from temporalio import activity, workflow
from temporalio.client import Client
from temporalio.runtime import PrometheusConfig, Runtime, TelemetryConfig
from temporalio.worker import Worker


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


async def serve(address: str, queue: str, metrics_port: int, cached_workflows: int) -> None:
    """A bare worker in a process of its own until SIGTERM (the baseline of a novex worker)."""
    runtime = Runtime(
        telemetry=TelemetryConfig(
            metrics=PrometheusConfig(bind_address=f"127.0.0.1:{metrics_port}")
        )
    )
    client = await Client.connect(address, runtime=runtime)
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    async with Worker(
        client,
        task_queue=queue,
        workflows=[BareJourney],
        activities=[bare_step],
        max_cached_workflows=cached_workflows,
    ):
        await stop.wait()


if __name__ == "__main__":  # python -m bench.bare ADDRESS QUEUE METRICS_PORT CACHED_WORKFLOWS
    asyncio.run(serve(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])))
