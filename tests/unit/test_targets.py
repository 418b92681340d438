"""Which event completes which deadline: the timeline and the process's own timers agree."""

from __future__ import annotations

from typing import Any

from domain.area import commands as ac
from domain.area import targets as area_targets
from domain.area.state import evolve as evolve_area
from domain.province import commands as cmd
from domain.province import targets as province_targets
from domain.province.state import evolve as evolve_province
from domain.shared.commands import Command
from domain.shared.deadlines import TargetEvents
from domain.shared.events import Event
from tests.unit import journey
from tests.unit import test_area_rules as area
from tests.unit.test_province_rules import AGREEMENTS


class Recorder:
    """Runs commands on a process and keeps the events they record."""

    def __init__(self, state: Any, run: Any) -> None:
        self.start, self.state, self.run = state, state, run
        self.events: list[Event] = []

    def __call__(self, command: Command) -> None:
        self.state, events = self.run(self.state, command)
        self.events.extend(events)


def completed_in_step(
    state: Any, events: list[Event], room: TargetEvents, evolve: Any
) -> list[str]:
    """Fold the events one by one: a deadline an event completes is done right after it, and
    one it reopens is not. Returns the deadlines completed, in order."""
    completed: list[str] = []
    for event in events:
        state = evolve(state, event)
        done, reopened = room.completes(event), room.reopens(event)
        if done is not None:
            assert state.target_done(str(done)), f"{event.type} completes {done}"
            completed.append(str(done))
        if reopened is not None:
            assert not state.target_done(str(reopened[0])), f"{event.type} reopens {reopened[0]}"
    return completed


def test_a_journey_completes_ijkmomenten_voorstel_and_arrangement_as_its_timers_see_it() -> None:
    do = Recorder(journey.started(), journey.run)
    for n in (1, 2, 3):
        do(cmd.SubmitDraft(actor="gs", checkpoint=n, document_ref=f"d{n}", summary="s"))
        for party in do.state.checkpoint(n).requested:
            do(cmd.SubmitReview(actor=party, checkpoint=n, party=party, outcome="akkoord"))
    do(cmd.SubmitProposal(actor="gs", document_ref="voorstel", summary="v"))
    do(cmd.AdoptProposal(actor="minister-vro"))
    do(cmd.DraftArrangement(actor="regieteam", text="RA", agreements=AGREEMENTS))
    for who in ("minister-vro", "gedeputeerde-ge"):
        do(cmd.SignArrangement(actor=who, signatory=who, text_hash=do.state.arrangement.text_hash))
    do(cmd.StartAmendment(actor="r", reason="nieuwe opgave"))

    completed = completed_in_step(do.start, do.events, province_targets, evolve_province)
    assert completed == ["ijkmoment-1", "ijkmoment-2", "ijkmoment-3", "voorstel", "arrangement"]
    assert province_targets.reopens(do.events[-1]) == (province_targets.ARRANGEMENT, None)


def test_an_area_completes_an_ijkpunt_and_its_perspective_as_its_timers_see_it() -> None:
    do = Recorder(area.started(), area.run)
    do(ac.ReachCheckpoint(actor="duo", checkpoint=1))
    do(ac.DraftPerspective(actor="r", document_ref="op-v1", summary="s", readiness=95))
    for party in do.state.requested:
        do(ac.ReviewPerspective(actor=party, party=party, outcome="akkoord"))
    do(ac.AdoptPerspective(actor="duo"))

    completed = completed_in_step(do.start, do.events, area_targets, evolve_area)
    assert completed == ["ijkpunt-1", "ontwikkelperspectief"]
    assert do.state.target_done("ijkpunt-2")  # an adopted perspective stops every ijkpunt's timers
