"""The dashboard's pages: the national board, one process, the escalations, the notifications."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from domain.province.state import Phase
from notify.outbox import count_notifications, list_notifications
from service import queries
from web.dashboard.render import page, parse_as_of
from web.dashboard.timeline_svg import timeline_svg
from web.deps import AppServices
from web.problems import Problem

router = APIRouter(include_in_schema=False)
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


@router.get("/", response_class=HTMLResponse)
async def board(request: Request, services: AppServices, as_of: str | None = None) -> Response:
    moment = parse_as_of(as_of)
    rows = await queries.status(services, moment)
    provinces = [{**r, "cells": _cells(r["phase"])} for r in rows if r["kind"] == "province"]
    open_escalations = sum(
        1 for r in rows if r["kind"] == "escalation" and r["summary"].get("open")
    )
    return await page(
        request,
        "board.html",
        "Landelijk overzicht",
        as_of=moment,
        phases=PHASES,
        provinces=provinces,
        areas=[r for r in rows if r["kind"] == "area"],
        open_escalations=open_escalations,
        dead=await count_notifications(services.engine, "dead"),
    )


@router.get("/processen/{stream_id}", response_class=HTMLResponse)
async def process(
    request: Request, services: AppServices, stream_id: str, as_of: str | None = None
) -> Response:
    moment = parse_as_of(as_of)
    detail = await queries.detail(services, stream_id, moment)
    if detail is None:
        raise Problem(404, "Not Found", f"no process {stream_id!r} (at that moment)")
    return await page(
        request,
        "process.html",
        detail["summary"].get("name") or stream_id,
        as_of=moment,
        row=detail,
        timeline=detail["timeline"],
        history=detail["history"],
        svg=timeline_svg(detail["timeline"], moment or datetime.now(UTC)),
        summary_json=json.dumps(detail["summary"], indent=2, ensure_ascii=False, default=str),
    )


@router.get("/escalaties", response_class=HTMLResponse)
async def escalations(
    request: Request, services: AppServices, as_of: str | None = None
) -> Response:
    moment = parse_as_of(as_of)
    rows = await queries.escalations(services, everything=True, as_of=moment)
    rows.sort(key=lambda r: (not r["summary"].get("open"), r["summary"].get("due") or ""))
    return await page(request, "escalations.html", "Escalaties", as_of=moment, escalations=rows)


@router.get("/meldingen", response_class=HTMLResponse)
async def notifications(
    request: Request, services: AppServices, status: str | None = None
) -> Response:
    if status not in (None, "pending", "delivered", "dead"):
        raise Problem(422, "Unprocessable Content", f"unknown status {status!r}")
    rows = await list_notifications(services.engine, status, 500)
    return await page(request, "notifications.html", "Meldingen", notifications=rows)
