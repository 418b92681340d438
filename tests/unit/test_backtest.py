"""The backtest cuts histories at a date, forecasts, and compares with what happened: on a
programme whose provinces each run late by their own margin, the prognose beats "the plan holds"."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from config.catalog_file import load_catalog
from domain.catalog.planning import journey_start
from domain.province import commands as cmd
from domain.province.rules import decide, start
from domain.province.state import ProvinceJourney, evolve
from domain.shared.events import Event
from domain.views.backtest import backtest
from tests.unit.journey import T0, new_id


def _journey(code: str, late: timedelta) -> list[Event]:
    """A journey that passes each ijkmoment ``late`` after its due date."""
    command = journey_start(load_catalog(), code, actor="regieteam")
    state, history = ProvinceJourney(), list[Event]()
    for event in start(state, command, now=T0, new_id=new_id):
        state, history = evolve(state, event), [*history, event]
    for cp in command.checkpoints:
        at = cp.due + late
        steps: list[cmd.SubmitDraft | cmd.SubmitReview] = [
            cmd.SubmitDraft(actor="gs", checkpoint=cp.number, document_ref="d", summary="s")
        ]
        for event in decide(state, steps[0], now=at - timedelta(days=1), new_id=new_id):
            state, history = evolve(state, event), [*history, event]
        checkpoint = state.checkpoint(cp.number)
        assert checkpoint is not None
        for party in checkpoint.requested:
            review = cmd.SubmitReview(
                actor=party, checkpoint=cp.number, party=party, outcome="akkoord"
            )
            for event in decide(state, review, now=at, new_id=new_id):
                state, history = evolve(state, event), [*history, event]
    return history


def _day(e: Event) -> date:
    moment: datetime = e.occurred_at
    return moment.date()


def test_the_prognose_beats_the_plan_holds_when_provinces_run_late_by_their_own_margin() -> None:
    margins = {"GE": 0, "UT": 45, "ZH": 90, "NB": 150}
    histories = [_journey(code, timedelta(days=d)) for code, d in margins.items()]
    result = backtest(histories, [date(2023, 3, 1), date(2023, 5, 1), date(2023, 7, 1)], _day)
    assert result.milestones >= 8
    assert result.forecast_mae_days is not None and result.naive_mae_days is not None
    assert result.forecast_mae_days < result.naive_mae_days


def test_a_backtest_with_nothing_reached_after_its_cuts_measures_nothing() -> None:
    histories = [_journey("GE", timedelta(0))]
    result = backtest(histories, [date(2030, 1, 1)], _day)
    assert result.milestones == 0 and result.forecast_mae_days is None
