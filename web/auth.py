"""Bearer tokens at the web edge: who holds the request's token (or the dashboard's cookie, for
reading only: a request that changes something must carry its token in the header, so no other
site can make a logged-in browser send one)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from service.authorization import Role
from service.commands import StartWith
from service.context import Services
from store.tokens import TokenHolder, lookup_token
from web.deps import services_of
from web.problems import Problem

COOKIE = "novex_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def bearer(request: Request) -> str | None:
    """The token of the request's ``Authorization: Bearer`` header."""
    header = request.headers.get("Authorization", "")
    return header[7:].strip() or None if header.lower().startswith("bearer ") else None


async def holder(request: Request) -> TokenHolder:
    """The holder of the request's bearer token (or, to read, the dashboard's cookie)."""
    token = bearer(request)
    if not token and request.method in SAFE_METHODS:
        token = request.cookies.get(COOKIE)
    if not token:
        raise Problem(401, "Unauthorized", "a bearer token is required")
    found = await lookup_token(services_of(request).engine, token)
    if found is None:
        raise Problem(401, "Unauthorized", "unknown, revoked or expired token")
    return found


async def session_holder(request: Request) -> TokenHolder | None:
    """The dashboard's user: the holder of its cookie (or of a bearer token); None when there
    is no valid one. The dashboard checks its own CSRF token on every form it receives."""
    token = request.cookies.get(COOKIE) or bearer(request)
    return await lookup_token(services_of(request).engine, token) if token else None


Holder = Annotated[TokenHolder, Depends(holder)]


def require_coordinator(who: TokenHolder) -> None:
    """Refuse unless the holder is a coordinator."""
    if who.role != Role.COORDINATOR:
        raise Problem(403, "Forbidden", f"only a coordinator may do this, not {who.role!r}")


def may_start(who: TokenHolder, services: Services) -> StartWith | None:
    """A coordinator's command starts the process it goes to when that is not there yet."""
    if who.role != Role.COORDINATOR:
        return None
    return StartWith(services.catalog, services.settings.task_queue, who.actor)
