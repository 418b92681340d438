"""`novex import`: a programme's history (service/history_file.py) driven through the real
workflows under the same rules. Per process all or nothing: the whole block is judged against
the pure domain first (on the state the store holds), then sent as one command that records it
in one go. Every line's idempotency key follows from the file's content up to that line, so a
second run records nothing new (and a longer file only its new lines). Every refusal names the
file, the line, the process and the rule; nothing of its block is recorded."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from uuid import uuid4

from pydantic import ValidationError

from domain.catalog.model import CatalogError
from domain.catalog.references import check_references
from domain.shared.commands import Command
from domain.shared.errors import DomainError
from domain.shared.history import HistoryRefused, record_history
from domain.shared.ids import StreamId
from service.commands import CommandRefused, StartWith, send_area_command, send_command
from service.context import Services
from service.history_file import Block, Line, read_history
from service.rooms import ROOMS, Room
from store.hashing import canonical_json
from store.recovery import fold_stream

KEY_PREFIX = "history"


@dataclass
class Outcome:
    """What the import did with one process's block."""

    process: str
    status: str
    """``recorded``, ``nothing new`` or ``refused``."""
    lines: int
    recorded: int = 0
    events: int = 0
    refusal: str | None = None


class Refusal(Exception):
    """One line of a block refused: the message names file, line, process and rule."""


@dataclass
class _Plan:
    block: Block
    room: Room
    stream: StreamId
    commands: list[Command] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)
    first_new: int = 0
    start: bool = False


def line_keys(block: Block) -> list[str]:
    """Per command of a block, its idempotency key: the process, its start date and every
    line up to this one, hashed — the same file gives the same keys, a changed line new ones
    from there on."""
    digest = hashlib.sha256(f"{block.process}|{block.started}".encode()).hexdigest()
    keys = []
    for number, line in enumerate(block.lines, start=1):
        content = {
            "on": line.on,
            "type": line.type,
            "fields": line.fields,
            "correction_reason": line.correction_reason,
        }
        digest = hashlib.sha256((digest + canonical_json(content)).encode()).hexdigest()
        keys.append(f"{KEY_PREFIX}:{block.process}:{number}:{digest[:40]}")
    return keys


def _refuse(name: str, number: int, process: str, what: str, rule: str, message: str) -> Refusal:
    return Refusal(f"{name}:{number}: {process}: {what} refused by rule {rule}: {message}")


def _command(services: Services, name: str, plan: _Plan, line: Line, actor: str) -> Command:
    """One line as the room's command, checked against the catalog (a Refusal otherwise)."""
    where = (name, line.number, plan.block.process, line.type)
    if "actor" in line.fields:
        raise _refuse(*where, "ActorIsTheImporter", "who acts is who imports; leave out actor")
    if line.on is None:
        raise _refuse(*where, "DatedCommand", "every command of a history has a date")
    data = {**line.fields, "type": line.type, "actor": actor, "occurred_on": line.on}
    if line.correction_reason:
        data["correction_reason"] = line.correction_reason
    try:
        command: Command = plan.room.adapter.validate_python(data)
        check_references(services.catalog, command)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'][1:]) or 'type'}: {e['msg']}" for e in exc.errors()
        )
        raise _refuse(*where, "ValidCommand", problems) from None
    except DomainError as exc:
        raise _refuse(*where, type(exc).__name__, str(exc)) from None
    return command


