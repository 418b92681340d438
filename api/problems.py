"""Errors as application/problem+json (RFC 9457): 401, 403, 404, 409, 422 — never a bare 500."""

from __future__ import annotations

from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.auth import Forbidden
from api.process import CommandRefused
from domain.catalog.model import CatalogError

log = structlog.get_logger(__name__)
PROBLEM = "application/problem+json"


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


def install(app: FastAPI) -> None:
    """Map every error the API can meet to a problem document."""

    @app.exception_handler(Problem)
    async def _problem(request: Request, exc: Problem) -> JSONResponse:
        return problem_response(request, exc.status, exc.title, exc.detail, **exc.extra)

    @app.exception_handler(Forbidden)
    async def _forbidden(request: Request, exc: Forbidden) -> JSONResponse:
        return problem_response(request, 403, "Forbidden", str(exc))

    @app.exception_handler(CommandRefused)
    async def _refused(request: Request, exc: CommandRefused) -> JSONResponse:
        if exc.kind == "NotRunning":
            return problem_response(request, 404, "Not Found", str(exc))
        if exc.kind == "NotAuthorized":
            return problem_response(request, 403, "Forbidden", str(exc), rule=exc.kind)
        if exc.kind == "UnknownReference":
            return problem_response(request, 422, "Unprocessable Content", str(exc), rule=exc.kind)
        return problem_response(request, 409, "Conflict", str(exc), rule=exc.kind)

    @app.exception_handler(CatalogError)
    async def _catalog(request: Request, exc: CatalogError) -> JSONResponse:
        return problem_response(request, 404, "Not Found", str(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", ""))}
            for e in exc.errors()
        ]
        detail = "; ".join(f"{'.'.join(e['loc'])}: {e['msg']}" for e in errors) or "invalid input"
        return problem_response(request, 422, "Unprocessable Content", detail, errors=errors)

    @app.exception_handler(ValidationError)
    async def _model_invalid(request: Request, exc: ValidationError) -> JSONResponse:
        detail = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        return problem_response(request, 422, "Unprocessable Content", detail)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        titles = {
            401: "Unauthorized",
            403: "Forbidden",
            404: "Not Found",
            405: "Method Not Allowed",
        }
        return problem_response(
            request, exc.status_code, titles.get(exc.status_code, "Error"), str(exc.detail)
        )

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error", path=str(request.url.path))
        return problem_response(
            request,
            503,
            "Service Unavailable",
            f"the request could not be completed: {type(exc).__name__}",
        )
