"""`/api/escalations`: the open escalations, and the members' commands to one."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body

from domain.escalation.commands import EscalationCommand
from service import queries
from service.authorization import authorize
from service.commands import send_escalation_command
from web.auth import Holder
from web.deps import AppServices, IdempotencyKey
from web.routers.escalation_views import escalation_stream
from workflows.messages import CommandResult

router = APIRouter()


@router.get("/api/escalations", tags=["status"])
async def escalations(
    who: Holder, services: AppServices, everything: bool = False
) -> list[dict[str, Any]]:
    return await queries.escalations(services, everything=everything)


@router.post("/api/escalations/{escalation_id}/commands", tags=["commands"])
async def escalation_command(
    who: Holder,
    services: AppServices,
    escalation_id: str,
    command: Annotated[EscalationCommand, Body()],
    key: IdempotencyKey,
) -> CommandResult:
    escalation_id = escalation_stream(services, escalation_id)  # as lists show it, or in full
    command = command.model_copy(update={"actor": who.actor})
    authorize(who, "escalation", command)
    return await send_escalation_command(services.temporal, escalation_id, command, key=key)
