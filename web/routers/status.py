"""`/api/status`: every process at a glance, now or as of an instant."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query

from service import queries
from web.auth import Holder
from web.deps import AppServices

router = APIRouter()


@router.get("/api/status", tags=["status"])
async def status(
    who: Holder,
    services: AppServices,
    as_of: Annotated[datetime | None, Query(description="ISO instant")] = None,
) -> list[dict[str, Any]]:
    """Every province, area and escalation: phase, next due date, overdue, frictions."""
    return await queries.status(services, as_of)
