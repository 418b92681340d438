"""Bearer tokens at the web edge: who holds the request's token (or the dashboard's cookie)."""

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


async def holder(request: Request) -> TokenHolder:
    """The holder of the request's bearer token (or the dashboard's cookie)."""
    header = request.headers.get("Authorization", "")
    token = header[7:].strip() if header.lower().startswith("bearer ") else None
    token = token or request.cookies.get(COOKIE)
    if not token:
        raise Problem(401, "Unauthorized", "a bearer token is required")
    found = await lookup_token(services_of(request).engine, token)
    if found is None:
        raise Problem(401, "Unauthorized", "unknown or revoked token")
    return found


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
