"""The demo's generated history, judged as `novex import` judges it (pure domain, no servers):
every block is accepted in date order without a correction, and the milestones sit on the
public timeline — startpakketten on 12 December 2022, every voorstel in February 2024, eleven
arrangements signed by both signatories at the BOL of 10–11 June 2025, Groningen's
procesafspraak there."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest

from config.catalog_file import load_catalog
from domain.catalog.planning import area_start, journey_start
from domain.shared.history import record_history
from domain.shared.ids import StreamId
from service.demo_history import demo_history
from service.history_file import Block, read_yaml, write_yaml
from service.rooms import ROOMS

CATALOG = load_catalog()
BLOCKS = read_yaml("demo.yaml", write_yaml(demo_history(CATALOG)))
BOL_DAYS = {date(2025, 6, 10), date(2025, 6, 11)}


def _lines(process: str, kind: str) -> list[date | None]:
    block = next(b for b in BLOCKS if b.process == process)
    return [line.on for line in block.lines if line.type == kind]


@pytest.mark.parametrize("block", BLOCKS, ids=lambda b: b.process)
def test_every_block_of_the_demo_history_is_accepted_by_the_rules_in_date_order(
    block: Block,
) -> None:
    stream = StreamId.parse(block.process)
    room = ROOMS[stream.kind]
    start = journey_start if stream.kind == "province" else area_start
    begin = start(CATALOG, stream.subject, actor="regieteam")
    state = room.rules.state()
    now = datetime.now(UTC)
    for event in room.rules.start(
        state, begin.model_copy(update={"occurred_on": block.started}), now=now, new_id=uuid.uuid4
    ):
        state = room.rules.evolve(state, event)
    commands = [
        room.adapter.validate_python(
            {**line.fields, "type": line.type, "actor": "regieteam", "occurred_on": line.on}
        )
        for line in block.lines
    ]
    dates = [c.occurred_on for c in commands]
    assert dates == sorted(dates) and all(line.correction_reason is None for line in block.lines)
    events = record_history(
        state,
        commands,
        actor="regieteam",
        now=now,
        new_id=uuid.uuid4,
        decide=room.rules.decide,
        evolve=room.rules.evolve,
    )
    assert len(events) >= len(commands)


def test_the_history_tells_every_province_and_area_of_the_catalog_provinces_first() -> None:
    kinds = [StreamId.parse(b.process).kind for b in BLOCKS]
    assert kinds == ["province"] * 12 + ["area"] * 16
    assert {b.started for b in BLOCKS} == {date(2022, 12, 12)}


def test_the_milestones_sit_on_the_public_timeline() -> None:
    provinces = [b.process for b in BLOCKS if b.process.startswith("province-")]
    voorstellen = [d for p in provinces for d in _lines(p, "SubmitProposal")]
    assert len(voorstellen) == 12 and all(d and (d.year, d.month) == (2024, 2) for d in voorstellen)
    signed = {p: _lines(p, "SignArrangement") for p in provinces}
    at_the_bol = {p for p, days in signed.items() if days[:2] and set(days[:2]) <= BOL_DAYS}
    assert len(at_the_bol) == 11 and "province-GR" not in at_the_bol
    assert all(len(days[:2]) == 2 for p, days in signed.items() if p in at_the_bol)
    assert _lines("province-GR", "ConcludeProcessAgreement") == [date(2025, 6, 11)]
