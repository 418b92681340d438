"""`/api/me/tasks`: what waits for the token's holder (Mijn werk)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query

from service.tasks import MyTasks, my_tasks
from web.auth import Holder
from web.deps import AppServices

router = APIRouter()


@router.get("/api/me/tasks", tags=["status"])
async def tasks(
    who: Holder,
    services: AppServices,
    as_of: Annotated[datetime | None, Query(description="ISO instant")] = None,
) -> MyTasks:
    """Reviews the holder's party owes, signatures, afspraken to confirm, escalation proposals
    and decisions at their level, drafts to submit, and what is overdue or falls due within
    14 days in their scope — overdue first, then by due date."""
    return await my_tasks(services, who, as_of)