async def _plan(services: Services, name: str, block: Block, actor: str) -> _Plan:
    """A block judged as a whole against the pure domain, on the state the store holds."""
    try:
        parsed = StreamId.parse(block.process)
        room = ROOMS[parsed.kind]
        subject = room.subject(services.catalog, parsed.subject)
    except (ValueError, KeyError, CatalogError) as exc:
        raise _refuse(
            name,
            block.number,
            block.process,
            "the block",
            "KnownProcess",
            f"a history holds province-<code> and area-<id> processes: {exc}",
        ) from None
    plan = _Plan(block, room, StreamId(parsed.kind, subject, services.label))
    plan.commands = [_command(services, name, plan, line, actor) for line in block.lines]
    plan.keys = line_keys(block)
    landed = await services.store.keys_under(str(plan.stream), f"{KEY_PREFIX}:{block.process}:")
    plan.first_new = 1 + max((i for i, k in enumerate(plan.keys) if k in landed), default=-1)
    if plan.first_new == len(plan.keys):
        return plan
    state = (await fold_stream(services.store, str(plan.stream))).state or room.rules.state()
    now = datetime.now(UTC)
    state = _started(services, name, plan, state, actor, now)
    try:
        record_history(
            state,
            plan.commands[plan.first_new :],
            actor=actor,
            now=now,
            new_id=uuid4,
            decide=room.rules.decide,
            evolve=room.rules.evolve,
        )
    except HistoryRefused as exc:
        line = block.lines[plan.first_new + exc.index]
        raise _refuse(
            name, line.number, block.process, line.type, type(exc.cause).__name__, exc.reason
        ) from None
    return plan


def _started(
    services: Services, name: str, plan: _Plan, state: Any, actor: str, now: datetime
) -> Any:
    """The state once the block's start is recorded (when the process is not there yet)."""
    block, running = plan.block, state.version > 0
    if plan.first_new > 0 or running:
        if block.started is not None and plan.first_new == 0:
            since = state.clock.first.date() if state.clock.first else "before"
            raise _refuse(
                name,
                block.started_line,
                block.process,
                "started",
                "AlreadyRunning",
                f"it runs already (since {since}): leave out started and "
                "go on from its last effective date",
            )
        return state
    if block.started is None:
        raise _refuse(
            name,
            block.number,
            block.process,
            "the block",
            "StartDate",
            "the process has not started: give its block a started date",
        )
    plan.start = True
    begin = plan.room.start(services, plan.stream.subject, actor)
    begin = begin.model_copy(update={"occurred_on": block.started})
    try:
        events = plan.room.rules.start(state, begin, now=now, new_id=uuid4)
    except DomainError as exc:
        raise _refuse(
            name, block.started_line, block.process, "started", type(exc).__name__, str(exc)
        ) from None
    for event in events:
        state = plan.room.rules.evolve(state, event)
    return state


async def _send(services: Services, name: str, plan: _Plan, actor: str) -> Outcome:
    """The new lines of a planned block, as one command (the process started with it)."""
    block, new = plan.block, plan.commands[plan.first_new :]
    outcome = Outcome(block.process, "nothing new", len(block.lines))
    if not new:
        return outcome
    history = plan.room.history(actor=actor, commands=tuple(new))
    start = (
        StartWith(services.catalog, services.settings.task_queue, actor, on=block.started)
        if plan.start
        else None
    )
    send = send_command if plan.room.kind == "province" else send_area_command
    try:
        result = await send(
            services.temporal,
            plan.stream.subject,
            history,
            services.label,
            key=plan.keys[-1],
            start=start,
        )
    except CommandRefused as exc:  # the process moved on since it was judged
        found = re.match(r"command (\d+) \((\w+)\)", str(exc))
        line = block.lines[plan.first_new + int(found[1]) - 1] if found else None
        number, what = (line.number, line.type) if line else (block.number, "the block")
        raise _refuse(name, number, block.process, what, exc.kind, str(exc)) from None
    outcome.status, outcome.recorded, outcome.events = "recorded", len(new), len(result.events)
    return outcome


async def import_history(services: Services, name: str, text: str, actor: str) -> list[Outcome]:
    """Record a history file (HistoryFileError when it is no history): every block is judged
    first, then the ones not refused are sent, one process at a time, in the file's order."""
    blocks = read_history(name, text)
    planned: list[_Plan | Refusal] = []
    for block in blocks:
        try:
            planned.append(await _plan(services, name, block, actor))
        except Refusal as refusal:
            planned.append(refusal)
    outcomes = []
    for block, plan in zip(blocks, planned, strict=True):
        if isinstance(plan, Refusal):
            outcomes.append(Outcome(block.process, "refused", len(block.lines), refusal=str(plan)))
            continue
        try:
            outcomes.append(await _send(services, name, plan, actor))
        except Refusal as refusal:
            outcomes.append(
                Outcome(block.process, "refused", len(block.lines), refusal=str(refusal))
            )
    return outcomes
