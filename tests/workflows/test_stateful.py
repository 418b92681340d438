"""Stateful testing of the real workflows: hypothesis drives province journeys and NOVEX areas
on the Temporal dev server, recorded in the real event store, with generated commands — the
step that moves the process on; any command with valid and invalid parties, signatories,
duo members, ijkmomenten (closed ones too), schuurpunten, opgaven, actions, areas and
deadlines; and malformed JSON sent past every edge (amounts out of their bounds among it).

A run drives at least 1,000 commands to province journeys (``JOURNEY_COMMANDS``) and at least
300 to areas (``AREA_COMMANDS``): hypothesis runs of processes with up to ``STEPS`` (100)
commands each, as many as the count needs (about 13 journeys and 4 areas; 40 s on an idle
2-core machine, 70 s on a loaded one). After each refused command the stream is unchanged
(same version, same events) and the pure ``decide`` refused it in the same words; after each
accepted one the pure ``decide`` agreed (the same event types) and the workflow's state
equals the domain's fold of the stored events; malformed JSON is rejected when the workflow
reads it and records nothing.

Hypothesis runs its (blocking) state machine in a thread; every step hands its work to the
session's event loop, which keeps serving the Temporal worker meanwhile.
"""

from __future__ import annotations

import asyncio
import math
import uuid
from collections import Counter
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, ClassVar, TypeVar

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    precondition,
    rule,
    run_state_machine_as_test,
)
from temporalio.client import Client, WorkflowUpdateFailedError
from temporalio.exceptions import ApplicationError
from temporalio.testing import WorkflowEnvironment

from domain.area import rules as area_rules
from domain.area.state import AreaProcess
from domain.area.state import fold as fold_area
from domain.catalog.model import Catalog
from domain.province import rules as province_rules
from domain.province.state import Phase, ProvinceJourney
from domain.province.state import fold as fold_journey
from domain.shared.commands import Command
from domain.shared.errors import DomainError
from service.commands import CommandRefused
from service.rehearsal import Area, Journey, catalog_due_from, start_recorded, status_when
from store.eventstore import EventStore, StoredEvent
from store.projections import domain_event
from tests.workflows import stateful_area, stateful_province
from workflows.messages import CommandResult

JOURNEY_COMMANDS, AREA_COMMANDS = 1_000, 300
STEPS, PER_EXAMPLE = 100, 80
"""At most ``STEPS`` commands per process; about ``PER_EXAMPLE`` on average (hypothesis ends
some examples early)."""
T = TypeVar("T")


@dataclass
class World:
    """What every process of a run is driven on; what was sent and accepted, counted."""

    loop: asyncio.AbstractEventLoop
    client: Client
    queue: str
    store: EventStore
    catalog: Catalog
    commands: int = 0
    accepted: int = 0
    refusals: Counter[str] = field(default_factory=Counter)
    """Why commands were refused (the start of each refusal), to tell a run of bad luck from a
    process that refused what it should have taken."""

    def run(self, work: Coroutine[Any, Any, T]) -> T:
        """Run ``work`` on the session's event loop and wait for it (from hypothesis's thread)."""
        return asyncio.run_coroutine_threadsafe(work, self.loop).result(timeout=120)


@dataclass(frozen=True)
class Room:
    """What a machine takes from one room of the domain, and how it generates commands."""

    subjects: list[str]
    state_type: type[Any]
    decide: Callable[..., list[Any]]
    fold: Callable[..., Any]
    commands: Any
    """The room's strategies module: ``advance``, ``any_command``, ``malformed``."""


