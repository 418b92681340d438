"""The read side every edge asks: status (now, or as of the past on either axis: effective and
recorded time), the board (filtered, sorted, paged), one process in detail, its events, the
escalations."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import reduce
from typing import Any

from domain.shared.effective import Clock, day_of
from domain.shared.models import UNKNOWN_THEME
from domain.views import board as board_view
from domain.views.as_of import AsOf
from domain.views.board import BoardQuery, answer
from domain.views.timeline import timeline
from service import forecasts
from service.context import Services
from service.process_view import describe
from service.reading import events, status
from store import board as board_store
from store.board import count_open_escalations, status_page
from store.status import status_of


async def board(
    services: Services, query: BoardQuery, as_of: AsOf | None = None
) -> tuple[list[dict[str, Any]], int]:
    """One page of the board and how many rows passed its filters: from the read model in
    SQL, or (as of a past instant) from the rows folded from the event store; each province and
    area with the prognose of its next step."""
    if as_of is None:
        rows, total = await status_page(services.engine, query, services.label)
    else:
        rows, total = answer(query, await status(services, as_of))
    await forecasts.attach(services, rows, as_of)
    return rows, total


async def frictions_per_theme(
    services: Services, query: BoardQuery | None = None, as_of: AsOf | None = None
) -> list[dict[str, Any]]:
    """Schuurpunten per national programme over the board's rows (its filters, every page):
    ``theme``, the programme's ``name``, ``open`` and ``all``; catalog order, onbekend last."""
    query = query or BoardQuery()
    if as_of is None:
        counts = await board_store.frictions_per_theme(services.engine, query, services.label)
    else:
        counts = board_view.frictions_per_theme(query, await status(services, as_of))
    return themes_table(services, counts)


def themes_table(services: Services, counts: dict[str, dict[str, int]]) -> list[dict[str, Any]]:
    """Counts per theme as rows named from the catalog (a theme it no longer holds keeps its id)."""
    names = {p.id: p.name for p in services.catalog.programmes}
    order = {theme: i for i, theme in enumerate(names)}
    themes = sorted(counts, key=lambda t: (t == UNKNOWN_THEME, order.get(t, len(order)), t))
    return [{"theme": t, "name": names.get(t, t), **counts[t]} for t in themes]


async def open_escalations(services: Services, as_of: AsOf | None = None) -> int:
    """How many escalations wait for a decision (now, or as of a past instant)."""
    if as_of is None:
        return await count_open_escalations(services.engine, services.label)
    return len(await escalations(services, as_of=as_of))


async def escalations(
    services: Services, *, everything: bool = False, as_of: AsOf | None = None
) -> list[dict[str, Any]]:
    """The escalations' status rows: the open ones, or ``everything``."""
    rows = [r for r in await status(services, as_of) if r["kind"] == "escalation"]
    return [r for r in rows if everything or r["summary"].get("open")]


async def detail(
    services: Services, stream_id: str, as_of: AsOf | None = None
) -> dict[str, Any] | None:
    """Status row, timeline (planned against actual), prognose, page view and history of one
    process."""
    if as_of is None:
        row = await status_of(services.store, stream_id)
    else:
        row = next(iter(await status(services, as_of, stream_id)), None)
    if row is None:
        return None
    pairs = await events(services, stream_id, as_of)
    now = as_of.moment if as_of else datetime.now(UTC)
    rows = timeline([e for _, e in pairs], now)
    view = describe(stream_id, [e for _, e in pairs])
    prognose = []
    if row["kind"] in ("province", "area"):
        programme = await forecasts.trend(services, as_of)
        prognose = forecasts.projected(rows, view, day_of(now), programme)
    return {
        **row,
        "timeline": rows,
        "forecast": prognose,
        "view": view,
        "last_effective": reduce(Clock.after, (e for _, e in pairs), Clock()).last_date,
        "history": [
            {
                "version": s.version,
                "recorded_at": s.recorded_at,
                "occurred_on": e.occurred_on,
                "correction_reason": e.correction_reason,
                "type": s.type,
                "actor": s.metadata.get("actor"),
            }
            for s, e in pairs
        ],
    }
