"""The web app: the HTTP API's routers, its problem documents and the dashboard, over one set
of services."""

from __future__ import annotations

from importlib.metadata import version

from fastapi import FastAPI

from service.context import Services
from web import dashboard, problems
from web.routers import (
    areas,
    escalation_views,
    escalations,
    history,
    me,
    notifications,
    programme,
    provinces,
    recovery,
    reports,
    status,
    system,
)

ROUTERS = (
    system,
    status,
    me,
    provinces,
    areas,
    escalations,
    escalation_views,
    notifications,
    programme,
    history,
    reports,
    recovery,
)


def create_app(services: Services) -> FastAPI:
    """The API and the dashboard over one set of services."""
    app = FastAPI(
        title="novex",
        version=version("novex"),
        description="Regie op de ruimte: provinciale trajecten, NOVEX-gebieden, escalaties.",
    )
    app.state.services = services
    problems.install(app)
    for module in ROUTERS:
        app.include_router(module.router)
    dashboard.install(app)
    return app