class ProcessMachine(RuleBasedStateMachine):
    """One process per example, driven through its real workflow and the store; the subclass
    says which room of the domain and how a process of it begins."""

    world: ClassVar[World]
    room: ClassVar[Room]

    def __init__(self) -> None:
        super().__init__()
        self.driver: Journey | Area | None = None
        self.state: Any = self.room.state_type()

    async def begin(self, subject: str) -> Journey | Area:
        raise NotImplementedError

    async def settle(self, result: CommandResult) -> None:
        """Wait for what the process does by itself after an accepted command."""

    @property
    def stream(self) -> str:
        assert self.driver is not None
        return self.driver.stream_id

    @initialize(data=st.data())
    def start(self, data: st.DataObject) -> None:
        subject = data.draw(st.sampled_from(self.room.subjects))
        self.driver = self.world.run(self.begin(subject))
        self.state = self.world.run(self._folded())

    def moves_on(self) -> bool:
        """Whether there is a next step on the main path (not past its end)."""
        return True

    @precondition(lambda self: self.moves_on())
    @rule(data=st.data())
    def advance(self, data: st.DataObject) -> None:
        """The step that moves the process on (first of the rules: hypothesis's simplest
        example, all first choices, drives a process along its main path)."""
        self.state = self.world.run(self._send(data.draw(self.room.commands.advance(self.state))))

    @rule(data=st.data())
    def anything(self, data: st.DataObject) -> None:
        self.state = self.world.run(
            self._send(data.draw(self.room.commands.any_command(self.state)))
        )

    @rule(data=st.data())
    def unreadable(self, data: st.DataObject) -> None:
        self.world.run(self._send_malformed(data.draw(self.room.commands.malformed())))

    async def _folded(self, events: list[StoredEvent] | None = None) -> Any:
        """The domain's fold of the events the store holds."""
        stored = await self.world.store.read_stream(self.stream) if events is None else events
        return self.room.fold(domain_event(e) for e in stored)

    async def _send(self, command: Command) -> Any:
        """Send one command as the API does; check it against the pure rules and the store."""
        world, driver = self.world, self.driver
        assert driver is not None
        before = await world.store.read_stream(self.stream)
        state = await self._folded(before)
        try:
            predicted = self.room.decide(state, command, now=datetime.now(UTC), new_id=uuid.uuid4)
            refusal: DomainError | None = None
        except DomainError as exc:
            predicted, refusal = [], exc
        world.commands += 1
        try:
            result = await driver.send(command)
        except CommandRefused as refused:
            assert await world.store.read_stream(self.stream) == before, command
            assert refusal is not None, f"refused what decide accepts: {command!r}: {refused}"
            assert (refused.kind, str(refused)) == (type(refusal).__name__, str(refusal))
            world.refusals[str(refused)[:70]] += 1
            return state
        assert refusal is None, f"accepted what decide refuses: {command!r}: {refusal}"
        assert result.events == [e.type for e in predicted], command
        world.accepted += 1
        await self._matches_the_fold(before, result)
        await self.settle(result)
        return await self._folded()

    async def _matches_the_fold(self, before: list[StoredEvent], result: CommandResult) -> None:
        """The workflow's state is the fold of what the store holds, new events included (and
        what the process recorded by itself since: an area's deliveries). A workflow appends
        before it evolves, so the store read after the query holds every event the state has."""
        handle = self.world.client.get_workflow_handle(self.stream)
        live = await handle.query("state", result_type=self.room.state_type)
        after = await self.world.store.read_stream(self.stream)
        assert len(before) + len(result.events) <= live.version <= len(after)
        assert after[: len(before)] == before
        assert [e.type for e in after[len(before) : live.version]] == result.events
        assert await self._folded(after[: live.version]) == live

    async def _send_malformed(self, raw: dict[str, Any]) -> None:
        """JSON no process can read, sent past every edge: rejected, nothing recorded."""
        before = await self.world.store.read_stream(self.stream)
        self.world.commands += 1
        handle = self.world.client.get_workflow_handle(self.stream)
        with pytest.raises(WorkflowUpdateFailedError) as rejected:
            await handle.execute_update("command", {"command": raw}, result_type=CommandResult)
        cause = rejected.value.cause
        assert isinstance(cause, ApplicationError), cause
        assert cause.message == "Failed decoding arguments", cause  # read, refused, not recorded
        assert await self.world.store.read_stream(self.stream) == before


class JourneyMachine(ProcessMachine):
    """A province's journey per example."""

    room = Room(
        ["GE", "ZH", "GR", "LI"],
        ProvinceJourney,
        province_rules.decide,
        fold_journey,
        stateful_province,
    )

    def moves_on(self) -> bool:
        """A signed arrangement ends the main path; an amendment (a command like any other,
        one of ``anything``'s) begins the next round."""
        return self.state.phase is not Phase.SIGNED

    async def begin(self, subject: str) -> Journey:
        journey = Journey(self.world.client, self.world.queue, subject, self.world.catalog)
        await journey.start()
        await start_recorded(journey.client, journey.stream_id)
        return journey


class AreaMachine(ProcessMachine):
    """A NOVEX area per example, beside the journey of the province it lies in (an adopted
    perspective is delivered to it, and recorded as delivered before the next command)."""

    room = Room(
        ["zuid-limburg", "groningen", "stedelijk-brabant"],
        AreaProcess,
        area_rules.decide,
        fold_area,
        stateful_area,
    )

    async def begin(self, subject: str) -> Area:
        world = self.world
        area = Area(world.client, world.queue, subject, world.catalog)
        for code in world.catalog.area(subject).provinces:
            await Journey(world.client, world.queue, code, world.catalog, area.label).start()
        await area.start()
        await start_recorded(area.client, area.stream_id)
        return area

    async def settle(self, result: CommandResult) -> None:
        if "PerspectiveAdopted" in result.events:
            provinces = result.status["provinces"]
            await status_when(
                self.world.client,
                self.stream,
                lambda s: len(s["perspective"]["delivered_to"]) == len(provinces),
            )


async def _drive(machine: type[ProcessMachine], world: World, at_least: int) -> None:
    """Hypothesis runs of the machine until at least this many commands were sent."""
    machine.world = world
    while world.commands < at_least:
        runs = settings(
            max_examples=max(2, math.ceil((at_least - world.commands) / PER_EXAMPLE)),
            stateful_step_count=STEPS,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        await asyncio.to_thread(run_state_machine_as_test, machine, settings=runs)


def _world(env: WorkflowEnvironment, queue: str, store: EventStore) -> World:
    """Every process due a year from now: no timer fires while the run lasts."""
    catalog = catalog_due_from(date.today() + timedelta(days=365))
    return World(asyncio.get_running_loop(), env.client, queue, store, catalog)


async def test_generated_commands_to_journeys_leave_refusals_unrecorded_and_match_the_fold(
    temporal_env: WorkflowEnvironment, worker_queue: str, store: EventStore
) -> None:
    world = _world(temporal_env, worker_queue, store)
    await _drive(JourneyMachine, world, JOURNEY_COMMANDS)
    assert world.commands >= JOURNEY_COMMANDS
    moved_on = world.accepted >= JOURNEY_COMMANDS // 10  # not only refusals
    assert moved_on, world.refusals.most_common(8)


async def test_generated_commands_to_areas_leave_refusals_unrecorded_and_match_the_fold(
    temporal_env: WorkflowEnvironment, worker_queue: str, store: EventStore
) -> None:
    world = _world(temporal_env, worker_queue, store)
    await _drive(AreaMachine, world, AREA_COMMANDS)
    assert world.commands >= AREA_COMMANDS
    assert world.accepted >= AREA_COMMANDS // 10, world.refusals.most_common(8)
