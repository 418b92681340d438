"""The embedded stack of `novex up`: Temporal dev server, embedded PostgreSQL, the worker (a process
of its own), API, projector and dispatcher."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import structlog

from config.binaries import temporal_cli
from config.catalog_file import load_catalog
from config.settings import Settings
from notify.wiring import dispatcher_from, projector_from
from runtime.children import claim, die_with_parent, end_lifeline, release, start_lifeline
from runtime.connections import connect_temporal, create_engine
from runtime.embedded_pg import start_embedded_postgres, stop_embedded_postgres
from runtime.signals import stop_on_signals
from runtime.web_server import api_server, start_serving
from runtime.worker_process import worker_process
from service.context import Services
from store.eventstore import EventStore
from store.migrate import upgrade_async
from workflows import search

log = structlog.get_logger(__name__)


@dataclass
class Stack:
    """Where the running parts are."""

    database_url: str
    temporal_address: str
    temporal_ui: str | None


def temporal_dev_server_command(settings: Settings, data_dir: Path) -> list[str]:
    """The dev server on a persistent file database, with WAL pragmas and our search attributes."""
    return [
        temporal_cli(),
        "server",
        "start-dev",
        "--db-filename",
        str(data_dir / "temporal.db"),
        "--ip",
        "127.0.0.1",
        "--port",
        str(settings.temporal_port),
        "--ui-port",
        str(settings.temporal_ui_port),
        "--namespace",
        settings.namespace,
        "--sqlite-pragma",
        "journal_mode=WAL",
        "--sqlite-pragma",
        "synchronous=NORMAL",
        "--log-level",
        "warn",
        *search.dev_server_args(),
    ]


async def _wait_for_port(host: str, port: int, timeout: float = 60.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        try:
            _, writer = await asyncio.open_connection(host, port)
            writer.close()
            return
        except OSError:
            if asyncio.get_running_loop().time() > deadline:
                raise TimeoutError(
                    f"nothing answers on {host}:{port} after {timeout:.0f}s"
                ) from None
            await asyncio.sleep(0.2)


def _start_temporal(settings: Settings, data_dir: Path) -> subprocess.Popen[bytes]:
    """The dev server as a child that gets SIGTERM when `novex up` dies, however it dies."""
    log_file = (data_dir / "temporal.log").open("ab")
    return subprocess.Popen(
        temporal_dev_server_command(settings, data_dir),
        stdout=log_file,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        preexec_fn=die_with_parent(os.getpid()),
    )


def _stop_temporal(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


@contextlib.asynccontextmanager
async def embedded_services(settings: Settings) -> AsyncIterator[Stack]:
    """Start what is not configured (PostgreSQL, Temporal) and stop it again on exit; what a
    crashed run left on the data folder is stopped first, and a lifeline stops what this run
    started if it is killed."""
    data_dir = settings.data_dir.resolve()
    data_dir.mkdir(parents=True, exist_ok=True)
    await asyncio.to_thread(claim, data_dir)
    lifeline = start_lifeline(data_dir)
    process: subprocess.Popen[bytes] | None = None
    try:
        if settings.database_url is None:
            database_url = await asyncio.to_thread(start_embedded_postgres, data_dir / "postgres")
        else:
            database_url = settings.database_url
        ui = None
        address = settings.temporal_address or f"127.0.0.1:{settings.temporal_port}"
        if settings.temporal_address is None:
            process = _start_temporal(settings, data_dir)
            ui = f"http://127.0.0.1:{settings.temporal_ui_port}"
            await _wait_for_port("127.0.0.1", settings.temporal_port)
        yield Stack(database_url, address, ui)
    finally:
        if process is not None:
            await asyncio.to_thread(_stop_temporal, process)
        if settings.database_url is None:
            await asyncio.to_thread(stop_embedded_postgres, data_dir / "postgres")
        release(data_dir)
        await asyncio.to_thread(end_lifeline, lifeline)


async def run_stack(settings: Settings, stop: asyncio.Event) -> None:
    """Everything until ``stop`` is set: migrations, then the worker in a process of its own, and
    the API, projector and notification dispatcher in this one."""
    catalog = load_catalog(settings.catalog)
    async with embedded_services(settings) as stack:
        await upgrade_async(stack.database_url)
        client = await connect_temporal(settings, stack.temporal_address)
        await search.ensure_registered(client, settings.namespace)
        engine = create_engine(stack.database_url)
        store = EventStore(engine)
        projector = projector_from(settings, store, catalog)
        services = Services(engine, client, catalog, settings, settings.label)
        api = api_server(services, settings)
        try:
            async with (
                worker_process(stack.database_url, stack.temporal_address, stop),
                dispatcher_from(settings, store) as dispatcher,
            ):
                serving = await start_serving(api)
                _announce(settings, stack)
                await asyncio.gather(projector.run(stop), dispatcher.run(stop))
                api.should_exit = True
                await serving
        finally:
            await services.close()
            await store.close()
            await engine.dispose()
    print("novex stopped", flush=True)


def _announce(settings: Settings, stack: Stack) -> None:
    """Tell the user where everything is."""
    dashboard = f"http://{settings.api_host}:{settings.api_port}"
    print(f"novex is running\n  Dashboard    {dashboard}/   (API docs: {dashboard}/docs)")
    print(f"  PostgreSQL   {stack.database_url}")
    print(f"  Temporal     {stack.temporal_address} (namespace {settings.namespace})")
    if stack.temporal_ui:
        print(f"  Temporal UI  {stack.temporal_ui}")
    print(f"  task queue   {settings.task_queue}\nPress Ctrl-C to stop.", flush=True)


async def run_until_signalled(settings: Settings) -> None:
    """`novex up`: the stack until Ctrl-C (or SIGTERM)."""
    await run_stack(settings, stop_on_signals())
