"""One chaos run: an installation of its own, clients driving journeys and escalations through
the HTTP API while the faults of a plan are injected, then quiet until everything settled."""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import AsyncIterator, Awaitable
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from config.settings import to_async_url
from store.migrate import upgrade_async
from store.tokens import create_token
from tests.chaos.catalog import REGION_MEMBER, RIJK_MEMBER, codes, write_catalog
from tests.chaos.clients import Driver, Ledger, Tokens, drive_journey, journey_commands
from tests.chaos.faults import Injected, Injector, Plan
from tests.chaos.parts import Installation, free_port
from tests.chaos.postgres import OwnPostgres, started
from tests.chaos.receiver import Receiver

SECRET = "chaos-webhook-secret"
CLIENT_TIMEOUT = 5.0
"""A client gives up waiting after this long and tries again, with the same key."""


@dataclass(frozen=True)
class Scale:
    """How big a run is: journeys, every how many-th escalates, over how many seconds the
    commands are spread, and the faults."""

    name: str
    journeys: int
    escalate_every: int
    span: float
    plan: Plan
    patience: float = 300.0
    """How long a client keeps retrying one command before it counts it unanswered."""

    @property
    def codes(self) -> list[str]:
        return codes(self.journeys)

    @property
    def escalated(self) -> list[str]:
        return self.codes[:: self.escalate_every]

    @property
    def processes(self) -> int:
        return self.journeys + len(self.escalated)


@dataclass
class Storm:
    """What a run left to check."""

    scale: Scale
    installation: Installation
    postgres: OwnPostgres
    receiver: Receiver
    ledger: Ledger = field(default_factory=Ledger)
    injected: Injected = field(default_factory=Injected)
    load_seconds: float = 0.0


async def _tokens(engine: AsyncEngine) -> Tokens:
    return Tokens(
        coordinator=await create_token(engine, "regieteam", "coordinator", None),
        rijk_member=await create_token(engine, RIJK_MEMBER, "duo_member", RIJK_MEMBER),
        region_member=await create_token(engine, REGION_MEMBER, "duo_member", REGION_MEMBER),
    )


def engine_for(url: str) -> AsyncEngine:
    """An engine that survives connections cut under it (each is pinged before use)."""
    return create_async_engine(to_async_url(url), pool_pre_ping=True)


@contextlib.asynccontextmanager
async def installed(folder: Path, scale: Scale) -> AsyncIterator[Storm]:
    """PostgreSQL, a receiver and every part, started; stopped and removed on the way out."""
    postgres: OwnPostgres | None = None
    receiver = Receiver(free_port(), SECRET)
    await receiver.up()
    installation: Installation | None = None
    try:
        postgres = await started(free_port())
        await upgrade_async(postgres.url)
        catalog = write_catalog(folder, scale.journeys, receiver.url)
        installation = Installation(folder, postgres.url, catalog)
        installation.declare()
        for part in installation.parts.values():
            part.env["NOVEX_WEBHOOK_SECRET"] = SECRET
        await installation.start()
        yield Storm(scale, installation, postgres, receiver)
    finally:
        if installation is not None:
            await installation.stop()
        await receiver.down()
        if postgres is not None:
            await asyncio.to_thread(postgres.remove)


async def blow(storm: Storm) -> None:
    """Drive every journey while the plan's faults are injected (parts that go down are
    started again by their supervisors); returns when both are done."""
    scale, installation = storm.scale, storm.installation
    engine = engine_for(storm.postgres.url)
    tokens = await _tokens(engine)
    await engine.dispose()
    stop = asyncio.Event()
    supervisors = [asyncio.create_task(p.supervise(stop)) for p in installation.parts.values()]
    injector = Injector(installation, storm.postgres, storm.receiver, storm.injected)
    gap = scale.span / (len(journey_commands("AA")) + 3)
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
    loop = asyncio.get_running_loop()
    begin = loop.time()
    try:
        async with httpx.AsyncClient(timeout=CLIENT_TIMEOUT, limits=limits) as http:
            driver = Driver(http, installation.base, storm.ledger, scale.patience)
            escalated = set(scale.escalated)
            journeys = [
                drive_journey(driver, code, tokens, escalate=code in escalated, gap=gap)
                for code in scale.codes
            ]
            await asyncio.gather(_then(injector.run(scale.plan), driver.calm), *journeys)
    finally:
        storm.load_seconds = loop.time() - begin
        stop.set()
        await asyncio.gather(*supervisors)


async def _then(work: Awaitable[None], done: asyncio.Event) -> None:
    await work
    done.set()


async def settle(storm: Storm, timeout: float) -> None:
    """Wait (a while) until every decision is back in its journey, every notification is out
    and the read model caught up; the checks say what did not."""
    engine = engine_for(storm.postgres.url)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    decisions = len(storm.scale.escalated)
    query = text(
        "SELECT (SELECT count(*) FROM novex_events WHERE type = 'EscalationDecisionRecorded'), "
        "(SELECT count(*) FROM novex_outbox WHERE status = 'pending'), "
        "(SELECT count(*) FROM novex_events WHERE (tx, position) > (SELECT coalesce(max(tx), 0), "
        "coalesce(max(position), 0) FROM novex_projector_checkpoints WHERE name = 'stream_status'))"
    )  # the events beyond the projector's checkpoint (read in commit order, store/commit_order)
    try:
        while loop.time() < deadline:
            async with engine.connect() as conn:
                recorded, pending, lag = (await conn.execute(query)).one()
            if recorded >= decisions and pending == 0 and lag == 0:
                return
            await asyncio.sleep(0.5)
    finally:
        await engine.dispose()


def load_average() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.1f} (1 min), {five:.1f} (5 min)"
