"""Status at a glance from the read model, and as it stood at a past instant."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncEngine

from config.catalog_file import load_catalog
from domain.area.rules import start as start_area
from domain.area.state import AreaProcess
from domain.catalog.planning import area_start, journey_start
from domain.province import commands as cmd
from domain.province.rules import decide, start
from domain.province.state import ProvinceJourney, fold
from domain.shared.events import Event
from domain.views.as_of import AsOf
from store.eventstore import EventMetadata, EventStore, NewEvent
from store.projector import Projector
from store.status import status_as_of, status_now

T0 = datetime(2023, 2, 1, 12, tzinfo=UTC)
T1 = datetime(2023, 3, 1, 12, tzinfo=UTC)


def _new(events: list[Event]) -> list[NewEvent]:
    return [NewEvent(e.event_id, e.type, e.model_dump(mode="json")) for e in events]


async def test_the_read_model_and_an_as_of_view_show_the_phase_then_and_now(
    clean_engine: AsyncEngine, quiet_store: EventStore
) -> None:
    store = quiet_store
    catalog = load_catalog()
    stream = "province-GE.status"
    started = start(
        ProvinceJourney(), journey_start(catalog, "GE", actor="r"), now=T0, new_id=uuid.uuid4
    )
    await store.append(stream, 0, _new(started), EventMetadata(actor="r"))
    first_recorded = (await store.read_stream(stream))[-1].recorded_at
    state = fold(started)
    closed = decide(
        state,
        cmd.CloseCheckpoint(actor="r", checkpoint=1, decision="door", reason="BOL"),
        now=T1,
        new_id=uuid.uuid4,
    )
    await store.append(stream, state.version, _new(closed), EventMetadata(actor="r"))
    area_events = start_area(
        AreaProcess(), area_start(catalog, "de-peel", actor="r"), now=T0, new_id=uuid.uuid4
    )
    await store.append("area-de-peel.status", 0, _new(area_events), EventMetadata(actor="r"))
    last_recorded = (await store.read_stream("area-de-peel.status"))[-1].recorded_at

    await Projector(clean_engine).catch_up()
    now = {row["stream_id"]: row for row in await status_now(clean_engine, "status")}
    assert now[stream]["phase"] == "ijkmoment 2"
    assert now[stream]["subject"] == "GE"
    assert now["area-de-peel.status"]["phase"] == "ontwikkelperspectief in voorbereiding"
    then = {
        row["stream_id"]: row
        for row in await status_as_of(clean_engine, AsOf(known=first_recorded), "status")
    }  # recorded_at is the database's clock: "then" is the instant the first append landed
    assert then[stream]["phase"] == "ijkmoment 1"
    assert "area-de-peel.status" not in then
    assert set(then[stream]) == set(now[stream])  # the same shape as the current status
    assert all("." not in row["stream_id"] for row in await status_now(clean_engine))
    one = await status_as_of(clean_engine, AsOf(known=last_recorded), "status", stream_id=stream)
    assert [row["stream_id"] for row in one] == [stream] and one[0]["phase"] == "ijkmoment 2"
    before = await status_as_of(
        clean_engine, AsOf(known=first_recorded - timedelta(microseconds=1)), "status"
    )
    assert before == []


async def test_a_label_with_an_underscore_shows_its_own_run_and_no_other(
    clean_engine: AsyncEngine, quiet_store: EventStore
) -> None:
    catalog = load_catalog()
    started = start(
        ProvinceJourney(), journey_start(catalog, "GE", actor="r"), now=T0, new_id=uuid.uuid4
    )
    for stream in ("province-GE.oefen_1", "province-GE.oefenx1", "province-GE"):
        events = [e.model_copy(update={"event_id": uuid.uuid4()}) for e in started]
        await quiet_store.append(stream, 0, _new(events), EventMetadata(actor="r"))
    await Projector(clean_engine).catch_up()
    later = datetime.now(UTC) + timedelta(days=1)

    now = [row["stream_id"] for row in await status_now(clean_engine, "oefen_1")]
    then = [
        row["stream_id"] for row in await status_as_of(clean_engine, AsOf(known=later), "oefen_1")
    ]
    assert now == then == ["province-GE.oefen_1"]
    assert [row["stream_id"] for row in await status_now(clean_engine)] == ["province-GE"]
    one = await status_as_of(
        clean_engine, AsOf(known=later), "oefen_1", stream_id="province-GE.oefenx1"
    )
    assert one == []
