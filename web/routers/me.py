"""`/api/me` and `/api/me/tasks`: who the token's holder is, and what waits for them (Mijn werk)."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from service.tasks import MyTasks, my_tasks
from web.auth import Holder
from web.deps import AppServices, AsOfParams

router = APIRouter()


class Me(BaseModel):
    """Who a token stands for: the actor every command of theirs is recorded under."""

    actor: str
    role: str
    scope: str | None


@router.get("/api/me", tags=["status"])
async def me(who: Holder) -> Me:
    """The token's holder: actor, role and scope (`novex login` checks a token with it)."""
    return Me(actor=who.actor, role=who.role, scope=who.scope)


@router.get("/api/me/tasks", tags=["status"])
async def tasks(
    who: Holder,
    services: AppServices,
    as_of: AsOfParams,
) -> MyTasks:
    """Reviews the holder's party owes, signatures, afspraken to confirm, escalation proposals
    and decisions at their level, drafts to submit, and what is overdue or falls due within
    14 days in their scope — overdue first, then by due date."""
    return await my_tasks(services, who, as_of)
