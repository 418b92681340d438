"""`/api/escalations`: the open escalations, and the members' commands to one."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body

from domain.escalation.commands import EscalationCommand
from domain.shared.ids import StreamId
from service import queries
from service.authorization import authorize
from service.commands import send_escalation_command
from web.auth import Holder
from web.deps import AppServices, IdempotencyKey
from web.problems import Problem
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
    if not _is_escalation(escalation_id):
        raise Problem(404, "Not Found", f"no escalation {escalation_id!r}")
    command = command.model_copy(update={"actor": who.actor})
    authorize(who, "escalation", command)
    return await send_escalation_command(services.temporal, escalation_id, command, key=key)


def _is_escalation(stream_id: str) -> bool:
    try:
        return StreamId.parse(stream_id).kind == "escalation"
    except ValueError:
        return False
