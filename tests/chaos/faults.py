"""The faults a run injects, on a schedule over the load: workers and the API killed with
SIGKILL, the Temporal dev server and PostgreSQL restarted, database connections cut, the webhook
receiver taken down."""

from __future__ import annotations

import asyncio
import contextlib
from collections import Counter
from dataclasses import dataclass, field

from tests.chaos.parts import Installation, wait_for_port
from tests.chaos.postgres import OwnPostgres
from tests.chaos.receiver import Receiver

WORKER_KILLED = "worker killed (SIGKILL)"
TEMPORAL_RESTARTED = "Temporal dev server restarted (SIGKILL, same file database)"
POSTGRES_RESTARTED = "PostgreSQL crashed (immediate stop), started again after its outage"
CONNECTIONS_CUT = "database connections cut (pg_terminate_backend)"
RECEIVER_DOWN = "webhook receiver down"
API_KILLED = "API killed (SIGKILL) with requests in flight"


@dataclass(frozen=True)
class Plan:
    """What to inject when: (seconds after the load began, kind)."""

    steps: tuple[tuple[float, str], ...]
    receiver_outage: float = 30.0
    postgres_outage: float = 30.0


@dataclass
class Injected:
    """What was injected: counts per kind, and a timeline for the report and failures."""

    counts: Counter[str] = field(default_factory=Counter)
    timeline: list[str] = field(default_factory=list)
    connections_cut: int = 0


@dataclass
class Injector:
    """Injects a plan's faults into one installation."""

    installation: Installation
    postgres: OwnPostgres
    receiver: Receiver
    injected: Injected = field(default_factory=Injected)
    _workers: int = 0
    _outages: list[asyncio.Task[None]] = field(default_factory=list)
    _postgres_down: asyncio.Task[None] | None = None

    async def run(self, plan: Plan) -> None:
        """Every step at its time (a step waits for the one before it to be done)."""
        loop = asyncio.get_running_loop()
        begin = loop.time()
        for at, kind in plan.steps:
            await asyncio.sleep(max(0.0, begin + at - loop.time()))
            await self.inject(kind, plan)
            self.injected.counts[kind] += 1
            self.injected.timeline.append(f"{loop.time() - begin:6.1f} s  {kind}")
        await asyncio.gather(*self._outages)

    async def inject(self, kind: str, plan: Plan) -> None:
        parts = self.installation.parts
        if kind == WORKER_KILLED:  # the two workers in turn
            self._workers += 1
            await parts["worker-a" if self._workers % 2 else "worker-b"].kill()
        elif kind == API_KILLED:
            await parts["api"].kill()
        elif kind == TEMPORAL_RESTARTED:
            await parts["temporal"].kill()  # its supervisor starts it again on the same file
            await wait_for_port(self.installation.temporal_port)
        elif kind == POSTGRES_RESTARTED:
            await asyncio.to_thread(self.postgres.crash)
            self._postgres_down = asyncio.create_task(self._postgres_back(plan.postgres_outage))
            self._outages.append(self._postgres_down)
        elif kind == CONNECTIONS_CUT:
            await self._cut()
        elif kind == RECEIVER_DOWN:
            await self.receiver.down()
            self._outages.append(asyncio.create_task(self._back_up(plan.receiver_outage)))
        else:
            raise ValueError(f"no such fault: {kind}")

    async def _cut(self) -> None:
        """Cut every connection once PostgreSQL is up — if the receiver is up, at a moment it
        works on a delivery (within 5 s): the dispatcher's transaction is open then, and the
        delivery is not recorded (at least once: it goes out again)."""
        if self._postgres_down is not None:
            await self._postgres_down
        if self.receiver.is_up:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.receiver.working.wait(), timeout=5)
        self.injected.connections_cut += await self.postgres.cut_connections()

    async def _postgres_back(self, after: float) -> None:
        await asyncio.sleep(after)
        await asyncio.to_thread(self.postgres.start)

    async def _back_up(self, after: float) -> None:
        await asyncio.sleep(after)
        await self.receiver.up()
