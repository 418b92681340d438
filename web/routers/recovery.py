"""`/api/processes/…/recover`: coordinators recover processes from the event store."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from service.recovery import RecoveryRefused, recover_all, recover_process
from web.auth import Holder, require_coordinator
from web.deps import AppServices, stream_named
from web.problems import Problem

router = APIRouter()


class Recovered(BaseModel):
    """Per process: recovered, already running, or finished."""

    outcomes: dict[str, str]


@router.post("/api/processes/recover", tags=["commands"])
async def recover_every_process(
    who: Holder, services: AppServices, restart: bool = False
) -> Recovered:
    """Recover every process of this run that the store knows and Temporal does not run."""
    require_coordinator(who)
    outcomes = await recover_all(
        services.temporal,
        services.store,
        task_queue=services.settings.task_queue,
        label=services.label,
        restart=restart,
    )
    return Recovered(outcomes=outcomes)


@router.post("/api/processes/{stream_id}/recover", tags=["commands"])
async def recover_one_process(
    who: Holder, services: AppServices, stream_id: str, restart: bool = False
) -> Recovered:
    """A fresh run of one process whose state is folded from the store's events."""
    require_coordinator(who)
    stream_id = stream_named(services, stream_id)
    try:
        outcome = await recover_process(
            services.temporal,
            services.store,
            stream_id,
            task_queue=services.settings.task_queue,
            label=services.label,
            restart=restart,
        )
    except RecoveryRefused as exc:
        if exc.unknown:
            raise Problem(404, "Not Found", str(exc)) from None
        raise Problem(422, "Unprocessable Content", str(exc)) from None
    return Recovered(outcomes={stream_id: outcome})
