"""Errors as application/problem+json (RFC 9457): 401, 403, 404, 409, 422 — never a bare 500."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from domain.catalog.model import CatalogError
from service.authorization import Forbidden
from service.commands import CommandRefused
from service.context import NotConnected

log = structlog.get_logger(__name__)
PROBLEM = "application/problem+json"
TITLES = {401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed"}


class Problem(Exception):
    """An error with an HTTP status, a short title and a detail that names what is wrong."""

    def __init__(self, status: int, title: str, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.status, self.title, self.detail, self.extra = status, title, detail, extra


def problem_response(
    request: Request, status: int, title: str, detail: str, **extra: Any
) -> JSONResponse:
    body = {
        "type": f"https://novex.example/problems/{title.lower().replace(' ', '-')}",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": str(request.url.path),
        **extra,
    }
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(body, status_code=status, media_type=PROBLEM, headers=headers)


async def _problem(request: Request, exc: Problem) -> JSONResponse:
    return problem_response(request, exc.status, exc.title, exc.detail, **exc.extra)


async def _forbidden(request: Request, exc: Forbidden) -> JSONResponse:
    return problem_response(request, 403, "Forbidden", str(exc))


async def _refused(request: Request, exc: CommandRefused) -> JSONResponse:
    if exc.kind == "NotRunning":
        return problem_response(request, 404, "Not Found", str(exc))
    if exc.kind == "NotAuthorized":
        return problem_response(request, 403, "Forbidden", str(exc), rule=exc.kind)
    if exc.kind == "UnknownReference":
        return problem_response(request, 422, "Unprocessable Content", str(exc), rule=exc.kind)
    return problem_response(request, 409, "Conflict", str(exc), rule=exc.kind)


async def _catalog(request: Request, exc: CatalogError) -> JSONResponse:
    return problem_response(request, 404, "Not Found", str(exc))


async def _not_connected(request: Request, exc: NotConnected) -> JSONResponse:
    return problem_response(request, 503, "Service Unavailable", str(exc))


async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = [
        {"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", ""))}
        for e in exc.errors()
    ]
    detail = "; ".join(f"{'.'.join(e['loc'])}: {e['msg']}" for e in errors) or "invalid input"
    return problem_response(request, 422, "Unprocessable Content", detail, errors=errors)


async def _model_invalid(request: Request, exc: ValidationError) -> JSONResponse:
    detail = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
    return problem_response(request, 422, "Unprocessable Content", detail)


async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    title = TITLES.get(exc.status_code, "Error")
    return problem_response(request, exc.status_code, title, str(exc.detail))


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error", path=str(request.url.path))
    return problem_response(
        request,
        503,
        "Service Unavailable",
        f"the request could not be completed: {type(exc).__name__}",
    )


Handler = Callable[[Request, Any], Awaitable[JSONResponse]]
HANDLERS: dict[type[Exception], Handler] = {
    Problem: _problem,
    Forbidden: _forbidden,
    CommandRefused: _refused,
    CatalogError: _catalog,
    NotConnected: _not_connected,
    RequestValidationError: _invalid,
    ValidationError: _model_invalid,
    StarletteHTTPException: _http,
    Exception: _unexpected,
}


def install(app: FastAPI) -> None:
    """Map every error the API can meet to a problem document."""
    for exc_class, handler in HANDLERS.items():
        app.add_exception_handler(exc_class, handler)
