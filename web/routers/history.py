"""`/api/history`: a programme's history as data — imported through the real workflows under
the same rules (coordinators only), and exported in the same format."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from fastapi import APIRouter
from fastapi.responses import PlainTextResponse, Response
from pydantic import BaseModel, Field

from service.exporting import export_history
from service.history_file import HistoryFileError
from service.importing import import_history
from web.auth import Holder, require_coordinator
from web.deps import AppServices
from web.problems import Problem

router = APIRouter()


class HistoryFile(BaseModel):
    """A history file as sent: its name (named in every refusal; ``.csv`` means CSV) and its
    text."""

    name: str = Field(default="history.yaml", min_length=1, max_length=200)
    content: str = Field(max_length=10_000_000)


@router.post("/api/history/import", tags=["commands"])
async def history_import(who: Holder, services: AppServices, body: HistoryFile) -> dict[str, Any]:
    """Record a programme's history: per process (``province-GE``, ``area-de-peel``) the date it
    started and its dated commands, judged as a whole against the rules, then recorded in one
    go — all or nothing per process. A second run of the same file records nothing new. Each
    refusal names the file, the line, the process and the rule; nothing of its process is
    recorded (the other processes are)."""
    require_coordinator(who)
    try:
        outcomes = await import_history(services, body.name, body.content, who.actor)
    except HistoryFileError as exc:
        raise Problem(422, "Unprocessable Content", str(exc)) from None
    return {
        "processes": [asdict(o) for o in outcomes],
        "refused": sum(o.status == "refused" for o in outcomes),
    }


@router.get("/api/history/export", tags=["reports"])
async def history_export(who: Holder, services: AppServices) -> Response:
    """Every province's and area's history in the format the import reads (YAML)."""
    return PlainTextResponse(await export_history(services), media_type="application/yaml")
