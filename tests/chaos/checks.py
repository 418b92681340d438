"""What must hold after the storm, each check a list of findings (empty when it holds): every
acknowledged command recorded exactly once, no fact recorded twice, every chain intact, the read
model equal to a rebuild, every notification delivered and acted on once."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from store.audit import verify
from store.projector import Projector
from tests.chaos.clients import Ledger
from tests.chaos.receiver import Receiver

STARTS = frozenset({"JourneyStarted", "EscalationOpened"})
"""Recorded with a process's first command (update-with-start) but not in its answer."""
KEEPING = frozenset({"ProcessStuck", "ProcessResumed"})
"""What a process records of its own while a part is down (*vastgelopen*, and back)."""


@dataclass(frozen=True)
class Row:
    """One stored event, as far as the checks look at it."""

    stream: str
    type: str
    key: str | None


async def stored(engine: AsyncEngine) -> list[Row]:
    """Every event in the store, in position order."""
    async with engine.connect() as conn:
        result = await conn.execute(
            text(
                "SELECT stream_id, type, metadata->>'idempotency_key' FROM novex_events "
                "ORDER BY position"
            )
        )
        return [Row(*r) for r in result.all()]


def commands_recorded_once(ledger: Ledger, rows: list[Row]) -> tuple[list[str], list[str]]:
    """(lost, duplicated): an acknowledged command whose events are not in the store under its
    key, or are there more than once; events under a key no client sent count as duplicated."""
    under: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        if row.key is not None:
            under[row.key].append(row)
    lost, duplicated = [], []
    for sent in ledger.acknowledged:
        found = under.get(sent.key, [])
        types = [r.type for r in found if r.type not in STARTS]
        where = {r.stream for r in found}
        answer = list(sent.events)
        if where - {sent.stream}:
            duplicated.append(f"{sent.type} {sent.key} landed in {sorted(where)}")
        elif types == answer:
            continue
        elif not types:
            lost.append(f"{sent.stream} {sent.type} {sent.key}: nothing recorded, answer {answer}")
        else:
            duplicated.append(f"{sent.stream} {sent.type} {sent.key}: {types}, answer {answer}")
    keys = {s.key for s in ledger.sent}
    duplicated += [f"events under unknown key {k}" for k in under if k not in keys]
    return lost, duplicated


def facts_once(
    rows: list[Row], journeys: list[str], escalated: list[str]
) -> tuple[list[str], list[str]]:
    """(missing, doubled): each process started once; each escalation opened, decided and its
    decision recorded in the journey exactly once; no process but the driven ones."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for row in rows:
        counts[row.stream][row.type] += 1
    expected: dict[str, dict[str, int]] = {}
    for code in journeys:
        once = {"JourneyStarted": 1, "DraftSubmitted": 1, "FrictionRaised": 1, "TaskAdded": 1}
        if code in escalated:
            once |= {"EscalationRequested": 1, "EscalationDecisionRecorded": 1}
            once |= {"FrictionStatusChanged": 2}  # geëscaleerd, then besloten
        expected[f"province-{code}"] = once
    for code in escalated:
        expected[f"escalation-province-{code}~1"] = {"EscalationOpened": 1, "EscalationDecided": 1}
    missing: list[str] = []
    doubled = [f"{s}: not driven by any client" for s in counts if s not in expected]
    for stream, once in expected.items():
        for kind, times in once.items():
            found = counts[stream][kind]
            if found != times:
                (missing if found < times else doubled).append(
                    f"{stream}: {kind} × {found}, expected {times}"
                )
    return missing, doubled


async def chains_intact(engine: AsyncEngine) -> list[str]:
    """`novex audit verify`: every chain, head and position."""
    report = await verify(engine)
    return [] if report.ok else [str(report)]


async def read_model_is_a_rebuild(engine: AsyncEngine) -> list[str]:
    """The read model as the projector left it equals one rebuilt from the store; nothing is
    parked."""
    projector = Projector(engine)
    findings = []
    if (left := await projector.catch_up()) != 0:
        findings.append(f"the projector had {left} events still to fold")
    live = await _read_model(engine)
    await projector.rebuild()
    rebuilt = await _read_model(engine)
    if live != rebuilt:
        differing = sorted({str(r[0]) for r in set(live) ^ set(rebuilt)})
        findings.append(f"read model differs from a rebuild in {differing[:10]}")
    async with engine.connect() as conn:
        parked = await conn.scalar(text("SELECT count(*) FROM novex_projector_parked"))
    if parked:
        findings.append(f"{parked} events parked")
    return findings


async def _read_model(engine: AsyncEngine) -> list[tuple[object, ...]]:
    async with engine.connect() as conn:
        rows = await conn.execute(text("SELECT * FROM novex_stream_status ORDER BY stream_id"))
        return [tuple(r) for r in rows.all()]


async def outbox(engine: AsyncEngine) -> tuple[Counter[str], set[str]]:
    """Notifications by status, and the ids of those sent by webhook."""
    async with engine.connect() as conn:
        rows = (await conn.execute(text("SELECT id, status, channel FROM novex_outbox"))).all()
    return Counter(r[1] for r in rows), {str(r[0]) for r in rows if r[2] == "webhook"}


async def notifications_delivered(engine: AsyncEngine, receiver: Receiver) -> list[str]:
    """Every notification delivered; the receiver acted once on each webhook's CloudEvent id,
    and on nothing else."""
    statuses, webhook = await outbox(engine)
    findings = [f"{n} notifications {s}" for s, n in statuses.items() if s != "delivered"]
    acted = set(receiver.acted)
    if missing := webhook - acted:
        findings.append(f"{len(missing)} webhook notifications never arrived")
    if unknown := acted - webhook:
        findings.append(f"{len(unknown)} CloudEvents arrived that the outbox does not hold")
    if receiver.bad_signatures:
        findings.append(f"{receiver.bad_signatures} deliveries with a bad signature")
    return findings
