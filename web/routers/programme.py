"""`/api/programme/start` and `/api/programme/ladder`: start journeys and area processes from
the catalog; give running ones the catalog's current escalation ladder."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from service.ladder import apply_ladder
from service.starting import start_programme
from web.auth import Holder, require_coordinator
from web.deps import AppServices, IdempotencyKey

router = APIRouter()


class StartProgramme(BaseModel):
    """Which journeys and areas to start (left out: all from the catalog; ``[]``: none)."""

    provinces: list[str] | None = None
    areas: list[str] | None = None


@router.post("/api/programme/start", tags=["commands"])
async def start(
    who: Holder, services: AppServices, body: StartProgramme, key: IdempotencyKey
) -> dict[str, Any]:
    """Start journeys and area processes from the catalog; running ones are reported."""
    require_coordinator(who)
    catalog = services.catalog
    for code in body.provinces or []:
        catalog.province(code)
    for area in body.areas or []:
        catalog.area(area)
    return await start_programme(
        services.temporal,
        catalog,
        actor=who.actor,
        task_queue=services.settings.task_queue,
        provinces=body.provinces,
        areas=body.areas,
        label=services.label,
        key=key,
    )


class ApplyLadder(BaseModel):
    """Why the running processes get the catalog's current ladder."""

    reason: str = Field(min_length=1, max_length=500)


@router.post("/api/programme/ladder", tags=["commands"])
async def ladder(
    who: Holder, services: AppServices, body: ApplyLadder, key: IdempotencyKey
) -> dict[str, list[str]]:
    """Give every running journey and area the catalog's current escalation ladder; one line
    per process (changed, or why not)."""
    require_coordinator(who)
    lines = await apply_ladder(services, actor=who.actor, reason=body.reason, key=key)
    return {"lines": lines}
