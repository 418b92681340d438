"""Mijn werk: what waits for a token holder (by role and scope), from the read model's rows:
reviews, signatures, afspraken and escalation proposals and decisions, drafts, and what is
overdue or falls due within two weeks in their scope."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from pydantic import BaseModel

from domain.views.as_of import AsOf
from service import queries
from service.authorization import Role
from service.context import Services
from service.task_scope import NATIONAL, Rows, deadline_scope, name_of, short_escalation_id
from store.tokens import TokenHolder
from store.worklist import candidate_rows

WINDOW_DAYS = 14
"""Deadlines this many days ahead are on the list."""

TaskKind = Literal[
    "review",
    "signature",
    "agreement",
    "proposal",
    "decision",
    "draft",
    "friction",
    "overdue",
    "deadline",
]


class Task(BaseModel):
    """One thing that waits for someone: what, in which process, by when."""

    kind: TaskKind
    stream_id: str
    process: str
    title: str
    due: datetime | None = None
    overdue: bool = False
    details: dict[str, Any] = {}


class MyTasks(BaseModel):
    """Who asks, and what waits for them, most urgent first."""

    actor: str
    role: str
    scope: str | None
    tasks: list[Task]


def _when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _task(row: Mapping[str, Any], kind: TaskKind, title: str, now: datetime, **kw: Any) -> Task:
    """A task; it is overdue once its due date passed (or when the process says so)."""
    due = kw.pop("due", None)
    return Task(
        kind=kind,
        stream_id=row["stream_id"],
        process=name_of(row),
        title=title,
        due=due,
        overdue=kind == "overdue" or bool(due and due < now),
        details=kw,
    )


def _province(who: TokenHolder, row: Mapping[str, Any], now: datetime) -> Iterator[Task]:
    """Reviews of the holder's party, a signature, a draft to submit, a blocked ijkmoment."""
    s, name = row["summary"], name_of(row)
    due_of = {d["target"]: _when(d["due"]) for d in s.get("deadlines", [])}
    for number, cp in s["checkpoints"].items():
        if who.role == Role.REVIEWER and who.scope in cp["missing_reviews"]:
            title = f"Review geven op ijkmoment {number} van {name} (concept {cp['draft']})"
            yield _task(
                row,
                "review",
                title,
                now,
                due=_when(cp.get("respond_by")),
                checkpoint=int(number),
                party=who.scope,
                draft=cp["draft"],
            )
        if who.role == Role.PROVINCE_OFFICIAL and who.scope == s["province"]:
            verb = {"open": "Concept", "revision": "Aangevuld concept"}.get(cp["status"])
            if verb and str(s.get("current_checkpoint")) == number:
                title = f"{verb} voor ijkmoment {number} indienen"
                yield _task(
                    row,
                    "draft",
                    title,
                    now,
                    due=due_of.get(f"ijkmoment-{number}"),
                    checkpoint=int(number),
                )
        if who.role == Role.COORDINATOR and cp["status"] == "blocked":
            title = f"Schuurpunten van ijkmoment {number} van {name} afhandelen"
            yield _task(row, "friction", title, now, checkpoint=int(number))
    arrangement = s.get("arrangement")
    if (
        who.role == Role.SIGNATORY
        and arrangement
        and not arrangement["signed"]
        and not arrangement["refused"]
        and who.scope in s.get("signatories", [])
        and who.scope not in arrangement["signed_by"]
    ):
        title = f"Ruimtelijk arrangement van {name} tekenen"
        yield _task(
            row,
            "signature",
            title,
            now,
            due=due_of.get("arrangement"),
            signatory=who.scope,
            text_hash=arrangement["text_hash"],
        )


def _area(who: TokenHolder, row: Mapping[str, Any], now: datetime) -> Iterator[Task]:
    """A review of the holder's party on the perspective; afspraken their duo must confirm."""
    s, name = row["summary"], name_of(row)
    perspective = s["perspective"]
    if who.role == Role.REVIEWER and who.scope in perspective["missing_reviews"]:
        title = (
            f"Review geven op het ontwikkelperspectief van {name} (versie {perspective['version']})"
        )
        yield _task(
            row,
            "review",
            title,
            now,
            due=_when(perspective.get("respond_by")),
            party=who.scope,
            version=perspective["version"],
        )
    if who.role == Role.DUO_MEMBER and who.scope in s.get("duo", []):
        for agreement in s.get("agreements_open", []):
            if who.scope not in agreement["confirmed_by"]:
                title = f"Uitvoeringsafspraak {agreement['id']} van {name} bevestigen"
                yield _task(
                    row,
                    "agreement",
                    title,
                    now,
                    agreement_id=agreement["id"],
                    text=agreement["text"],
                    member=who.scope,
                )


