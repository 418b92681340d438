"""`/api/escalations/{id}`: one escalation in full — its level, members, proposals, deadline,
what the deadline will do and the ladder; known by its full id or as lists show it."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from service import queries
from service.context import Services
from web.auth import Holder
from web.deps import AppServices, AsOfParams, stream_named
from web.problems import Problem

router = APIRouter()


def escalation_stream(services: Services, escalation_id: str) -> str:
    """The stream id of an escalation written either way (``area-de-peel~1`` or
    ``escalation-area-de-peel~1``, in any case); 404 naming the id when it is neither."""
    stream = stream_named(services, escalation_id)
    if not stream.startswith("escalation-"):
        raise Problem(404, "Not Found", f"no escalation {escalation_id!r}")
    return stream


@router.get("/api/escalations/{escalation_id}", tags=["status"])
async def escalation(
    who: Holder, services: AppServices, escalation_id: str, as_of: AsOfParams
) -> dict[str, Any]:
    found = await queries.detail(services, escalation_stream(services, escalation_id), as_of)
    if found is None:
        raise Problem(404, "Not Found", f"no escalation {escalation_id!r}")
    return found
