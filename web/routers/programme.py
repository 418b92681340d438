"""`/api/programme/start`: start journeys and area processes from the catalog."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel

from service.commands import start_areas, start_journeys
from web.auth import Holder, require_coordinator
from web.deps import AppServices

router = APIRouter()


class StartProgramme(BaseModel):
    """Which journeys and areas to start (default: all from the catalog)."""

    provinces: list[str] | None = None
    areas: list[str] | None = None


@router.post("/api/programme/start", tags=["commands"])
async def start(who: Holder, services: AppServices, body: StartProgramme) -> dict[str, Any]:
    """Start journeys and area processes from the catalog; running ones are reported."""
    require_coordinator(who)
    catalog, queue, label = services.catalog, services.settings.task_queue, services.label
    for code in body.provinces or []:
        catalog.province(code)
    for key in body.areas or []:
        catalog.area(key)
    client = services.temporal
    journeys = await start_journeys(
        client, catalog, actor=who.actor, task_queue=queue, codes=body.provinces, label=label
    )
    areas = await start_areas(
        client, catalog, actor=who.actor, task_queue=queue, areas=body.areas, label=label
    )
    return {"provinces": journeys, "areas": areas}
