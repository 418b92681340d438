"""Logging in to the dashboard with a token (kept in a strict same-site cookie) and logging out
(a form post with the session's CSRF token); the login form carries a CSRF token of its own."""

from __future__ import annotations

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from store.tokens import lookup_token
from web.auth import COOKIE
from web.dashboard import csrf
from web.dashboard.render import templates
from web.deps import AppServices

router = APIRouter(include_in_schema=False)


def _form(request: Request, error: str | None, status: int = 200) -> Response:
    token = csrf.login_token(request)
    context = {"error": error, "csrf": token}
    response = templates.TemplateResponse(request, "login.html", context, status_code=status)
    csrf.keep_login_token(response, token)
    return response


@router.get("/inloggen", response_class=HTMLResponse)
async def login_form(request: Request) -> Response:
    return _form(request, None)


@router.post("/inloggen")
async def login(
    request: Request,
    services: AppServices,
    token: str = Form(""),
    csrf_token: str = Form("", alias=csrf.FIELD),
) -> Response:
    if not csrf.login_valid(request, csrf_token):
        return _form(request, "Het formulier was verlopen; log opnieuw in.", 403)
    if not token or await lookup_token(services.engine, token.strip()) is None:
        return _form(request, "Onbekend, ingetrokken of verlopen token.", 401)
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(COOKIE, token.strip(), httponly=True, samesite="strict")
    response.delete_cookie(csrf.LOGIN_COOKIE)
    return response


@router.get("/login", include_in_schema=False)
async def login_alias() -> Response:
    return RedirectResponse("/inloggen", status_code=303)


@router.post("/uitloggen")
async def logout(request: Request, csrf_token: str = Form("", alias=csrf.FIELD)) -> Response:
    """Log out: a form post with the session's CSRF token, so no other site can log a user out."""
    if not csrf.valid(request, csrf_token):
        return RedirectResponse("/", status_code=303)
    response = RedirectResponse("/inloggen", status_code=303)
    response.delete_cookie(COOKIE)
    return response
