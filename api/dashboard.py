"""The dashboard: server-rendered HTML (no JavaScript build) over the same services as the API."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from importlib import resources
from typing import Any

from fastapi import FastAPI, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from api.problems import Problem
from api.services import Services
from api.timeline_svg import timeline_svg
from domain.province.state import Phase
from store.tokens import TokenHolder, lookup_token

PHASES = [
    Phase.CHECKPOINT_1.value,
    Phase.CHECKPOINT_2.value,
    Phase.CHECKPOINT_3.value,
    Phase.PROPOSAL.value,
    Phase.ARRANGEMENT.value,
    Phase.SIGNED.value,
    Phase.PROCESS_AGREEMENT.value,
]


def _cells(phase: str) -> list[str]:
    """Per board column: the current phase, phases behind it, or nothing."""
    if phase not in PHASES:
        return [""] * len(PHASES)
    index = PHASES.index(phase)
    done = min(index, PHASES.index(Phase.SIGNED.value))
    return ["done" if i < done else "current" if i == index else "" for i in range(len(PHASES))]


def install(
    app: FastAPI, services: Services, holder: Callable[[Request], Awaitable[TokenHolder]]
) -> None:
    """Add the dashboard pages and static files to the app."""
    folder = resources.files("api")
    templates = Jinja2Templates(directory=str(folder / "templates"))
    app.mount("/static", StaticFiles(directory=str(folder / "static")), name="static")

    async def page(request: Request, name: str, title: str, **context: Any) -> Response:
        try:
            await holder(request)
        except Problem:
            return RedirectResponse("/inloggen", status_code=303)
        as_of = context.pop("as_of", None)
        as_of_value = as_of.strftime("%Y-%m-%dT%H:%M:%S") if as_of else ""
        return templates.TemplateResponse(
            request,
            name,
            {
                "title": title,
                "as_of_value": as_of_value,
                "q": f"?as_of={as_of_value}" if as_of_value else "",
                **context,
            },
        )

    def parse_as_of(value: str | None) -> datetime | None:
        if not value:
            return None
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise Problem(422, "Unprocessable Content", f"not a date and time: {value!r}") from None
        return moment if moment.tzinfo else moment.replace(tzinfo=UTC)

    @app.get("/inloggen", response_class=HTMLResponse, include_in_schema=False)
    async def login_form(request: Request) -> Response:
        return templates.TemplateResponse(request, "login.html", {"error": None})

    @app.post("/inloggen", include_in_schema=False)
    async def login(request: Request, token: str = Form("")) -> Response:
        if not token or await lookup_token(services.engine, token) is None:
            return templates.TemplateResponse(
                request, "login.html", {"error": "Onbekend of ingetrokken token."}, status_code=401
            )
        response = RedirectResponse("/", status_code=303)
        response.set_cookie("novex_token", token, httponly=True, samesite="strict")
        return response

    @app.get("/uitloggen", include_in_schema=False)
    async def logout() -> Response:
        response = RedirectResponse("/inloggen", status_code=303)
        response.delete_cookie("novex_token")
        return response

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def board(request: Request, as_of: str | None = None) -> Response:
        moment = parse_as_of(as_of)
        rows = await services.status(moment)
        provinces = [{**r, "cells": _cells(r["phase"])} for r in rows if r["kind"] == "province"]
        areas = [r for r in rows if r["kind"] == "area"]
        open_escalations = sum(
            1 for r in rows if r["kind"] == "escalation" and r["summary"].get("open")
        )
        from activities.notify import count_notifications

        dead = await count_notifications(services.engine, "dead")
        return await page(
            request,
            "board.html",
            "Landelijk overzicht",
            as_of=moment,
            phases=PHASES,
            provinces=provinces,
            areas=areas,
            open_escalations=open_escalations,
            dead=dead,
        )

    @app.get("/processen/{stream_id}", response_class=HTMLResponse, include_in_schema=False)
    async def process(request: Request, stream_id: str, as_of: str | None = None) -> Response:
        moment = parse_as_of(as_of)
        detail = await services.detail(stream_id, moment)
        if detail is None:
            raise Problem(404, "Not Found", f"no process {stream_id!r} (at that moment)")
        now = moment or datetime.now(UTC)
        return await page(
            request,
            "process.html",
            detail["summary"].get("name") or stream_id,
            as_of=moment,
            row=detail,
            timeline=detail["timeline"],
            history=detail["history"],
            svg=timeline_svg(detail["timeline"], now),
            summary_json=json.dumps(detail["summary"], indent=2, ensure_ascii=False, default=str),
        )

    @app.get("/escalaties", response_class=HTMLResponse, include_in_schema=False)
    async def escalations(request: Request, as_of: str | None = None) -> Response:
        moment = parse_as_of(as_of)
        rows = [r for r in await services.status(moment) if r["kind"] == "escalation"]
        rows.sort(key=lambda r: (not r["summary"].get("open"), r["summary"].get("due") or ""))
        return await page(request, "escalations.html", "Escalaties", as_of=moment, escalations=rows)

    @app.get("/meldingen", response_class=HTMLResponse, include_in_schema=False)
    async def notifications(request: Request, status: str | None = None) -> Response:
        from activities.notify import list_notifications

        if status not in (None, "pending", "delivered", "dead"):
            raise Problem(422, "Unprocessable Content", f"unknown status {status!r}")
        rows = await list_notifications(services.engine, status, 500)
        return await page(request, "notifications.html", "Meldingen", notifications=rows)
