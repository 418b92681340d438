"""The dashboard's pages: the home page (the board for coordinators, Mijn werk for everyone
else), the national board, Mijn werk, the escalations, the notifications."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from notify.outbox import list_notifications
from service import queries
from service.authorization import Role
from service.tasks import my_tasks
from store.tokens import TokenHolder
from web.dashboard.board_page import board_context
from web.dashboard.render import logged_in, page, parse_view, to_login
from web.deps import AppServices
from web.problems import Problem

router = APIRouter(include_in_schema=False)


async def _board(
    request: Request, services: AppServices, who: TokenHolder, as_of: str | None
) -> Response:
    moment = parse_view(request)
    context = await board_context(request, services, moment)
    return await page(
        request, "board.html", "Landelijk overzicht", who=who, as_of=moment, **context
    )


async def _tasks(
    request: Request, services: AppServices, who: TokenHolder, as_of: str | None
) -> Response:
    moment = parse_view(request)
    found = await my_tasks(services, who, moment)
    return await page(request, "tasks.html", "Mijn werk", who=who, as_of=moment, mine=found)


@router.get("/", response_class=HTMLResponse)
async def home(request: Request, services: AppServices, as_of: str | None = None) -> Response:
    """Coordinators keep the board; everyone else starts with what waits for them."""
    who = await logged_in(request)
    if who is None:
        return to_login()
    if who.role == Role.COORDINATOR:
        return await _board(request, services, who, as_of)
    return await _tasks(request, services, who, as_of)


@router.get("/overzicht", response_class=HTMLResponse)
async def board(request: Request, services: AppServices, as_of: str | None = None) -> Response:
    who = await logged_in(request)
    return await _board(request, services, who, as_of) if who else to_login()


@router.get("/mijn-werk", response_class=HTMLResponse)
async def tasks(request: Request, services: AppServices, as_of: str | None = None) -> Response:
    who = await logged_in(request)
    return await _tasks(request, services, who, as_of) if who else to_login()


@router.get("/escalaties", response_class=HTMLResponse)
async def escalations(
    request: Request, services: AppServices, as_of: str | None = None
) -> Response:
    who = await logged_in(request)
    if who is None:
        return to_login()
    moment = parse_view(request)
    rows = await queries.escalations(services, everything=True, as_of=moment)
    rows.sort(key=lambda r: (not r["summary"].get("open"), r["summary"].get("due") or ""))
    return await page(
        request, "escalations.html", "Escalaties", who=who, as_of=moment, escalations=rows
    )


@router.get("/meldingen", response_class=HTMLResponse)
async def notifications(
    request: Request, services: AppServices, status: str | None = None
) -> Response:
    who = await logged_in(request)
    if who is None:
        return to_login()
    if status not in (None, "pending", "delivered", "dead"):
        raise Problem(422, "Unprocessable Content", f"unknown status {status!r}")
    rows = await list_notifications(services.engine, status, 500)
    return await page(request, "notifications.html", "Meldingen", who=who, notifications=rows)
