"""CSRF protection of the dashboard's forms: a per-session token in a hidden field, checked on
every POST. The session's token is derived from its login cookie (an HMAC under the cookie's
value), so no other site can know it; before login, a random cookie of its own serves."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from fastapi import Request, Response

from web.auth import COOKIE

FIELD = "csrf"
LOGIN_COOKIE = "novex_login_csrf"


def session_token(login_cookie: str) -> str:
    """The CSRF token of the session that logged in with this cookie."""
    return hmac.new(login_cookie.encode(), b"novex-csrf", hashlib.sha256).hexdigest()


def form_token(request: Request) -> str:
    """The token this request's forms carry (empty when nobody is logged in)."""
    cookie = request.cookies.get(COOKIE)
    return session_token(cookie) if cookie else ""


def valid(request: Request, sent: str | None) -> bool:
    """Whether a posted form carries its session's token."""
    expected = form_token(request)
    return bool(expected and sent) and hmac.compare_digest(expected, str(sent))


def login_token(request: Request) -> str:
    """The login form's token: the pre-session cookie's value, or a new one."""
    return request.cookies.get(LOGIN_COOKIE) or secrets.token_urlsafe(24)


def keep_login_token(response: Response, token: str) -> None:
    """Set the login form's cookie (strict same-site, not for scripts)."""
    response.set_cookie(LOGIN_COOKIE, token, httponly=True, samesite="strict", max_age=3600)


def login_valid(request: Request, sent: str | None) -> bool:
    cookie = request.cookies.get(LOGIN_COOKIE) or ""
    return bool(cookie and sent) and hmac.compare_digest(cookie, str(sent))
