"""The HTTP API and dashboard under uvicorn: alone (`novex api`) or inside the stack."""

from __future__ import annotations

import asyncio

import uvicorn

from config.catalog_file import load_catalog
from config.settings import Settings
from runtime.connections import connect_temporal, create_engine
from runtime.embedded_pg import database_url
from service.context import Services
from web.app import create_app


def api_server(services: Services, settings: Settings) -> uvicorn.Server:
    """A uvicorn server for the app over ``services`` on NOVEX_API_HOST:NOVEX_API_PORT."""
    config = uvicorn.Config(
        create_app(services), host=settings.api_host, port=settings.api_port, log_level="warning"
    )
    return uvicorn.Server(config)


async def start_serving(server: uvicorn.Server) -> asyncio.Task[None]:
    """Serve in the background; returns once the server listens (or says why it cannot)."""
    serving = asyncio.create_task(server.serve())
    while not server.started and not serving.done():
        await asyncio.sleep(0.05)
    if serving.done():
        serving.result()  # the API could not start (port taken?): say why
    return serving


async def serve_api(settings: Settings) -> None:
    """`novex api`: the API and dashboard against configured services, until stopped."""
    engine = create_engine(database_url(settings))
    try:
        client = await connect_temporal(settings)
        catalog = load_catalog(settings.catalog)
        services = Services(engine, client, catalog, settings, settings.label)
        try:
            await api_server(services, settings).serve()
        finally:
            await services.close()
    finally:
        await engine.dispose()
