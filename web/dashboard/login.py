"""Logging in to the dashboard with a token (kept in a cookie) and logging out."""

from __future__ import annotations

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from store.tokens import lookup_token
from web.auth import COOKIE
from web.dashboard.render import templates
from web.deps import AppServices

router = APIRouter(include_in_schema=False)


@router.get("/inloggen", response_class=HTMLResponse)
async def login_form(request: Request) -> Response:
    return templates.TemplateResponse(request, "login.html", {"error": None})


@router.post("/inloggen")
async def login(request: Request, services: AppServices, token: str = Form("")) -> Response:
    if not token or await lookup_token(services.engine, token) is None:
        return templates.TemplateResponse(
            request, "login.html", {"error": "Onbekend of ingetrokken token."}, status_code=401
        )
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict")
    return response


@router.get("/uitloggen")
async def logout() -> Response:
    response = RedirectResponse("/inloggen", status_code=303)
    response.delete_cookie(COOKIE)
    return response
