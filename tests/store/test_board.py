"""The board in SQL: filters, sort and pages from the read model answer as the rows folded as of
now answer the same query (domain.views.board)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from config.catalog_file import load_catalog
from domain.area.rules import start as start_area
from domain.area.state import AreaProcess
from domain.catalog.planning import area_start, journey_start, resolve_ladder
from domain.escalation.commands import StartEscalation
from domain.escalation.rules import start as start_escalation
from domain.escalation.state import EscalationState
from domain.province import commands as cmd
from domain.province.rules import decide, start
from domain.province.state import ProvinceJourney, fold
from domain.shared.commands import MarkOverdue
from domain.shared.events import Event
from domain.shared.models import Task
from domain.views.as_of import AsOf
from domain.views.board import BoardQuery, answer
from service.tasks import candidates, tasks_for
from store.board import status_page
from store.eventstore import EventMetadata, EventStore, NewEvent
from store.projector import Projector
from store.status import status_as_of, status_now
from store.tokens import TokenHolder
from store.worklist import candidate_rows

T0 = datetime(2023, 2, 1, 12, tzinfo=UTC)
LABEL = "board"


async def _append(store: EventStore, stream: str, version: int, events: list[Event]) -> None:
    new = [NewEvent(e.event_id, e.type, e.model_dump(mode="json")) for e in events]
    await store.append(stream, version, new, EventMetadata(actor="r"))


async def _province(store: EventStore, code: str, *then: Callable[[ProvinceJourney], Any]) -> None:
    catalog = load_catalog()
    events = start(
        ProvinceJourney(), journey_start(catalog, code, actor="r"), now=T0, new_id=uuid.uuid4
    )
    for step in then:
        state = fold(events)
        command, now = step(state)
        events += decide(state, command, now=now, new_id=uuid.uuid4)
    await _append(store, f"province-{code}.{LABEL}", 0, events)


async def _programme(store: EventStore) -> None:
    """Five provinces (one with an opgave of a programme, one overdue, one with a draft in
    review), two areas and an escalation of an area."""
    task = Task(id="t1", title="Windparken", programme="peh", kind="concreet")
    await _province(store, "GE", lambda s: (cmd.AddTask(actor="r", task=task), T0))

    def overdue(state: ProvinceJourney) -> tuple[Any, datetime]:
        deadline = state.deadline("ijkmoment-1")
        assert deadline is not None
        return MarkOverdue(actor="novex", target="ijkmoment-1"), deadline.due + timedelta(hours=1)

    await _province(store, "ZH", overdue)
    draft = cmd.SubmitDraft(actor="gs", checkpoint=1, document_ref="d", summary="s")
    await _province(store, "UT", lambda s: (draft, T0))
    for code in ("NB", "LI"):
        await _province(store, code)
    catalog = load_catalog()
    for area in ("de-peel", "groene-hart"):
        events = start_area(
            AreaProcess(), area_start(catalog, area, actor="r"), now=T0, new_id=uuid.uuid4
        )
        await _append(store, f"area-{area}.{LABEL}", 0, events)
    peel = catalog.area("de-peel")
    ladder = resolve_ladder(catalog, peel.duo, peel.civil_duo)
    opened = StartEscalation(
        actor="novex",
        parent_workflow_id=f"area-de-peel.{LABEL}",
        subject="S1",
        reason="r",
        ladder=ladder,
    )
    events = start_escalation(EscalationState(), opened, now=T0, new_id=uuid.uuid4)
    await _append(store, f"escalation-area-de-peel~1.{LABEL}", 0, events)


QUERIES = [
    BoardQuery(),
    BoardQuery(kind="province", sort="name", per_page=2, page=2),
    BoardQuery(province="LI"),
    BoardQuery(province="ZH", sort="-next_due"),
    BoardQuery(phase="ijkmoment 1", sort="-name"),
    BoardQuery(programme="peh"),
    BoardQuery(overdue=True),
    BoardQuery(stuck=True),
    BoardQuery(sort="next_due", per_page=3),
    BoardQuery(sort="-overdue", per_page=2),
    BoardQuery(sort="updated"),
    BoardQuery(kind="area", page=9),
]


async def test_the_board_in_sql_answers_every_query_as_the_folded_rows_do(
    clean_engine: AsyncEngine, quiet_store: EventStore
) -> None:
    await _programme(quiet_store)
    await Projector(clean_engine).catch_up()
    current = await status_now(clean_engine, LABEL)
    folded = await status_as_of(clean_engine, AsOf(known=datetime.now(UTC)), LABEL)
    assert len(current) == len(folded) == 8
    for query in QUERIES:
        rows, total = await status_page(clean_engine, query, LABEL)
        expected, expected_total = answer(query, current)
        assert [r["stream_id"] for r in rows] == [r["stream_id"] for r in expected], query
        assert total == expected_total, query
        again, _ = answer(query, folded)
        assert [r["stream_id"] for r in again] == [r["stream_id"] for r in expected], query
    rows, total = await status_page(clean_engine, BoardQuery(province="LI"), LABEL)
    assert [r["stream_id"] for r in rows] == [
        f"area-de-peel.{LABEL}",
        f"escalation-area-de-peel~1.{LABEL}",
        f"province-LI.{LABEL}",
    ]
    assert rows[0]["summary"]["provinces"] == ["NB", "LI"]  # summaries come back as JSON
    overdue, total = await status_page(clean_engine, BoardQuery(overdue=True), LABEL)
    assert [r["stream_id"] for r in overdue] == [f"province-ZH.{LABEL}"] and total == 1
    programme, _ = await status_page(clean_engine, BoardQuery(programme="peh"), LABEL)
    assert [r["stream_id"] for r in programme] == [f"province-GE.{LABEL}"]
    assert (await status_page(clean_engine, BoardQuery(stuck=True), LABEL)) == ([], 0)
    async with clean_engine.begin() as conn:  # a process that says it is stuck (vastgelopen)
        await conn.execute(
            text(
                "UPDATE novex_stream_status SET summary = summary || "
                """'{"stuck": {"operation": "announce"}}' WHERE stream_id = :s"""
            ),
            {"s": f"province-UT.{LABEL}"},
        )
    stuck, total = await status_page(clean_engine, BoardQuery(stuck=True), LABEL)
    assert [r["stream_id"] for r in stuck] == [f"province-UT.{LABEL}"] and total == 1
    expected, _ = answer(BoardQuery(stuck=True), await status_now(clean_engine, LABEL))
    assert expected == stuck
    assert (await status_page(clean_engine, BoardQuery(), None))[1] == 0  # another run: none


HOLDERS = [
    TokenHolder("a", "reviewer", "rijk-accountteam"),
    TokenHolder("a", "reviewer", "programmes"),
    TokenHolder("a", "reviewer", "province:NB"),
    TokenHolder("a", "signatory", "minister-vro"),
    TokenHolder("a", "duo_member", "dg-de-peel"),
    TokenHolder("a", "duo_member", "bwp-de-peel"),
    TokenHolder("a", "province_official", "LI"),
    TokenHolder("a", "province_official", "ZH"),
    TokenHolder("a", "coordinator", None),
    TokenHolder("a", "rijk_official", None),
    TokenHolder("a", "viewer", None),
]


async def test_the_rows_picked_in_sql_hold_every_task_the_whole_read_model_holds(
    clean_engine: AsyncEngine, quiet_store: EventStore
) -> None:
    await _programme(quiet_store)
    await Projector(clean_engine).catch_up()
    every = await status_now(clean_engine, LABEL)
    now = T0 + timedelta(days=5)  # the escalation's level falls due within two weeks
    found = {}
    for who in HOLDERS:
        clauses, params = candidates(who, now)
        picked = await candidate_rows(clean_engine, clauses, params, LABEL)
        assert len(picked) < len(every) or who.role in ("coordinator", "viewer", "rijk_official")
        found[who.role, who.scope] = tasks_for(who, picked, now)
        assert found[who.role, who.scope] == tasks_for(who, every, now), who
    assert {t.kind for t in found["reviewer", "rijk-accountteam"]} == {"review"}
    national = found["coordinator", None]
    assert [t.overdue for t in national] == sorted((t.overdue for t in national), reverse=True)
    assert ("overdue", f"province-ZH.{LABEL}") in [(t.kind, t.stream_id) for t in national]
    assert [t.kind for t in found["duo_member", "dg-de-peel"]] == ["decision"]
    assert [t.kind for t in found["duo_member", "bwp-de-peel"]] == ["overdue"]  # the area's
    assert [(t.kind, t.stream_id) for t in found["province_official", "LI"]] == [
        ("overdue", f"area-de-peel.{LABEL}"),  # ijkpunt-1 passed, not yet marked
        ("deadline", f"escalation-area-de-peel~1.{LABEL}"),
        ("draft", f"province-LI.{LABEL}"),
        ("deadline", f"province-LI.{LABEL}"),
    ]
    assert found["reviewer", "province:NB"] == found["signatory", "minister-vro"] == []
