"""The dashboard: server-rendered HTML (no JavaScript build) over the same services as the API."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from web.dashboard import act_page, login, pages, process_page
from web.dashboard.render import FOLDER


def install(app: FastAPI) -> None:
    """Add the dashboard's pages, its login and its static files to the app."""
    app.mount("/static", StaticFiles(directory=str(FOLDER / "static")), name="static")
    app.include_router(login.router)
    app.include_router(pages.router)
    app.include_router(process_page.router)
    app.include_router(act_page.router)
