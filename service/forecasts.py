"""The prognose of one process and the programme's trend it leans on, now or as of the past."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

from domain.shared.effective import day_of
from domain.shared.events import Event
from domain.views.as_of import AsOf
from domain.views.forecast import Projection, Trend, forecast, programme_trend
from domain.views.timeline import timeline
from service.context import Services
from service.process_view import describe
from service.reading import events, status

TREND_SECONDS = 60.0
"""How long the programme's trend of now is reused (it reads processes' events)."""
TREND_SAMPLE = 500
"""The trend rests on at most this many processes, the most recently active (the programme has
28; a median over 500 is steady enough at any size)."""
_trends: dict[tuple[int, str | None], tuple[float, Trend]] = {}


async def _history(services: Services, stream: str, as_of: AsOf | None) -> list[Event]:
    return [e for _, e in await events(services, stream, as_of)]


async def timelines(
    services: Services, as_of: AsOf | None = None, most: int | None = None
) -> dict[str, list[Any]]:
    """Every province's and area's timeline (planned against actual), now or as of the past
    (effective and/or recorded time); with ``most``, of the most recently active ones only."""
    now = as_of.moment if as_of else datetime.now(UTC)
    chosen = [r for r in await status(services, as_of) if r["kind"] in ("province", "area")]
    if most is not None:
        chosen.sort(key=lambda r: str(r.get("updated_at") or ""), reverse=True)
        chosen = chosen[:most]
    return {
        r["stream_id"]: timeline(await _history(services, r["stream_id"], as_of), now)
        for r in chosen
    }


async def trend(services: Services, as_of: AsOf | None = None) -> Trend:
    """The programme's slip so far (reused for a minute when asked about now)."""
    key = (id(services.engine), services.label)
    cached = _trends.get(key)
    if as_of is None and cached is not None and time.monotonic() - cached[0] < TREND_SECONDS:
        return cached[1]
    made = programme_trend((await timelines(services, as_of, TREND_SAMPLE)).values())
    if as_of is None:
        _trends[key] = (time.monotonic(), made)
    return made


def agenda_span(view: Mapping[str, Any]) -> tuple[date, date] | None:
    """An area's agenda: its planned end and the finish of its critical path (None without)."""
    agenda = view.get("agenda") or {}
    actions, finish = agenda.get("actions") or [], agenda.get("finish")
    if not actions or not finish:
        return None
    planned_end = max(date.fromisoformat(a["planned_end"]) for a in actions)
    return planned_end, date.fromisoformat(finish)


def projected(
    rows: Sequence[Mapping[str, Any]],
    view: Mapping[str, Any],
    today: date,
    programme: Trend,
) -> list[dict[str, Any]]:
    """The prognose of one process as the API and the pages show it."""
    return [_shown(p) for p in forecast(rows, today, programme, agenda_span(view))]


async def attach(services: Services, rows: list[dict[str, Any]], as_of: AsOf | None) -> None:
    """Give each province and area row of a board page the prognose of its next step
    (``forecast``: target, projected, basis_text), or None when nothing is pending."""
    processes = [r for r in rows if r["kind"] in ("province", "area")]
    if not processes:
        return
    programme = await trend(services, as_of)
    now = as_of.moment if as_of else datetime.now(UTC)
    for row in processes:
        events = await _history(services, row["stream_id"], as_of)
        view = describe(row["stream_id"], events) if row["kind"] == "area" else {}
        shown = projected(timeline(events, now), view, day_of(now), programme)
        following = (row.get("summary") or {}).get("next_due") or {}
        row["forecast"] = next(
            (p for p in shown if p["target"] == following.get("target")),
            shown[0] if shown else None,
        )


def _shown(p: Projection) -> dict[str, Any]:
    return {**p.model_dump(mode="json"), "basis_text": p.basis_text}
