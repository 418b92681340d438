"""`/api/programme/start` and `/api/programme/ladder`: start journeys and area processes from
the catalog; give running ones the catalog's current escalation ladder."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from domain.catalog.ids import area_id, province_code
from domain.catalog.model import CatalogError
from service.ladder import apply_ladder
from service.starting import start_programme
from web.auth import Holder, require_coordinator
from web.deps import AppServices, IdempotencyKey
from web.problems import Problem

router = APIRouter()


class StartProgramme(BaseModel):
    """Which journeys and areas to start (left out: all from the catalog; ``[]``: none)."""

    provinces: list[str] | None = None
    areas: list[str] | None = None
    occurred_on: date | None = Field(
        default=None, description="the date they started (default: today); never in the future"
    )


@router.post("/api/programme/start", tags=["commands"])
async def start(
    who: Holder, services: AppServices, body: StartProgramme, key: IdempotencyKey
) -> dict[str, Any]:
    """Start journeys and area processes from the catalog; running ones are reported."""
    require_coordinator(who)
    catalog = services.catalog
    try:  # codes and keys in any case, spelled as the catalog spells them
        provinces = (
            None if body.provinces is None else [province_code(catalog, c) for c in body.provinces]
        )
        areas = None if body.areas is None else [area_id(catalog, a) for a in body.areas]
    except CatalogError as exc:
        raise Problem(422, "Unprocessable Content", str(exc)) from None
    return await start_programme(
        services.temporal,
        catalog,
        actor=who.actor,
        task_queue=services.settings.task_queue,
        provinces=provinces,
        areas=areas,
        label=services.label,
        key=key,
        occurred_on=body.occurred_on,
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
