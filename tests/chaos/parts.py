"""The parts of a novex installation as separate processes the chaos suite can kill and start
again: the Temporal dev server (on a file database), two workers on one task queue, the API, the
projector and the dispatcher. Each dies with the test process (parent-death signal)."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from config.settings import Settings
from runtime.children import die_with_parent
from runtime.stack import temporal_dev_server_command
from tests.e2e.conftest import free_port

NOVEX = str(Path(sys.executable).parent / "novex")
__all__ = ["NOVEX", "Installation", "Part", "free_port", "wait_for_port"]


async def wait_for_port(port: int, timeout: float = 90) -> None:
    """Until something listens on 127.0.0.1:``port``."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            return
        except OSError:
            if loop.time() > deadline:
                raise TimeoutError(f"nothing listens on 127.0.0.1:{port}") from None
            await asyncio.sleep(0.2)


@dataclass
class Part:
    """One process of the installation, started (again) with the same command line."""

    name: str
    argv: list[str]
    env: dict[str, str]
    folder: Path
    process: asyncio.subprocess.Process | None = None
    starts: int = 0
    exits: list[int] = field(default_factory=list)
    """Exit codes of the runs that ended by themselves (not killed or stopped by the suite)."""
    _planned: bool = False

    @property
    def log(self) -> Path:
        return self.folder / f"{self.name}.log"

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.returncode is None

    async def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = await asyncio.create_subprocess_exec(
                *self.argv,
                env=self.env,
                cwd=self.folder,
                stdout=log,
                stderr=asyncio.subprocess.STDOUT,
                start_new_session=True,
                preexec_fn=die_with_parent(os.getpid()),
            )
        self.starts += 1

    async def kill(self) -> None:
        """SIGKILL: no handler runs, nothing is cleaned up; the supervisor starts it again."""
        if self.running:
            assert self.process is not None
            self._planned = True
            self.process.kill()
            await self.process.wait()

    async def stop(self) -> None:
        """SIGTERM and a graceful end (SIGKILL after 30 s)."""
        if not self.running:
            return
        assert self.process is not None
        self._planned = True
        self.process.send_signal(signal.SIGTERM)
        try:
            await asyncio.wait_for(self.process.wait(), timeout=30)
        except TimeoutError:
            await self.kill()

    async def supervise(self, stop: asyncio.Event, pause: float = 1.0) -> None:
        """Start it again whenever it ends, as a service manager would, until ``stop``; an end
        the suite did not cause is noted in ``exits``."""
        while not stop.is_set():
            process = self.process
            assert process is not None
            ended = asyncio.ensure_future(process.wait())
            stopping = asyncio.ensure_future(stop.wait())
            await asyncio.wait({ended, stopping}, return_when=asyncio.FIRST_COMPLETED)
            if stop.is_set():
                ended.cancel()
                return
            stopping.cancel()
            if not self._planned:
                self.exits.append(ended.result())
            self._planned = False
            await asyncio.sleep(pause)
            if not stop.is_set():
                await self.start()

    def tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""


@dataclass
class Installation:
    """Where everything listens, and the parts."""

    folder: Path
    database_url: str
    catalog: Path
    temporal_port: int = field(default_factory=free_port)
    api_port: int = field(default_factory=free_port)
    parts: dict[str, Part] = field(default_factory=dict)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.api_port}"

    def env(self, **extra: str) -> dict[str, str]:
        """The environment of a novex part: no setting of the machine's user leaks in."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("NOVEX_")}
        env.update(
            NOVEX_DATABASE_URL=self.database_url,
            NOVEX_TEMPORAL_ADDRESS=f"127.0.0.1:{self.temporal_port}",
            NOVEX_CATALOG=str(self.catalog),
            NOVEX_API_PORT=str(self.api_port),
            NOVEX_METRICS_PORT=str(free_port()),
            NOVEX_NOTIFY_BACKOFF_SECONDS="0.5",
            NOVEX_NOTIFY_MAX_ATTEMPTS="15",
            NOVEX_LOG_FORMAT="json",
            XDG_CONFIG_HOME=str(self.folder / "config"),
        )
        env.update(extra)
        return env

    def declare(self) -> None:
        """The parts, not yet started."""
        settings = Settings(temporal_port=self.temporal_port, temporal_ui_port=free_port())
        temporal = temporal_dev_server_command(settings, self.folder)
        commands = {
            "temporal": temporal,
            "worker-a": [sys.executable, "-m", "worker"],
            "worker-b": [sys.executable, "-m", "worker"],
            "api": [NOVEX, "api"],
            "projector": [NOVEX, "projector", "run"],
            "dispatcher": [NOVEX, "notifications", "run"],
        }
        for name, argv in commands.items():
            self.parts[name] = Part(name, argv, self.env(), self.folder)

    async def start(self) -> None:
        """Temporal first, then every other part; returns once the API answers."""
        await self.parts["temporal"].start()
        await wait_for_port(self.temporal_port)
        await asyncio.gather(*(p.start() for n, p in self.parts.items() if n != "temporal"))
        await self.api_ready()

    async def api_ready(self, timeout: float = 90) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        async with httpx.AsyncClient(timeout=5) as http:
            while True:
                try:
                    if (await http.get(f"{self.base}/api/health")).status_code == 200:
                        return
                except httpx.HTTPError:
                    pass
                if loop.time() > deadline:
                    raise TimeoutError("the API did not answer:\n" + self.parts["api"].tail())
                await asyncio.sleep(0.3)

    async def stop(self) -> None:
        """Every part, gracefully (Temporal last)."""
        await asyncio.gather(*(p.stop() for n, p in self.parts.items() if n != "temporal"))
        await self.parts["temporal"].stop()
