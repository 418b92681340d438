"""The worker of `novex up` in a process of its own: workflow tasks keep their own interpreter
(and GIL) and event loop, so the API, projector and dispatcher cannot hold them up."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
from collections.abc import AsyncIterator

import structlog

from runtime.children import die_with_parent

log = structlog.get_logger(__name__)


async def _watch(process: asyncio.subprocess.Process, stop: asyncio.Event) -> None:
    """A worker that ends by itself ends the stack: better stopped than silently idle."""
    code = await process.wait()
    if not stop.is_set():
        log.error("the worker stopped by itself; stopping novex", exit_code=code)
        stop.set()


@contextlib.asynccontextmanager
async def worker_process(
    database_url: str, temporal_address: str, stop: asyncio.Event
) -> AsyncIterator[asyncio.subprocess.Process]:
    """`python -m worker` against the stack's services, until the block ends (then SIGTERM and a
    graceful shutdown). It has a session of its own (Ctrl-C is for `novex up`, which stops it)
    and gets SIGTERM when `novex up` dies, however it dies."""
    env = {
        **os.environ,
        "NOVEX_DATABASE_URL": database_url,
        "NOVEX_TEMPORAL_ADDRESS": temporal_address,
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "worker",
        env=env,
        start_new_session=True,
        preexec_fn=die_with_parent(os.getpid()),
    )
    watch = asyncio.create_task(_watch(process, stop))
    try:
        yield process
    finally:
        if process.returncode is None:
            process.send_signal(signal.SIGTERM)
            try:
                await asyncio.wait_for(process.wait(), timeout=30)
            except TimeoutError:
                process.kill()
                await process.wait()
        await watch
