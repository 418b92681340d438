"""`/api/report` and `/api/audit/{stream_id}`: the voortgangsrapportage and the audit export."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Literal

from fastapi import APIRouter
from fastapi.responses import PlainTextResponse, Response, StreamingResponse

from service.audit import as_json_line, audit_lines
from service.reports import build_report, render
from web.auth import Holder
from web.deps import AppServices, AsOfParams, stream_named
from web.problems import Problem

router = APIRouter()


@router.get("/api/report", tags=["reports"])
async def report(
    who: Holder,
    services: AppServices,
    as_of: AsOfParams,
    format: Literal["md", "html", "csv"] = "md",
) -> Response:
    """The voortgangsrapportage as things stand, stood on ``as_of`` (effective time) and/or as
    novex knew them at ``as_known_at`` (recorded time), as Markdown, HTML or CSV."""
    body, media = render(await build_report(services, as_of), format)
    return PlainTextResponse(body, media_type=media)


@router.get("/api/audit/{stream_id}", tags=["reports"])
async def audit_export(who: Holder, services: AppServices, stream_id: str) -> StreamingResponse:
    """Every event of a stream as JSON lines, with its hash chain; the stream is named as
    everywhere (``province-gr`` is ``province-GR``)."""
    stream = stream_named(services, stream_id)
    lines = await audit_lines(services.store, stream)
    if not lines:
        raise Problem(404, "Not Found", f"no stream {stream!r}")

    async def text() -> AsyncIterator[str]:
        for line in lines:
            yield as_json_line(line)

    return StreamingResponse(text(), media_type="application/x-ndjson")
