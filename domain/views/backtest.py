"""How good the prognose is: cut histories at a date, forecast, compare with what happened."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time
from statistics import mean

from domain.shared.base import Frozen
from domain.shared.events import Event
from domain.views.forecast import forecast, programme_trend
from domain.views.timeline import timeline


class Backtest(Frozen):
    """Mean absolute error in days of the prognose and of the naive "the plan holds" (the due
    date agreed on the cut day), over every milestone pending at a cut and reached later."""

    cuts: tuple[date, ...]
    milestones: int
    forecast_mae_days: float | None
    naive_mae_days: float | None


def _end_of(day: date) -> datetime:
    return datetime.combine(day, time.max, tzinfo=UTC)


def backtest(
    histories: Sequence[Sequence[Event]],
    cuts: Sequence[date],
    when: Callable[[Event], date],
) -> Backtest:
    """Forecast every process as it stood at each cut (its events up to that day, by ``when``,
    with the programme's trend of that day) and compare with the day each milestone was reached
    in the whole history."""
    errors: list[tuple[int, int]] = []
    finals = [{r["target"]: r for r in timeline(h, _end_of(date.max))} for h in histories]
    for cut in cuts:
        then = [timeline([e for e in h if when(e) <= cut], _end_of(cut)) for h in histories]
        trend = programme_trend(then)
        for rows, final in zip(then, finals, strict=True):
            for p in forecast(rows, cut, trend):
                reached = final.get(p.target, {}).get("done")
                if reached is None:
                    continue
                actual = reached.date() if isinstance(reached, datetime) else reached
                naive = max(p.due, cut)
                errors.append((abs((p.projected - actual).days), abs((naive - actual).days)))
    return Backtest(
        cuts=tuple(cuts),
        milestones=len(errors),
        forecast_mae_days=round(mean(e[0] for e in errors), 1) if errors else None,
        naive_mae_days=round(mean(e[1] for e in errors), 1) if errors else None,
    )
