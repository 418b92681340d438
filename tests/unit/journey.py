"""Helpers that build a started province journey for domain tests."""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, datetime, timedelta

from config.catalog_file import load_catalog
from domain.catalog.planning import journey_start
from domain.province import commands as cmd
from domain.province.rules import decide, start
from domain.province.state import ProvinceJourney, evolve
from domain.shared.commands import Command
from domain.shared.events import Event

T0 = datetime(2023, 1, 10, 9, 0, tzinfo=UTC)
_counter = itertools.count()


def new_id() -> uuid.UUID:
    return uuid.UUID(int=next(_counter) + 1)


def started(code: str = "GE") -> ProvinceJourney:
    catalog = load_catalog()
    command = journey_start(catalog, code, actor="regieteam")
    state = ProvinceJourney()
    for event in start(state, command, now=T0, new_id=new_id):
        state = evolve(state, event)
    return state


def run(
    state: ProvinceJourney, command: Command, at: datetime | None = None
) -> tuple[ProvinceJourney, list[Event]]:
    events = decide(state, command, now=at or T0 + timedelta(days=1), new_id=new_id)
    for event in events:
        state = evolve(state, event)
    return state, events


def pass_checkpoint(state: ProvinceJourney, number: int) -> ProvinceJourney:
    state, _ = run(
        state,
        cmd.SubmitDraft(actor="gs", checkpoint=number, document_ref=f"doc-{number}", summary="s"),
    )
    cp = state.checkpoint(number)
    assert cp is not None
    for party in cp.requested:
        state, _ = run(
            state,
            cmd.SubmitReview(actor=party, checkpoint=number, party=party, outcome="akkoord"),
        )
    return state
