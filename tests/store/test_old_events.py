"""Events written by an earlier release read in today's shape on every read path — the read
model, as-of views, process pages, the report, the audit export, a workflow's fold from the
store — while the store keeps them exactly as written; an event of a newer release is refused
on every one of them."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from config.catalog_file import load_catalog
from config.settings import Settings
from domain.province.rules import decide
from domain.province.state import ProvinceJourney
from domain.shared.commands import RaiseFriction
from domain.shared.upcasting import UnreadableEvent
from domain.views.as_of import AsOf
from service import queries
from service.audit import audit_lines
from service.context import Services
from service.reports import build_report, render
from store.audit import verify
from store.eventstore import EventMetadata, EventStore, NewEvent
from store.parking import list_parked
from store.projections import FOLDINGS
from store.projector import Projector
from store.recovery import fold_stream

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "v1_frictions.jsonl"
JOURNEY, AREA = "province-GE.v1", "area-de-peel.v1"
UNKNOWN = {"theme": "onbekend", "name": "onbekend"}


async def _written_by_release_1(store: EventStore) -> list[dict[str, Any]]:
    """The fixture's events appended as the release that wrote them did (ids, types, schema
    versions, data and metadata as exported)."""
    lines = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]
    for line in lines:
        event = NewEvent(
            uuid.UUID(line["event_id"]), line["type"], line["data"], line["schema_version"]
        )
        meta = EventMetadata(**line["metadata"])
        await store.append(line["stream_id"], line["version"] - 1, [event], meta)
    return lines


async def _raised_today(store: EventStore, theme: str) -> None:
    """A schuurpunt raised by today's rules on the journey the old release began."""
    folding = FOLDINGS["province"]
    state = ProvinceJourney()
    for stored in await store.read_stream(JOURNEY):
        state = folding.evolve(state, folding.read(stored))
    command = RaiseFriction(actor="programmes", description="Stikstof", theme=theme)
    events = decide(state, command, now=datetime.now(UTC), new_id=uuid.uuid4)
    new = [
        NewEvent(e.event_id, e.type, e.model_dump(mode="json"), e.schema_version) for e in events
    ]
    await store.append(JOURNEY, state.version, new, EventMetadata(actor="programmes"))


def _services(engine: AsyncEngine) -> Services:
    return Services(engine, None, load_catalog(), Settings(), label="v1")


async def test_schuurpunten_of_release_1_read_as_onbekend_on_every_read_path(
    clean_engine: AsyncEngine, quiet_store: EventStore
) -> None:
    await _written_by_release_1(quiet_store)
    await _raised_today(quiet_store, "nplg")
    await Projector(clean_engine).catch_up()
    services = _services(clean_engine)
    now = datetime.now(UTC)
    expected = [
        {
            "theme": "nplg",
            "name": "Nationaal Programma Landelijk Gebied (NPLG)",
            "open": 1,
            "all": 1,
        },
        {**UNKNOWN, "open": 3, "all": 4},
    ]
    try:
        assert await queries.frictions_per_theme(services) == expected  # the read model
        assert (
            await queries.frictions_per_theme(services, as_of=AsOf(known=now)) == expected
        )  # as of
        live = {r["stream_id"]: r["summary"] for r in await queries.status(services)}
        folded = {r["stream_id"]: r["summary"] for r in await queries.status(services, AsOf(now))}
        assert live == folded
        assert live[JOURNEY]["frictions_by_theme"] == {
            "nplg": {"open": 1, "all": 1},
            "onbekend": {"open": 2, "all": 3},
        }
        page = await queries.detail(services, JOURNEY)  # the process page
        assert page is not None
        themes = [(f["id"], f["theme"]) for f in page["view"]["frictions"]]
        assert themes == [
            ("S1", "onbekend"),
            ("S2", "onbekend"),
            ("S3", "onbekend"),
            ("S4", "nplg"),
        ]
        report = await build_report(services, None)  # the report
        assert report.themes == expected
        assert "| onbekend | onbekend | 3 | 4 |" in render(report, "md")[0]
        recovered = await fold_stream(quiet_store, JOURNEY)  # what a recovered run starts from
        assert [f.theme for f in recovered.state.frictions] == ["onbekend"] * 3 + ["nplg"]
    finally:
        await services.close()


async def test_the_audit_export_gives_old_events_as_stored_and_as_read_and_the_chain_holds(
    clean_engine: AsyncEngine, quiet_store: EventStore
) -> None:
    written = await _written_by_release_1(quiet_store)
    await Projector(clean_engine).catch_up()

    lines = await audit_lines(quiet_store, AREA)
    raised = lines[-1]
    assert raised["type"] == "FrictionRaised" and raised["schema_version"] == 1
    assert raised["data"] == written[-1]["data"]  # exactly as stored
    assert raised["read_as"]["schema_version"] == 3
    assert raised["read_as"]["data"]["friction"]["theme"] == "onbekend"
    started = lines[0]  # every event gained its effective date: the day it was recorded
    assert started["schema_version"] == 1 and "occurred_on" not in started["data"]
    assert started["read_as"]["data"]["occurred_on"] == started["data"]["occurred_at"][:10]
    async with clean_engine.connect() as conn:
        rows = await conn.execute(
            text("SELECT schema_version, data FROM novex_events WHERE type = 'FrictionRaised'")
        )
        assert all(v == 1 and "theme" not in d["friction"] for v, d in rows.all())
    assert (await verify(clean_engine)).ok


async def test_an_event_written_by_a_newer_release_is_refused_on_every_read_path(
    clean_engine: AsyncEngine, quiet_store: EventStore
) -> None:
    written = await _written_by_release_1(quiet_store)
    newer = {**written[-1]["data"], "event_id": str(uuid.uuid4()), "schema_version": 4}
    event = NewEvent(uuid.UUID(newer["event_id"]), "FrictionRaised", newer, schema_version=4)
    await quiet_store.append(AREA, None, [event], EventMetadata(actor="release-3"))
    await Projector(clean_engine, max_failures=1).catch_up()

    parked = await list_parked(clean_engine)
    assert [p.stream_id for p in parked] == [AREA]
    assert "UnreadableEvent: FrictionRaised schema version 4" in parked[0].error
    services = _services(clean_engine)
    try:
        with pytest.raises(UnreadableEvent, match="newer release"):
            await queries.detail(services, AREA)
        with pytest.raises(UnreadableEvent, match="newer release"):
            await queries.status(services, AsOf(known=datetime.now(UTC)))
        with pytest.raises(UnreadableEvent, match="newer release"):
            await audit_lines(quiet_store, AREA)
        with pytest.raises(UnreadableEvent, match="newer release"):
            await fold_stream(quiet_store, AREA)
        assert (await queries.detail(services, JOURNEY)) is not None  # the others read on
    finally:
        await services.close()
