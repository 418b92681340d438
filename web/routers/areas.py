"""`/api/areas/{key}`: a NOVEX area's process in detail, and commands to it."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body

from domain.area.commands import AreaCommand
from service import queries
from service.authorization import authorize
from service.commands import send_area_command, vet
from web.auth import Holder, may_start
from web.deps import AppServices, AsOfParams, IdempotencyKey
from web.problems import Problem
from workflows.messages import CommandResult

router = APIRouter()


@router.get("/api/areas/{key}", tags=["status"])
async def area(who: Holder, services: AppServices, key: str, as_of: AsOfParams) -> dict[str, Any]:
    found = await queries.detail(services, services.area_stream(key), as_of)
    if found is None:
        raise Problem(404, "Not Found", f"the process of area {key} has not started")
    return found


@router.post("/api/areas/{key}/commands", tags=["commands"])
async def area_command(
    who: Holder,
    services: AppServices,
    key: str,
    command: Annotated[AreaCommand, Body()],
    idempotency_key: IdempotencyKey,
) -> CommandResult:
    """Draft and adopt the perspective, build the agenda, agree, … A coordinator's command to
    an area whose process has not started starts it with that command."""
    place = services.catalog.area(key)
    command = command.model_copy(update={"actor": who.actor})
    vet(services.catalog, command)
    authorize(who, "area", command, provinces=place.provinces)
    return await send_area_command(
        services.temporal,
        place.id,
        command,
        services.label,
        key=idempotency_key,
        start=may_start(who, services),
    )
