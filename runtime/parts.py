"""The parts of the stack one by one, for production: the projector and the dispatcher."""

from __future__ import annotations

from config.catalog_file import load_catalog
from config.settings import Settings
from notify.wiring import dispatcher_from, projector_from
from runtime.connections import create_engine
from runtime.embedded_pg import database_url
from runtime.signals import stop_on_signals
from store.eventstore import EventStore


async def run_projector(settings: Settings) -> None:
    """Follow the event store and keep the read models current until Ctrl-C."""
    engine = create_engine(database_url(settings))
    store = EventStore(engine)
    stop = stop_on_signals()
    try:
        await projector_from(settings, store, load_catalog(settings.catalog)).run(stop)
    finally:
        await store.close()
        await engine.dispose()


async def run_dispatcher(settings: Settings) -> None:
    """Deliver notifications until Ctrl-C."""
    engine = create_engine(database_url(settings))
    store = EventStore(engine)
    stop = stop_on_signals()
    try:
        async with dispatcher_from(settings, store) as dispatcher:
            await dispatcher.run(stop)
    finally:
        await store.close()
        await engine.dispose()