def _escalation(who: TokenHolder, row: Mapping[str, Any], now: datetime) -> Iterator[Task]:
    """For a member of the current level: the other member's proposals, else a decision."""
    s = row["summary"]
    if not s.get("open") or who.role != Role.DUO_MEMBER or who.scope not in s["members"]:
        return
    short, due = short_escalation_id(row["stream_id"]), _when(s.get("due"))
    level = [p for p in s["proposals"] if p["level"] == s["level"] and p["status"] == "open"]
    theirs = [p for p in level if p["by"] != who.scope]
    for p in theirs:
        title = f"Voorstel {p['id']} van {p['by']} in escalatie {short}: akkoord of niet akkoord"
        yield _task(
            row,
            "proposal",
            title,
            now,
            due=due,
            proposal_id=p["id"],
            text=p["text"],
            escalation=short,
            member=who.scope,
            at_deadline=s.get("at_deadline"),
        )
    if not level:
        title = f"Besluit nemen in escalatie {short} (niveau {s['level']}: {s['level_name']})"
        yield _task(
            row,
            "decision",
            title,
            now,
            due=due,
            escalation=short,
            subject=s["subject"],
            member=who.scope,
            at_deadline=s.get("at_deadline"),
        )


def _deadlines(row: Mapping[str, Any], now: datetime, targets: set[str] | None) -> Iterator[Task]:
    """What is overdue, and what falls due within the window, of one process."""
    s, name = row["summary"], name_of(row)
    if row["kind"] == "escalation":
        live = [{"target": f"niveau {s['level']}", "due": s["due"], "overdue": bool(s["overdue"])}]
        live = live if s.get("open") and s.get("due") else []
    else:
        live = s.get("deadlines", [])
    for d in live:
        if targets is not None and d["target"] not in targets:
            continue
        due = _when(d["due"])
        if d["overdue"] or (due is not None and due < now):
            yield _task(row, "overdue", f"{d['target']} van {name} is te laat", now, due=due)
        elif due is not None and due <= now + timedelta(days=WINDOW_DAYS):
            yield _task(row, "deadline", f"{d['target']} van {name}", now, due=due)


def tasks_for(who: TokenHolder, rows: Iterable[Mapping[str, Any]], now: datetime) -> list[Task]:
    """Everything that waits for the holder, overdue first, then by due date."""
    every: Rows = {r["stream_id"]: r for r in rows}
    found: list[Task] = []
    for row in every.values():
        kind = row["kind"]
        if kind == "province":
            found += _province(who, row, now)
        elif kind == "area":
            found += _area(who, row, now)
        elif kind == "escalation":
            found += _escalation(who, row, now)
        in_scope, targets = deadline_scope(who, row, every)
        if in_scope:
            found += _deadlines(row, now, targets)
    far = datetime.max.replace(tzinfo=now.tzinfo)
    return sorted(found, key=lambda t: (not t.overdue, t.due or far, t.process, t.title))


def candidates(who: TokenHolder, now: datetime) -> tuple[list[str], dict[str, Any]]:
    """Which rows of the read model may hold the holder's tasks (store.worklist's clauses)."""
    horizon = (now + timedelta(days=WINDOW_DAYS + 1)).date().isoformat()  # a day to spare
    scope = {"scope": who.scope, "province": who.scope, "horizon": horizon}
    match who.role:
        case Role.REVIEWER:
            return ["reviews_of"], scope
        case Role.SIGNATORY:
            return ["signatory"], scope
        case Role.DUO_MEMBER:
            return ["member"], scope
        case Role.PROVINCE_OFFICIAL:
            return ["province"], scope
        case Role.COORDINATOR:
            return ["due_before", "blocked"], scope
    return (["due_before"], scope) if who.role in NATIONAL else ([], scope)


async def my_tasks(services: Services, who: TokenHolder, as_of: AsOf | None = None) -> MyTasks:
    """What waits for the holder now (from the rows that may hold it, picked in SQL), or
    waited as of the past (from every row folded up to then, on either axis)."""
    now = as_of.moment if as_of else datetime.now(UTC)
    if as_of is None:
        clauses, params = candidates(who, now)
        rows = await candidate_rows(services.engine, clauses, params, services.label)
    else:
        rows = await queries.status(services, as_of)
    return MyTasks(actor=who.actor, role=who.role, scope=who.scope, tasks=tasks_for(who, rows, now))
