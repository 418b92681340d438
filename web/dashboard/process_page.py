"""One process's page in its users' words: a province's ijkmomenten and arrangement, an area's
perspective, agenda (Gantt chart) and investments, an escalation's level, deadline and ladder."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from domain.catalog.ids import process_stream
from domain.shared.ids import StreamId
from service import queries
from service.context import Services
from store.tokens import TokenHolder
from web.dashboard import csrf
from web.dashboard.actions import ACTIONS, offered
from web.dashboard.form_model import Context
from web.dashboard.form_view import field_views
from web.dashboard.gantt_svg import gantt_svg
from web.dashboard.render import logged_in, page, parse_view, to_login
from web.dashboard.split_svg import split_svg
from web.dashboard.timeline_svg import timeline_svg
from web.deps import AppServices
from web.problems import Problem

router = APIRouter(include_in_schema=False)


def stream_of(services: Services, text: str) -> str:
    """The stream id of a page's address: in full, or an escalation as lists show it, in any
    case (``catalog/ids.py``); 404 naming what is wrong."""
    try:
        return str(process_stream(services.catalog, text))
    except ValueError as exc:  # CatalogError too: it names the known codes
        raise Problem(404, "Not Found", f"geen proces {text!r} ({exc})") from None


def _escalations(detail: dict[str, Any]) -> list[str]:
    """The escalations a province or area asked for, as lists show them."""
    count = detail["summary"].get("escalations_requested") or 0
    stream = StreamId.parse(detail["stream_id"])
    return [str(stream.escalation(n)).removeprefix("escalation-") for n in range(1, count + 1)]


def _pictures(detail: dict[str, Any], moment: datetime) -> dict[str, str]:
    """The SVGs of a page: its deadlines; an area's agenda and investment split."""
    if detail["kind"] == "escalation":
        return {}
    pictures = {"svg": timeline_svg(detail["timeline"], moment)}
    if detail["kind"] == "area":
        name = detail["summary"].get("name") or detail["subject"]
        pictures["gantt"] = gantt_svg(detail["view"]["agenda"], moment.date(), name)
        pictures["split"] = split_svg(detail["summary"]["investments"])
    return pictures


def _acting(
    request: Request, services: Services, who: TokenHolder, detail: dict[str, Any]
) -> dict[str, Any]:
    """The forms the holder may use here now (none on a page as of the past), and what the
    last form recorded."""
    ctx = Context(who, detail, services.catalog)
    token = csrf.form_token(request)
    forms = [
        {"action": a, "fields": field_views(a, ctx, {}, {}), "key": str(uuid.uuid4())}
        for a in offered(ctx)
    ]
    done = request.query_params.get("vastgelegd")
    events = request.query_params.get("gebeurtenissen", "")
    action = ACTIONS.get((detail["kind"], done or ""))
    recorded = {"title": action.title, "events": events} if action else None
    return {
        "forms": forms,
        "csrf": token,
        "recorded": recorded,
        "can": {a.slug for a in offered(ctx)},
    }


async def _process(
    request: Request, services: AppServices, stream_id: str, as_of: str | None
) -> Response:
    who = await logged_in(request)
    if who is None:
        return to_login()
    moment = parse_view(request)
    detail = await queries.detail(services, stream_of(services, stream_id), moment)
    if detail is None:
        raise Problem(404, "Not Found", f"geen proces {stream_id!r} (op dat moment)")
    title = detail["summary"].get("name") or (
        f"Escalatie {detail['stream_id'].removeprefix('escalation-')}"
        if detail["kind"] == "escalation"
        else detail["stream_id"]
    )
    return await page(
        request,
        "process.html",
        title,
        who=who,
        as_of=moment,
        row=detail,
        s=detail["summary"],
        view=detail["view"],
        timeline=detail["timeline"],
        forecast=detail.get("forecast") or [],
        history=detail["history"],
        escalations=_escalations(detail),
        **_pictures(detail, moment.moment if moment else datetime.now(UTC)),
        **(
            _acting(request, services, who, detail)
            if moment is None
            else {"forms": [], "can": set()}
        ),
    )


@router.get("/processen/{stream_id}", response_class=HTMLResponse)
async def process(
    request: Request, services: AppServices, stream_id: str, as_of: str | None = None
) -> Response:
    return await _process(request, services, stream_id, as_of)


@router.get("/escalaties/{escalation_id}", response_class=HTMLResponse)
async def escalation(
    request: Request, services: AppServices, escalation_id: str, as_of: str | None = None
) -> Response:
    stream = stream_of(services, escalation_id)
    if not stream.startswith("escalation-"):
        raise Problem(404, "Not Found", f"geen escalatie {escalation_id!r}")
    return await _process(request, services, stream, as_of)
