"""A poison event does not stop the projector: after N failures it is parked with an alert to the
coordinators, the later events of its stream wait behind it, every other stream goes on, and a
retry after the fix folds them in order."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from pydantic import BaseModel
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from config.catalog_file import load_catalog
from domain.catalog.planning import journey_start
from domain.province.rules import start
from domain.province.state import ProvinceJourney
from domain.shared.upcasting import UPCASTERS, Upcaster
from notify.alerts import ParkingAlert
from store.eventstore import EventMetadata, EventStore, NewEvent
from store.parking import list_parked, retry_parked
from store.projections import FOLDINGS, Folding
from store.projector import Projector

T0 = datetime(2023, 2, 1, 12, tzinfo=UTC)
META = EventMetadata(actor="tester")


def _started(province: str) -> list[NewEvent]:
    events = start(
        ProvinceJourney(),
        journey_start(load_catalog(), province, actor="r"),
        now=T0,
        new_id=uuid.uuid4,
    )
    return [NewEvent(e.event_id, e.type, e.model_dump(mode="json")) for e in events]


def _moved(due_field: str = "due") -> NewEvent:
    """A DueDateMoved; with ``due_field="new_due"`` as a newer release spelled it (schema 3),
    which this release refuses to read: a real poison event."""
    event_id = uuid.uuid4()
    data: dict[str, Any] = {
        "type": "DueDateMoved",
        "event_id": str(event_id),
        "occurred_at": T0.isoformat(),
        "actor": "r",
        "target": "ijkmoment-1",
        "previous": T0.isoformat(),
        due_field: (T0 + timedelta(days=30)).isoformat(),
        "reason": "later",
    }
    return NewEvent(event_id, "DueDateMoved", data, schema_version=3 if due_field != "due" else 1)


def _due_from_new_due(data: dict[str, Any]) -> dict[str, Any]:
    """The fix: read schema 3 of DueDateMoved (``new_due``) as schema 2 (``due``)."""
    return {**{k: v for k, v in data.items() if k != "new_due"}, "due": data["new_due"]}


async def _status(engine: AsyncEngine) -> dict[str, int]:
    async with engine.connect() as conn:
        rows = await conn.execute(text("SELECT stream_id, version FROM novex_stream_status"))
        return {r[0]: r[1] for r in rows.all()}


async def _poisoned(store: EventStore) -> tuple[int, int, int]:
    """GE and NH journeys; NH gets a poison event and a good one behind it, GE a good one after
    both. Returns the positions of the poison, the one behind it, and GE's last."""
    await store.append("province-GE.park", 0, _started("GE"), META)
    await store.append("province-NH.park", 0, _started("NH"), META)
    poison = (await store.append("province-NH.park", None, [_moved("new_due")], META)).positions
    behind = (await store.append("province-NH.park", None, [_moved()], META)).positions
    after = (await store.append("province-GE.park", None, [_moved()], META)).positions
    return poison[0], behind[0], after[0]


async def test_a_poison_event_is_parked_after_three_failures_with_one_alert_and_the_rest_goes_on(
    clean_engine: AsyncEngine, quiet_store: EventStore
) -> None:
    poison, behind, after = await _poisoned(quiet_store)
    alert = ParkingAlert(quiet_store, load_catalog(), email_enabled=False)
    projector = Projector(clean_engine, batch_size=50, max_failures=3, on_parked=alert)
    await projector.catch_up()

    parked = await list_parked(clean_engine)
    assert [(p.position, p.attempts, p.blocked_by) for p in parked] == [
        (poison, 3, None),
        (behind, 0, poison),
    ]
    assert "UnreadableEvent: DueDateMoved schema version 3" in parked[0].error
    assert "newer release" in parked[0].error and parked[0].stream_id == "province-NH.park"
    started = len(_started("GE"))
    status = await _status(clean_engine)
    assert status["province-GE.park"] == started + 1  # the event after the poison was folded
    assert status["province-NH.park"] == started  # its stream stands before the poison

    alerts = await quiet_store.read_stream("alerts-projector")
    assert [(a.type, a.data["position"], a.data["attempts"]) for a in alerts] == [
        ("ProjectorEventParked", poison, 3)
    ]
    async with clean_engine.connect() as conn:
        outbox = (await conn.execute(text("SELECT kind, recipient FROM novex_outbox"))).all()
    assert [tuple(r) for r in outbox] == [("projector-parked", "regieteam")]

    assert status["alerts-projector"] == 1  # the alert itself is folded like any event
    assert await projector.catch_up() == 0  # the parked event is not tried again
    assert after == 5 and await projector.rebuild() == 4  # six events, two of them parked again
    assert [p.position for p in await list_parked(clean_engine)] == [poison, behind]
    assert len(await quiet_store.read_stream("alerts-projector")) == 1


async def test_a_retry_after_the_fix_folds_the_parked_events_of_the_stream_in_order(
    clean_engine: AsyncEngine, quiet_store: EventStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    poison, behind, _ = await _poisoned(quiet_store)
    projector = Projector(clean_engine, max_failures=2)
    await projector.catch_up()

    unfixed = await retry_parked(projector)
    assert unfixed.applied == [] and [p.attempts for p in unfixed.parked] == [3, 0]

    rollback = Upcaster(2, _due_from_new_due)  # the fix is an upcaster in the registry
    monkeypatch.setitem(UPCASTERS, ("DueDateMoved", 3), rollback)
    outcome = await retry_parked(projector, [str(behind)])  # names the stream: both go, in order
    assert [p.position for p in outcome.applied] == [poison, behind] and outcome.parked == []
    assert await list_parked(clean_engine) == []
    live = await _status(clean_engine)
    assert live["province-NH.park"] == len(_started("NH")) + 2
    await projector.rebuild()
    assert await _status(clean_engine) == live


class Tally(BaseModel):
    """The state of a test stream kind: the amount it was last told."""

    amount: str = "0"


def _as_is(data: dict[str, Any]) -> Any:
    return data


def _told(state: Tally, data: Any) -> Tally:
    return Tally(amount=data["amount"])


TALLY = Folding(Tally, _as_is, _told, lambda s: {"amount": float(s.amount)}, lambda s: "told")
"""A folding whose summary is a float: "1e309" makes it Infinity, which JSON cannot hold."""


async def test_a_fold_the_database_refuses_is_narrowed_to_its_event_and_parked(
    clean_engine: AsyncEngine, quiet_store: EventStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(FOLDINGS, "tally", TALLY)
    for i, amount in enumerate(("12.5", "1e309", "7")):
        data = {"type": "Told", "amount": amount}
        await quiet_store.append(f"tally-{i}", 0, [NewEvent(uuid.uuid4(), "Told", data)], META)
    projector = Projector(clean_engine, batch_size=10, max_failures=2)
    await projector.catch_up()

    parked = await list_parked(clean_engine)
    assert [(p.position, p.stream_id, p.attempts) for p in parked] == [(2, "tally-1", 2)]
    assert "json" in parked[0].error.lower()
    assert await _status(clean_engine) == {"tally-0": 1, "tally-2": 1}
