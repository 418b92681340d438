"""The API served over HTTP on a free port (in the session's loop), and `novex` run beside it as
a user types it, with NOVEX_URL and a token."""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.testing import WorkflowEnvironment

from runtime.web_server import start_serving
from tests.api.conftest import Api, open_api
from tests.e2e.conftest import NOVEX, Ran, free_port, run


@dataclass
class Served:
    """The API under test, where it listens, and a folder for the CLI's config."""

    api: Api
    url: str
    home: Path

    def env(self, who: str | None = "coordinator", **extra: str) -> dict[str, str]:
        """The environment of a `novex` call with this holder's token (None: no token)."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("NOVEX_")}
        env |= {"NOVEX_URL": self.url, "XDG_CONFIG_HOME": str(self.home)}
        if who is not None:
            env["NOVEX_TOKEN"] = self.api.tokens[who]
        return env | extra

    async def novex(self, *args: str, who: str | None = "coordinator", **extra: str) -> Ran:
        """`novex ARGS…` as the holder of this token."""
        return await run(NOVEX, *args, env=self.env(who, **extra), cwd=str(self.home))


@pytest.fixture
async def served(
    engine: AsyncEngine,
    temporal_env: WorkflowEnvironment,
    worker_queue: str,
    tmp_path: Path,
) -> AsyncIterator[Served]:
    async with open_api(engine, temporal_env.client, worker_queue) as api:
        port = free_port()
        config = uvicorn.Config(api.app, host="127.0.0.1", port=port, log_level="warning")
        server = uvicorn.Server(config)
        serving = await start_serving(server)
        try:
            yield Served(api, f"http://127.0.0.1:{port}", tmp_path)
        finally:
            server.should_exit = True
            await asyncio.wait_for(serving, timeout=30)
