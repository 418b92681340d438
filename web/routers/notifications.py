"""`/api/notifications`: the outbox with delivery states, and redelivery of dead letters."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Query
from pydantic import BaseModel

from notify.outbox import list_notifications
from service.redelivery import redeliver_once
from web.auth import Holder, require_coordinator
from web.deps import AppServices, IdempotencyKey
from web.problems import Problem

router = APIRouter()


class Redeliver(BaseModel):
    """Dead-lettered notifications to send again (none: all of them)."""

    ids: list[UUID] | None = None


@router.get("/api/notifications", tags=["notifications"])
async def notifications(
    who: Holder,
    services: AppServices,
    status: Literal["pending", "delivered", "dead"] | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> list[dict[str, Any]]:
    return await list_notifications(services.engine, status, limit)


@router.post("/api/notifications/redeliver", tags=["notifications"])
async def redeliver_notifications(
    who: Holder, services: AppServices, body: Redeliver, key: IdempotencyKey
) -> dict[str, Any]:
    require_coordinator(who)
    ids = None if body.ids is None else [str(i) for i in body.ids]
    try:
        chosen = await redeliver_once(services.store, ids, who.actor, key)
    except ValueError as exc:
        raise Problem(409, "Conflict", str(exc)) from None
    return {"redelivered": chosen}
