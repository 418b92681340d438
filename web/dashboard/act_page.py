"""Acting from the dashboard: a form per command (`/processen/{id}/doen/{form}`), a confirmation
of what will be recorded, then the command through the same services as the API — authorized
alike, sent under the form's idempotency key (a double submit records once). A refusal shows
inline in Dutch and records nothing; every POST carries the session's CSRF token."""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import TypeAdapter, ValidationError

from domain.area.commands import area_command_adapter
from domain.escalation.commands import EscalationCommand
from domain.province.commands import province_command_adapter
from domain.shared.ids import StreamId
from service import queries
from service.authorization import Forbidden, authorize
from service.commands import (
    CommandRefused,
    send_area_command,
    send_command,
    send_escalation_command,
    vet,
)
from service.context import Services
from service.idempotency import InvalidKey, KeyConflict, parse_key
from web.dashboard import csrf
from web.dashboard.actions import ACTIONS
from web.dashboard.dating import RULE_FIELDS
from web.dashboard.form_model import Action, Context, command_of, shown, values_of
from web.dashboard.form_view import field_views, page_of
from web.dashboard.process_page import stream_of
from web.dashboard.refusals import in_dutch
from web.dashboard.render import logged_in, page, to_login
from web.deps import AppServices
from web.problems import Problem
from workflows.messages import CommandResult

router = APIRouter(include_in_schema=False)
ADAPTERS: dict[str, TypeAdapter[Any]] = {
    "province": province_command_adapter,
    "area": area_command_adapter,
    "escalation": TypeAdapter(EscalationCommand),
}
STATUS = {"NotAuthorized": 403, "NotRunning": 404, "UnknownReference": 422, "FutureDate": 422}
STALE = (
    "Dit formulier komt niet van uw huidige sessie (verlopen, of van een andere site). "
    "Controleer wat er staat en verstuur het opnieuw."
)


async def _context(
    request: Request, services: Services, stream_id: str, slug: str
) -> tuple[Action, Context] | None:
    """The form and the process it acts on, as the holder sees it; None when nobody is logged
    in (404 for an unknown form or process, 403 for a role that may not use it)."""
    who = await logged_in(request)
    if who is None:
        return None
    stream = stream_of(services, stream_id)
    action = ACTIONS.get((StreamId.parse(stream).kind, slug))
    if action is None:
        raise Problem(404, "Not Found", f"geen formulier {slug!r} bij {stream_id}")
    if not action.allowed(who):
        raise Problem(403, "Forbidden", f"als {who.role} kunt u hier geen {action.title.lower()}")
    detail = await queries.detail(services, stream)
    if detail is None:
        raise Problem(404, "Not Found", f"geen proces {stream_id!r}")
    return action, Context(who, detail, services.catalog)


async def _form(
    request: Request,
    action: Action,
    ctx: Context,
    values: dict[str, str],
    *,
    errors: dict[str, str] | None = None,
    refusal: str | None = None,
    status: int = 200,
) -> Response:
    """The form page: the fields with their values and errors, a fresh idempotency key."""
    return await page(
        request,
        "act.html",
        action.title,
        who=ctx.who,
        status=status,
        action=action,
        row=ctx.detail,
        fields=field_views(action, ctx, values, errors or {}),
        errors=errors or {},
        refusal=refusal,
        key=str(uuid.uuid4()),
        csrf=csrf.form_token(request),
        back=page_of(ctx.detail["stream_id"]),
    )


@router.get("/processen/{stream_id}/doen/{slug}", response_class=HTMLResponse)
async def act_form(request: Request, services: AppServices, stream_id: str, slug: str) -> Response:
    found = await _context(request, services, stream_id, slug)
    if found is None:
        return to_login()
    action, ctx = found
    values = {f.name: request.query_params.get(f.name, "") for f in action.fields}
    return await _form(request, action, ctx, values)


