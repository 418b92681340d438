"""`/api/provinces/{code}`: a province's journey in detail, and commands to it."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body
from pydantic import BaseModel, Field

from config.startpakket_file import check_startpakket
from domain.catalog.model import CatalogError
from domain.province.commands import AddTask, ProvinceCommand
from service import queries
from service.authorization import authorize
from service.commands import send_command, vet
from web.auth import Holder, may_start
from web.deps import AppServices, AsOfParams, IdempotencyKey
from web.problems import Problem
from workflows.messages import CommandResult

router = APIRouter()


@router.get("/api/provinces/{code}", tags=["status"])
async def province(
    who: Holder, services: AppServices, code: str, as_of: AsOfParams
) -> dict[str, Any]:
    found = await queries.detail(services, services.province_stream(code), as_of)
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
    place = services.catalog.province(code)
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


class Startpakket(BaseModel):
    """A province's opgaven as a file holds them (checked against the catalog as a whole)."""

    source: str = Field(default="startpakket", max_length=200)
    opgaven: Any = None


@router.post("/api/provinces/{code}/startpakket", tags=["commands"])
async def province_startpakket(
    who: Holder, services: AppServices, code: str, body: Startpakket, key: IdempotencyKey
) -> dict[str, int]:
    """Load opgaven (id, title, programme, kind) into a journey: nothing is sent when one entry
    is bad (422 naming each); under an idempotency key each goes under ``KEY/<opgave id>``."""
    place = services.catalog.province(code)
    try:
        tasks = check_startpakket(body.opgaven, services.catalog, body.source)
    except CatalogError as exc:
        raise Problem(422, "Unprocessable Content", str(exc)) from None
    commands = [AddTask(actor=who.actor, task=task) for task in tasks]
    for command in commands:  # all or none may be sent
        authorize(who, "province", command, provinces=(place.code,))
    for command in commands:
        await send_command(
            services.temporal,
            place.code,
            command,
            services.label,
            key=f"{key}/{command.task.id}" if key else None,
            start=may_start(who, services),
        )
    return {"added": len(tasks)}
