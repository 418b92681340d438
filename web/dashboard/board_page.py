"""The national board: provinces and areas, each a page of 50, with the same filters and sort;
sortable column headers and page links keep every other choice."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import Request

from domain.area.state import AreaPhase
from domain.catalog.model import Catalog
from domain.province.state import Phase
from domain.views.as_of import AsOf
from domain.views.board import BoardQuery
from notify.outbox import count_notifications
from service import queries
from service.context import Services
from web.board_params import pages, parse_board_query

PHASES = [
    Phase.CHECKPOINT_1.value,
    Phase.CHECKPOINT_2.value,
    Phase.CHECKPOINT_3.value,
    Phase.PROPOSAL.value,
    Phase.ARRANGEMENT.value,
    Phase.SIGNED.value,
    Phase.PROCESS_AGREEMENT.value,
]
AREA_PHASES = [p.value for p in AreaPhase if p is not AreaPhase.NOT_STARTED]
FILTERS = ("province", "phase", "programme", "overdue", "stuck", "sort", "per_page")
TABLES = {"province": "page", "area": "area_page"}
"""Each table of the board and the parameter that holds its page."""


def cells(phase: str) -> list[str]:
    """Per board column: the current phase, phases behind it, or nothing."""
    if phase not in PHASES:
        return [""] * len(PHASES)
    index = PHASES.index(phase)
    done = min(index, PHASES.index(Phase.SIGNED.value))
    return ["done" if i < done else "current" if i == index else "" for i in range(len(PHASES))]


def link(request: Request, **changes: Any) -> str:
    """This board's address with some parameters changed (None or '' removes one)."""
    params = dict(request.query_params)
    for key, value in changes.items():
        if value in (None, "", False):
            params.pop(key, None)
        else:
            params[key] = "true" if value is True else str(value)
    return "?" + urlencode(params) if params else "?"


def _query(request: Request, catalog: Catalog, kind: str) -> BoardQuery:
    given: dict[str, Any] = {k: request.query_params.get(k) for k in FILTERS}
    given |= {k: given[k] in ("true", "on", "1") for k in ("overdue", "stuck")}
    given |= {"kind": kind}
    return parse_board_query(catalog, **given, page=request.query_params.get(TABLES[kind]) or 1)


def _sorting(request: Request, query: BoardQuery, key: str) -> dict[str, str]:
    """A column header's sort link and its aria-sort (ascending, descending or none)."""
    active = query.sort_key == key
    state = ("descending" if query.descending else "ascending") if active else "none"
    flip = f"-{key}" if active and not query.descending else key
    return {"href": link(request, sort=flip, page=None, area_page=None), "aria": state}


async def _table(
    request: Request, services: Services, kind: str, as_of: AsOf | None
) -> dict[str, Any]:
    query = _query(request, services.catalog, kind)
    rows, total = await queries.board(services, query, as_of)
    last, param = pages(total, query), TABLES[kind]
    return {
        "rows": [{**r, "cells": cells(r["phase"])} for r in rows],
        "total": total,
        "page": query.page,
        "pages": last,
        "prev": link(request, **{param: query.page - 1}) if query.page > 1 else None,
        "next": link(request, **{param: query.page + 1}) if query.page < last else None,
        "sort": {k: _sorting(request, query, k) for k in ("name", "phase", "next_due", "overdue")},
    }


async def board_context(request: Request, services: Services, as_of: AsOf | None) -> dict[str, Any]:
    """Everything the board template shows."""
    provinces = await _table(request, services, "province", as_of)
    chosen = _query(request, services.catalog, "area")
    every_kind = chosen.model_copy(update={"kind": None})
    return {
        "phases": PHASES,
        "area_phases": AREA_PHASES,
        "provinces": provinces,
        "areas": await _table(request, services, "area", as_of),
        "chosen": chosen,
        "filtered": any(request.query_params.get(k) for k in FILTERS if k != "per_page"),
        "catalog": services.catalog,
        "open_escalations": await queries.open_escalations(services, as_of),
        "themes": await queries.frictions_per_theme(services, every_kind, as_of),
        "dead": await count_notifications(services.engine, "dead"),
    }
