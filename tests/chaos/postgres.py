"""A PostgreSQL server of the chaos suite's own (pgserver's binaries, a temporary folder, a free
loopback port): one it may crash, restart and cut off, and removes afterwards. Never the
machine's server."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import stat
import subprocess
import tempfile
import warnings
from pathlib import Path

import asyncpg

with warnings.catch_warnings():  # pgserver asks for a runtime dir it does not use here
    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
    from pgserver import _commands as pg
    from pgserver.utils import ensure_folder_permissions, ensure_user_exists

SYSTEM_USER = "pgserver"
"""PostgreSQL refuses to run as root; then it runs as this user (as pgserver does)."""
_CUT = (
    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
    "WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'"
)


def _system_user() -> str | None:
    return SYSTEM_USER if os.geteuid() == 0 else None


class OwnPostgres:
    """initdb, start, crash, cut connections, remove — on ``port``."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.root = Path(tempfile.mkdtemp(prefix="novex-chaos-pg-"))
        self.pgdata = self.root / "data"
        self.user = _system_user()

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, tool: str, args: list[str], timeout: float = 120) -> str:
        command = getattr(pg, tool)
        return str(command(args, pgdata=self.pgdata, user=self.user, timeout=timeout))

    def init_and_start(self) -> None:
        """A fresh cluster (trust on loopback only), listening on 127.0.0.1:``port``."""
        if self.user is not None:
            ensure_user_exists(self.user)
            bits = stat.S_IRGRP | stat.S_IROTH | stat.S_IXGRP | stat.S_IXOTH
            ensure_folder_permissions(pg.POSTGRES_BIN_PATH, bits)
            ensure_folder_permissions(pg.POSTGRES_BIN_PATH.parent / "lib", bits)
            self.root.chmod(0o755)
            shutil.chown(self.root, self.user)
        self._run("initdb", ["--auth=trust", "--encoding=utf8", "-U", "postgres"])
        self.start()

    def start(self) -> None:
        options = f"-h 127.0.0.1 -p {self.port} -k {self.pgdata} -c max_connections=200"
        log = str(self.root / "postgres.log")
        self._run("pg_ctl", ["-w", "-o", options, "-l", log, "start"])

    def crash(self) -> None:
        """Stop as a crash would (``-m immediate``: no checkpoint; the next start recovers
        from the WAL)."""
        self._run("pg_ctl", ["-w", "-m", "immediate", "stop"])

    def remove(self) -> None:
        """Stop the server (if it runs) and delete its folder."""
        with contextlib.suppress(subprocess.CalledProcessError):  # not running: nothing to stop
            self._run("pg_ctl", ["-w", "-m", "immediate", "stop"], timeout=60)
        shutil.rmtree(self.root, ignore_errors=True)

    async def cut_connections(self) -> int:
        """``pg_terminate_backend`` every other client connection; returns how many."""
        conn = await asyncpg.connect(self.url, timeout=10)
        try:
            return int(await conn.fetchval(_CUT))
        finally:
            await conn.close()

    def log_tail(self) -> str:
        log = self.root / "postgres.log"
        return log.read_text(errors="replace")[-3000:] if log.exists() else ""


async def started(port: int) -> OwnPostgres:
    """An own server, initialised and running."""
    server = OwnPostgres(port)
    await asyncio.to_thread(server.init_and_start)
    return server
