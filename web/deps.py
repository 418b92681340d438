"""What route handlers are given: the services the app was created over, the request's
idempotency key, and the view of the past it asks for (``as_of``, ``as_known_at``)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import Depends, Header, Query, Request

from domain.catalog.ids import process_stream
from domain.views.as_of import AsOf
from service.context import Services
from service.idempotency import InvalidKey, parse_key
from web.problems import Problem


def services_of(request: Request) -> Services:
    """The services the app was created over."""
    services: Services = request.app.state.services
    return services


AppServices = Annotated[Services, Depends(services_of)]


def stream_named(services: Services, text: str) -> str:
    """The stream id a path names, spelled as the catalog spells it (``catalog/ids.py``); a
    404 problem naming what is wrong (an unknown province or area with the known ones)."""
    try:
        return str(process_stream(services.catalog, text))
    except ValueError as exc:  # CatalogError too
        raise Problem(404, "Not Found", str(exc)) from None


def idempotency_key(
    value: Annotated[
        str | None,
        Header(
            alias="Idempotency-Key",
            description=(
                "A key of your choosing (IETF httpapi draft), e.g. a UUID: a retry with the same "
                "key and the same body gets the first answer again and records nothing twice; "
                "the same key with another body is refused (422)."
            ),
        ),
    ] = None,
) -> str | None:
    """The request's idempotency key; a malformed one is a 400 problem."""
    try:
        return parse_key(value)
    except InvalidKey as exc:
        raise Problem(400, "Bad Request", str(exc)) from None


IdempotencyKey = Annotated[str | None, Depends(idempotency_key)]


def as_of_params(
    as_of: Annotated[
        datetime | None,
        Query(description="effective instant: how things stood then (ISO; no zone: UTC)"),
    ] = None,
    as_known_at: Annotated[
        datetime | None,
        Query(description="recorded instant: what novex knew then (ISO; no zone: UTC)"),
    ] = None,
) -> AsOf | None:
    """The view of the past a request asks for, on either axis or both (None: now)."""
    return AsOf.of(as_of, as_known_at)


AsOfParams = Annotated[AsOf | None, Depends(as_of_params)]
