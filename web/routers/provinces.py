"""`/api/provinces/{code}`: a province's journey in detail, and commands to it."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Body

from domain.province.commands import ProvinceCommand
from service import queries
from service.authorization import authorize
from service.commands import send_command, vet
from web.auth import Holder, may_start
from web.deps import AppServices, IdempotencyKey
from web.problems import Problem
from workflows.messages import CommandResult

router = APIRouter()


@router.get("/api/provinces/{code}", tags=["status"])
async def province(
    who: Holder, services: AppServices, code: str, as_of: datetime | None = None
) -> dict[str, Any]:
    found = await queries.detail(services, services.province_stream(code.upper()), as_of)
    if found is None:
        raise Problem(404, "Not Found", f"the journey of {code} has not started")
    return found


@router.post("/api/provinces/{code}/commands", tags=["commands"])
async def province_command(
    who: Holder,
    services: AppServices,
    code: str,
    command: Annotated[ProvinceCommand, Body()],
    key: IdempotencyKey,
) -> CommandResult:
    """Submit drafts and reviews, raise frictions, sign, move deadlines, … A coordinator's
    command to a journey not yet started starts it with that command."""
    place = services.catalog.province(code.upper())
    command = command.model_copy(update={"actor": who.actor})
    vet(services.catalog, command)
    authorize(who, "province", command, provinces=(place.code,))
    return await send_command(
        services.temporal,
        place.code,
        command,
        services.label,
        key=key,
        start=may_start(who, services),
    )
