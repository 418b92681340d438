"""The HTTP API (FastAPI): the CLI's operations over HTTP, with bearer tokens and roles."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import Body, Depends, FastAPI, Query, Request
from fastapi.responses import PlainTextResponse, Response, StreamingResponse
from pydantic import BaseModel

from api import problems
from api.auth import Role, authorize
from api.problems import Problem
from api.process import (
    send_area_command,
    send_command,
    send_escalation_command,
    start_areas,
    start_journeys,
)
from api.reports import build_report, render
from api.services import Services
from domain.area.commands import AreaCommand
from domain.escalation.commands import EscalationCommand
from domain.province.commands import ProvinceCommand
from store.tokens import TokenHolder, lookup_token
from workflows.messages import CommandResult


async def holder(request: Request) -> TokenHolder:
    """The holder of the request's bearer token (or the dashboard's cookie)."""
    header = request.headers.get("Authorization", "")
    token = header[7:].strip() if header.lower().startswith("bearer ") else None
    token = token or request.cookies.get("novex_token")
    if not token:
        raise Problem(401, "Unauthorized", "a bearer token is required")
    found = await lookup_token(request.app.state.services.engine, token)
    if found is None:
        raise Problem(401, "Unauthorized", "unknown or revoked token")
    return found


Holder = Annotated[TokenHolder, Depends(holder)]


class StartProgramme(BaseModel):
    """Which journeys and areas to start (default: all from the catalog)."""

    provinces: list[str] | None = None
    areas: list[str] | None = None


class Redeliver(BaseModel):
    """Dead-lettered notifications to send again (none: all of them)."""

    ids: list[str] | None = None


def create_app(services: Services) -> FastAPI:
    """The API and the dashboard over one set of services."""
    app = FastAPI(
        title="novex",
        version="0.1.0",
        description="Regie op de ruimte: provinciale trajecten, NOVEX-gebieden, escalaties.",
    )
    app.state.services = services
    problems.install(app)

    def coordinator(who: TokenHolder) -> None:
        if who.role != Role.COORDINATOR:
            raise Problem(403, "Forbidden", f"only a coordinator may do this, not {who.role!r}")

    def client() -> Any:
        if services.client is None:
            raise Problem(503, "Service Unavailable", "Temporal is not connected")
        return services.client

    @app.get("/api/health", tags=["system"])
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/api/status", tags=["status"])
    async def status(
        who: Holder, as_of: Annotated[datetime | None, Query(description="ISO instant")] = None
    ) -> list[dict[str, Any]]:
        """Every province, area and escalation: phase, next due date, overdue, frictions."""
        return await services.status(as_of)

    @app.get("/api/provinces/{code}", tags=["status"])
    async def province(who: Holder, code: str, as_of: datetime | None = None) -> dict[str, Any]:
        stream = services.province_stream(code.upper())
        found = await services.detail(stream, as_of)
        if found is None:
            raise Problem(404, "Not Found", f"the journey of {code} has not started")
        return found

    @app.get("/api/areas/{key}", tags=["status"])
    async def area(who: Holder, key: str, as_of: datetime | None = None) -> dict[str, Any]:
        stream = services.area_stream(key)
        found = await services.detail(stream, as_of)
        if found is None:
            raise Problem(404, "Not Found", f"the process of area {key} has not started")
        return found

    @app.get("/api/escalations", tags=["status"])
    async def escalations(who: Holder, everything: bool = False) -> list[dict[str, Any]]:
        rows = [r for r in await services.status() if r["kind"] == "escalation"]
        return [r for r in rows if everything or r["summary"].get("open")]

    @app.get("/api/notifications", tags=["notifications"])
    async def notifications(
        who: Holder,
        status: Literal["pending", "delivered", "dead"] | None = None,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    ) -> list[dict[str, Any]]:
        from activities.notify import list_notifications

        return await list_notifications(services.engine, status, limit)

    @app.post("/api/notifications/redeliver", tags=["notifications"])
    async def redeliver_notifications(who: Holder, body: Redeliver) -> dict[str, Any]:
        from activities.notify import redeliver

        coordinator(who)
        try:
            chosen = await redeliver(services.engine, body.ids, who.actor)
        except ValueError as exc:
            raise Problem(409, "Conflict", str(exc)) from None
        except Exception:
            raise Problem(422, "Unprocessable Content", "notification ids must be UUIDs") from None
        return {"redelivered": chosen}

    @app.post("/api/programme/start", tags=["commands"])
    async def start(who: Holder, body: StartProgramme) -> dict[str, Any]:
        """Start journeys and area processes from the catalog; running ones are reported."""
        coordinator(who)
        for code in body.provinces or []:
            services.catalog.province(code)
        for key in body.areas or []:
            services.catalog.area(key)
        queue = services.settings.task_queue
        journeys = await start_journeys(
            client(),
            services.catalog,
            actor=who.actor,
            task_queue=queue,
            codes=body.provinces,
            label=services.label,
        )
        areas = await start_areas(
            client(),
            services.catalog,
            actor=who.actor,
            task_queue=queue,
            areas=body.areas,
            label=services.label,
        )
        return {"provinces": journeys, "areas": areas}

    @app.post("/api/provinces/{code}/commands", tags=["commands"])
    async def province_command(
        who: Holder, code: str, command: Annotated[ProvinceCommand, Body()]
    ) -> CommandResult:
        """Submit drafts and reviews, raise frictions, sign, move deadlines, …"""
        province = services.catalog.province(code.upper())
        command = command.model_copy(update={"actor": who.actor})
        authorize(who, "province", command, provinces=(province.code,))
        return await send_command(client(), province.code, command, services.label)

    @app.post("/api/areas/{key}/commands", tags=["commands"])
    async def area_command(
        who: Holder, key: str, command: Annotated[AreaCommand, Body()]
    ) -> CommandResult:
        area = services.catalog.area(key)
        command = command.model_copy(update={"actor": who.actor})
        authorize(who, "area", command, provinces=area.provinces)
        return await send_area_command(client(), area.id, command, services.label)

    @app.post("/api/escalations/{escalation_id}/commands", tags=["commands"])
    async def escalation_command(
        who: Holder, escalation_id: str, command: Annotated[EscalationCommand, Body()]
    ) -> CommandResult:
        if not escalation_id.startswith("escalation-"):
            raise Problem(404, "Not Found", f"no escalation {escalation_id!r}")
        command = command.model_copy(update={"actor": who.actor})
        authorize(who, "escalation", command)
        return await send_escalation_command(client(), escalation_id, command)

    @app.get("/api/report", tags=["reports"])
    async def report(
        who: Holder,
        as_of: datetime | None = None,
        format: Literal["md", "html", "csv"] = "md",
    ) -> Response:
        """The voortgangsrapportage for an instant, as Markdown, HTML or CSV."""
        body, media = render(await build_report(services, as_of), format)
        return PlainTextResponse(body, media_type=media)

    @app.get("/api/audit/{stream_id}", tags=["reports"])
    async def audit_export(who: Holder, stream_id: str) -> StreamingResponse:
        """Every event of a stream as JSON lines, with its hash chain."""
        stored = await services.store.read_stream(stream_id)
        if not stored:
            raise Problem(404, "Not Found", f"no stream {stream_id!r}")

        async def lines() -> AsyncIterator[str]:
            for e in stored:
                yield json.dumps(audit_line(e), default=str, ensure_ascii=False) + "\n"

        return StreamingResponse(lines(), media_type="application/x-ndjson")

    from api.dashboard import install as install_dashboard

    install_dashboard(app, services, holder)
    return app


def audit_line(e: Any) -> dict[str, Any]:
    """One stored event as an audit export line."""
    return {
        "position": e.position,
        "stream_id": e.stream_id,
        "version": e.version,
        "event_id": str(e.event_id),
        "type": e.type,
        "schema_version": e.schema_version,
        "recorded_at": e.recorded_at.isoformat(),
        "metadata": e.metadata,
        "data": e.data,
        "content_hash": e.content_hash,
        "prev_hash": e.prev_hash,
        "hash": e.hash,
    }
