"""Errors as application/problem+json (RFC 9457), or as a page in Dutch for a browser on the
dashboard: 400, 401, 403, 404, 409 (also: a stored event newer than this release reads), 422; a
503 with Retry-After when Temporal or PostgreSQL cannot be reached; any other fault a 500 whose
error id is also in the log."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from domain.catalog.model import CatalogError
from domain.shared.upcasting import UnreadableEvent
from service.authorization import Forbidden
from service.commands import CommandRefused
from service.context import NotConnected
from service.idempotency import KeyConflict
from service.outages import unreachable

log = structlog.get_logger(__name__)
PROBLEM = "application/problem+json"
RETRY_AFTER_SECONDS = 5
TITLES = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
}


class Problem(Exception):
    """An error with an HTTP status, a short title and a detail that names what is wrong."""

    def __init__(self, status: int, title: str, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.status, self.title, self.detail, self.extra = status, title, detail, extra


HEADINGS = {
    400: "Onjuist verzoek",
    401: "Niet ingelogd",
    403: "Geen toegang",
    404: "Niet gevonden",
    405: "Niet toegestaan",
    409: "Niet mogelijk in deze stand",
    422: "Onjuiste invoer",
    500: "Er ging iets mis",
    503: "Tijdelijk niet bereikbaar",
}


def wants_page(request: Request) -> bool:
    """A browser asking for a dashboard page (not the API): it gets errors as a page, in Dutch."""
    path = request.url.path
    accept = request.headers.get("accept", "")
    return not path.startswith(("/api", "/docs", "/openapi")) and "text/html" in accept


def error_page(request: Request, status: int, detail: str, **extra: Any) -> Response:
    """The dashboard's error page: what went wrong, in words, and the way back."""
    from web.dashboard.render import templates  # the dashboard imports this module

    context = {
        "heading": HEADINGS.get(status, "Fout"),
        "detail": detail,
        "error_id": extra.get("error_id"),
    }
    return templates.TemplateResponse(request, "error.html", context, status_code=status)


def problem_response(
    request: Request, status: int, title: str, detail: str, **extra: Any
) -> Response:
    if wants_page(request):
        return error_page(request, status, detail, **extra)
    body = {
        "type": f"https://novex.example/problems/{title.lower().replace(' ', '-')}",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": str(request.url.path),
        **extra,
    }
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else {}
    if status == 503:
        headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return JSONResponse(body, status_code=status, media_type=PROBLEM, headers=headers)


async def _problem(request: Request, exc: Problem) -> Response:
    return problem_response(request, exc.status, exc.title, exc.detail, **exc.extra)


async def _forbidden(request: Request, exc: Forbidden) -> Response:
    return problem_response(request, 403, "Forbidden", str(exc))


async def _refused(request: Request, exc: CommandRefused) -> Response:
    if exc.kind == "NotRunning":
        return problem_response(request, 404, "Not Found", str(exc))
    if exc.kind == "NotAuthorized":
        return problem_response(request, 403, "Forbidden", str(exc), rule=exc.kind)
    if exc.kind in ("UnknownReference", "ValidationError", "FutureDate"):
        return problem_response(request, 422, "Unprocessable Content", str(exc), rule=exc.kind)
    return problem_response(request, 409, "Conflict", str(exc), rule=exc.kind)


async def _catalog(request: Request, exc: CatalogError) -> Response:
    return problem_response(request, 404, "Not Found", str(exc))


async def _unreadable(request: Request, exc: UnreadableEvent) -> Response:
    return problem_response(request, 409, "Conflict", str(exc), rule="UnreadableEvent")


async def _not_connected(request: Request, exc: NotConnected) -> Response:
    return problem_response(request, 503, "Service Unavailable", str(exc))


async def _key_reused(request: Request, exc: KeyConflict) -> Response:
    return problem_response(
        request, 422, "Unprocessable Content", str(exc), rule="IdempotencyKeyReused"
    )


async def _invalid(request: Request, exc: RequestValidationError) -> Response:
    errors = [
        {"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", ""))}
        for e in exc.errors()
    ]
    detail = "; ".join(f"{'.'.join(e['loc'])}: {e['msg']}" for e in errors) or "invalid input"
    return problem_response(request, 422, "Unprocessable Content", detail, errors=errors)


async def _model_invalid(request: Request, exc: ValidationError) -> Response:
    detail = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
    return problem_response(request, 422, "Unprocessable Content", detail)


async def _http(request: Request, exc: StarletteHTTPException) -> Response:
    title = TITLES.get(exc.status_code, "Error")
    return problem_response(request, exc.status_code, title, str(exc.detail))


async def _unexpected(request: Request, exc: Exception) -> Response:
    """Temporal or PostgreSQL out of reach: 503, try again later. Anything else is a fault:
    500, with an error id that finds its traceback in the log."""
    part = unreachable(exc)
    if part is not None:
        log.warning("unreachable", part=part, path=str(request.url.path), error=repr(exc))
        return problem_response(
            request,
            503,
            "Service Unavailable",
            f"{part} cannot be reached; try again in {RETRY_AFTER_SECONDS} seconds",
        )
    error_id = uuid.uuid4().hex
    log.error(
        "unexpected error",
        error_id=error_id,
        method=request.method,
        path=str(request.url.path),
        exc_info=exc,
    )
    return problem_response(
        request,
        500,
        "Internal Server Error",
        f"an unexpected error ({type(exc).__name__}); quote error id {error_id} to report it",
        error_id=error_id,
    )


Handler = Callable[[Request, Any], Awaitable[Response]]
HANDLERS: dict[type[Exception], Handler] = {
    Problem: _problem,
    Forbidden: _forbidden,
    CommandRefused: _refused,
    CatalogError: _catalog,
    UnreadableEvent: _unreadable,
    NotConnected: _not_connected,
    KeyConflict: _key_reused,
    RequestValidationError: _invalid,
    ValidationError: _model_invalid,
    StarletteHTTPException: _http,
    Exception: _unexpected,
}


def install(app: FastAPI) -> None:
    """Map every error the API can meet to a problem document."""
    for exc_class, handler in HANDLERS.items():
        app.add_exception_handler(exc_class, handler)
