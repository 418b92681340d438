"""`/api/status`: every process at a glance, now or as of an instant — filtered, sorted, paged."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response

from domain.views.board import BoardQuery
from service import queries
from web.auth import Holder
from web.board_params import board_query, page_link, pages
from web.deps import AppServices, AsOfParams

router = APIRouter()


@router.get("/api/status", tags=["status"])
async def status(
    who: Holder,
    services: AppServices,
    request: Request,
    response: Response,
    query: Annotated[BoardQuery, Depends(board_query)],
    as_of: AsOfParams,
) -> list[dict[str, Any]]:
    """Provinces, areas and escalations: phase, next due date, overdue, frictions. One page
    (50 rows unless ``per_page`` says otherwise); ``X-Total-Count`` says how many rows passed
    the filters and ``Link`` points to the next and previous page."""
    rows, total = await queries.board(services, query, as_of)
    response.headers["X-Total-Count"] = str(total)
    extra = {
        "as_of": as_of.effective.isoformat() if as_of and as_of.effective else None,
        "as_known_at": as_of.known.isoformat() if as_of and as_of.known else None,
    }
    links = []
    if query.page < pages(total, query):
        links.append(f'<{page_link(request.url.path, query, query.page + 1, **extra)}>; rel="next"')
    if query.page > 1:
        links.append(f'<{page_link(request.url.path, query, query.page - 1, **extra)}>; rel="prev"')
    if links:
        response.headers["Link"] = ", ".join(links)
    return rows


@router.get("/api/status/themes", tags=["status"])
async def themes(
    who: Holder,
    services: AppServices,
    query: Annotated[BoardQuery, Depends(board_query)],
    as_of: AsOfParams,
) -> list[dict[str, Any]]:
    """Schuurpunten per national programme they touch (``onbekend``: raised before themes,
    or without one), over every process the board's filters let through (paging aside):
    ``theme``, ``name``, ``open`` and ``all``."""
    return await queries.frictions_per_theme(services, query, as_of)
