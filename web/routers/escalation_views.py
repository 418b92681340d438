"""`/api/escalations/{id}`: one escalation in full — its level, members, proposals, deadline,
what the deadline will do and the ladder; known by its full id or as lists show it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter

from domain.shared.ids import StreamId
from service import queries
from web.auth import Holder
from web.deps import AppServices
from web.problems import Problem

router = APIRouter()


def escalation_stream(escalation_id: str) -> str:
    """The stream id of an escalation written either way (``area-de-peel~1`` or
    ``escalation-area-de-peel~1``); 404 naming the id when it is neither."""
    try:
        return str(StreamId.of_escalation(escalation_id))
    except ValueError:
        raise Problem(404, "Not Found", f"no escalation {escalation_id!r}") from None


@router.get("/api/escalations/{escalation_id}", tags=["status"])
async def escalation(
    who: Holder, services: AppServices, escalation_id: str, as_of: datetime | None = None
) -> dict[str, Any]:
    found = await queries.detail(services, escalation_stream(escalation_id), as_of)
    if found is None:
        raise Problem(404, "Not Found", f"no escalation {escalation_id!r}")
    return found
