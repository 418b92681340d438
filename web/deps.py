"""What route handlers are given: the services the app was created over."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from service.context import Services


def services_of(request: Request) -> Services:
    """The services the app was created over."""
    services: Services = request.app.state.services
    return services


AppServices = Annotated[Services, Depends(services_of)]
