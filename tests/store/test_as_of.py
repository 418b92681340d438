"""As of on two axes, folded from reads bounded in SQL: how things stood on T (effective time)
and what novex knew at K (recorded time) differ on a backdated event; both together are
allowed; a correction dated before what it corrects shows from the date of what it corrects."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from config.catalog_file import load_catalog
from domain.catalog.planning import journey_start
from domain.province import commands as cmd
from domain.province.rules import decide, start
from domain.province.state import ProvinceJourney, fold
from domain.shared.commands import ChangeFriction, Command, RaiseFriction
from domain.shared.effective import start_of
from domain.shared.events import Event
from domain.views.as_of import AsOf
from store.eventstore import EventMetadata, EventStore, NewEvent
from store.status import status_as_of, streams_as_of

NOW = datetime(2026, 11, 28, 9, tzinfo=UTC)
STREAM = "province-GE.twee-assen"


def _new(events: list[Event]) -> list[NewEvent]:
    return [
        NewEvent(e.event_id, e.type, e.model_dump(mode="json"), e.schema_version) for e in events
    ]


class Entered:
    """A journey entered command by command; each append's recorded_at is noted."""

    def __init__(self, store: EventStore) -> None:
        self.store = store
        self.state = ProvinceJourney()
        self.recorded: list[datetime] = []

    async def record(self, events: list[Event]) -> None:
        await self.store.append(STREAM, self.state.version, _new(events), EventMetadata(actor="r"))
        self.state = fold(events, self.state)
        self.recorded.append((await self.store.read_stream(STREAM))[-1].recorded_at)

    async def send(self, command: Command) -> None:
        await self.record(decide(self.state, command, now=NOW, new_id=uuid.uuid4))


async def _entered(store: EventStore) -> Entered:
    """Started 2023-01-02; a draft on 2023-03-01 (ijkmoment 1, due 2023-02-15, is recorded
    missed first); then a schuurpunt of 2023-02-01, recorded last as a correction."""
    journey = Entered(store)
    begin = journey_start(load_catalog(), "GE", actor="r").model_copy(
        update={"occurred_on": date(2023, 1, 2)}
    )
    await journey.record(start(ProvinceJourney(), begin, now=NOW, new_id=uuid.uuid4))
    await journey.send(
        cmd.SubmitDraft(
            actor="gs", checkpoint=1, document_ref="d", summary="s", occurred_on=date(2023, 3, 1)
        )
    )
    await journey.send(
        RaiseFriction(
            actor="r",
            description="Stikstof",
            occurred_on=date(2023, 2, 1),
            correction_reason="besproken op 1 februari, later ingevoerd",
        )
    )
    return journey


async def _row(engine: AsyncEngine, as_of: AsOf) -> dict[str, Any] | None:
    rows = await status_as_of(engine, as_of, "twee-assen")
    return rows[0] if rows else None


async def test_as_of_and_as_known_at_differ_on_a_backdated_event(
    clean_engine: AsyncEngine, quiet_store: EventStore
) -> None:
    journey = await _entered(quiet_store)
    started, drafted, corrected = journey.recorded
    mid_february = start_of(date(2023, 2, 15))

    stood = await _row(clean_engine, AsOf(effective=mid_february))
    assert stood is not None and stood["summary"]["open_frictions"] == ["S1"]
    assert stood["summary"]["checkpoints"]["1"]["status"] == "open"  # the draft came later
    known = await _row(clean_engine, AsOf(known=drafted))
    assert known is not None and known["summary"]["open_frictions"] == []  # not known yet
    assert known["summary"]["checkpoints"]["1"]["status"] == "in_review"
    both = await _row(clean_engine, AsOf(effective=mid_february, known=drafted))
    assert both is not None and both["version"] == 1  # only the start: as novex knew it then
    assert both["summary"]["open_frictions"] == []
    everything = await _row(clean_engine, AsOf(effective=NOW, known=corrected))
    assert everything is not None and everything["version"] == 5  # ijkmoment 1 missed too
    assert await _row(clean_engine, AsOf(effective=start_of(date(2023, 1, 1)))) is None
    assert await _row(clean_engine, AsOf(known=started)) is not None


async def test_a_view_of_the_past_reads_one_stream_at_a_time_bounded_in_sql(
    clean_engine: AsyncEngine, quiet_store: EventStore
) -> None:
    await _entered(quiet_store)
    other = "province-NH.twee-assen"
    begun = start(
        ProvinceJourney(),
        journey_start(load_catalog(), "NH", actor="r"),
        now=NOW,
        new_id=uuid.uuid4,
    )
    await quiet_store.append(other, 0, _new(begun), EventMetadata(actor="r"))
    seen = [
        (stream, [e.version for e in events])
        async for stream, events in streams_as_of(
            clean_engine, AsOf(effective=start_of(date(2023, 2, 15))), "twee-assen"
        )
    ]
    assert seen == [(STREAM, [1, 5])]  # NH began later; the draft took effect later


async def test_a_correction_dated_before_what_it_corrects_shows_from_that_date(
    clean_engine: AsyncEngine, quiet_store: EventStore
) -> None:
    journey = await _entered(quiet_store)
    await journey.send(
        RaiseFriction(actor="r", description="Netcongestie", occurred_on=date(2023, 3, 10))
    )
    await journey.send(
        ChangeFriction(
            actor="r",
            friction_id="S2",
            status="opgelost",
            occurred_on=date(2023, 3, 5),
            correction_reason="opgelost voor het werd ingevoerd",
        )
    )
    before = await _row(clean_engine, AsOf(effective=start_of(date(2023, 3, 7))))
    assert before is not None and before["summary"]["open_frictions"] == ["S1"]
    after = await _row(clean_engine, AsOf(effective=start_of(date(2023, 3, 11))))
    assert after is not None and after["summary"]["open_frictions"] == ["S1"]
    assert after["version"] == 7  # the schuurpunt, then its resolution