async def _send(services: Services, ctx: Context, command: Any, key: str) -> CommandResult:
    """The command to its process, as the API sends it (authorized first)."""
    stream = StreamId.parse(ctx.detail["stream_id"])
    vet(services.catalog, command)  # the catalog's references, as the API checks them
    if stream.kind == "province":
        authorize(ctx.who, "province", command, provinces=(stream.subject,))
        return await send_command(
            services.temporal, stream.subject, command, services.label, key=key
        )
    if stream.kind == "area":
        provinces = tuple(services.catalog.area(stream.subject).provinces)
        authorize(ctx.who, "area", command, provinces=provinces)
        return await send_area_command(
            services.temporal, stream.subject, command, services.label, key=key
        )
    authorize(ctx.who, "escalation", command)
    return await send_escalation_command(services.temporal, str(stream), command, key=key)


def _invalid(exc: ValidationError) -> str:
    problems = "; ".join(f"{'.'.join(map(str, e['loc'][1:]))}: {e['msg']}" for e in exc.errors())
    return f"De invoer klopt niet ({problems})."


@router.post("/processen/{stream_id}/doen/{slug}", response_class=HTMLResponse)
async def act(request: Request, services: AppServices, stream_id: str, slug: str) -> Response:
    """Check the form, then confirm (``step=bevestigen``) or record (``step=vastleggen``)."""
    form = {k: str(v) for k, v in (await request.form()).items()}
    found = await _context(request, services, stream_id, slug)
    if found is None:
        return to_login()
    action, ctx = found
    values, errors = values_of(action, ctx, form)
    if not csrf.valid(request, form.get(csrf.FIELD)):  # not from this session's page
        return await _form(request, action, ctx, values, refusal=STALE, status=403)
    step = form.get("step", "bevestigen")
    if errors or step == "wijzigen":
        return await _form(
            request, action, ctx, values, errors=errors, status=422 if errors else 200
        )
    try:
        command = ADAPTERS[action.process].validate_python(command_of(action, ctx, values))
        key = parse_key(form.get("idempotency_key")) or str(uuid.uuid4())
    except ValidationError as exc:
        return await _form(request, action, ctx, values, refusal=_invalid(exc), status=422)
    except InvalidKey:
        raise Problem(
            400, "Bad Request", "het formulier heeft geen geldige sleutel; open het opnieuw"
        ) from None
    if step != "vastleggen":
        return await _confirm(request, action, ctx, values, key)
    return await _record(request, services, action, ctx, values, command, key)


async def _record(
    request: Request,
    services: Services,
    action: Action,
    ctx: Context,
    values: dict[str, str],
    command: Any,
    key: str,
) -> Response:
    """Send the confirmed command; on a refusal the form again with the refusal in Dutch (next
    to the field it is about, if any; nothing recorded), else the process's page saying what
    was recorded."""
    try:
        result = await _send(services, ctx, command, key)
    except Forbidden as exc:
        return await _form(request, action, ctx, values, refusal=in_dutch(str(exc)), status=403)
    except CommandRefused as exc:
        status = STATUS.get(exc.kind, 409)
        refusal = in_dutch(str(exc), exc.kind)
        field = RULE_FIELDS.get(exc.kind)  # a date refused: said next to its field too
        errors = {field: refusal} if field else None
        return await _form(
            request, action, ctx, values, errors=errors, refusal=refusal, status=status
        )
    except KeyConflict:
        refusal = "Dit formulier is al eens met andere inhoud verstuurd; vul het opnieuw in."
        return await _form(request, action, ctx, values, refusal=refusal, status=422)
    query = urlencode({"vastgelegd": action.slug, "gebeurtenissen": ",".join(result.events)})
    return RedirectResponse(f"{page_of(ctx.detail['stream_id'])}?{query}#vastgelegd", 303)


async def _confirm(
    request: Request, action: Action, ctx: Context, values: dict[str, str], key: str
) -> Response:
    """What will be recorded, with the values carried in hidden fields and the same key."""
    return await page(
        request,
        "confirm.html",
        f"Bevestigen: {action.title.lower()}",
        who=ctx.who,
        action=action,
        row=ctx.detail,
        lines=shown(action, ctx, values),
        values=values,
        key=key,
        csrf=csrf.form_token(request),
        back=page_of(ctx.detail["stream_id"]),
    )
