"""`novex up` owns its children: the Temporal dev server gets the parent-death signal, the embedded
PostgreSQL (a daemon of pg_ctl, no child of ours) is stopped by a lifeline process when `novex up`
is gone, and whatever a crashed run left on the data folder is stopped at the next start."""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import psutil

OWNER_FILE = "novex-up.json"
PR_SET_PDEATHSIG = 1


class DataDirInUse(RuntimeError):
    """Another `novex up` runs on this data folder."""


def die_with_parent(parent: int) -> Callable[[], None]:
    """A ``preexec_fn``: on Linux the child gets SIGTERM when ``parent`` dies, even by SIGKILL."""

    def arrange() -> None:
        if sys.platform.startswith("linux"):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
        if os.getppid() != parent:  # the parent died before the signal was arranged
            os.kill(os.getpid(), signal.SIGTERM)

    return arrange


def _alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def claim(data_dir: Path) -> None:
    """Make this process the owner of the data folder, after stopping what a dead owner left."""
    owner_file = data_dir / OWNER_FILE
    if owner_file.is_file():
        owner = int(json.loads(owner_file.read_text())["pid"])
        if owner != os.getpid() and _alive(owner):
            raise DataDirInUse(f"novex up already runs on {data_dir} (pid {owner})")
    sweep(data_dir)
    owner_file.write_text(json.dumps({"pid": os.getpid()}))


def release(data_dir: Path) -> None:
    """Give up the data folder (a clean stop)."""
    (data_dir / OWNER_FILE).unlink(missing_ok=True)


def sweep_after(data_dir: Path, owner: int) -> list[int]:
    """Sweep the data folder after its owner ended — unless a new owner already runs on it."""
    owner_file = data_dir / OWNER_FILE
    if owner_file.is_file():
        current = int(json.loads(owner_file.read_text())["pid"])
        if current != owner and _alive(current):
            return []
    return sweep(data_dir)


def sweep(data_dir: Path) -> list[int]:
    """Stop the Temporal dev server and the PostgreSQL server of this data folder that nobody
    alive uses any more; returns the pids that were stopped."""
    stopped = _stop_temporal(data_dir)
    postmaster = _stop_postgres(data_dir / "postgres")
    return stopped + ([postmaster] if postmaster else [])


def _stop_temporal(data_dir: Path) -> list[int]:
    database = str(data_dir / "temporal.db")
    found = [
        p
        for p in psutil.process_iter(["cmdline"])
        if p.pid != os.getpid() and database in (p.info["cmdline"] or [])
    ]
    for process in found:
        with contextlib.suppress(psutil.NoSuchProcess):
            process.terminate()
    _, alive = psutil.wait_procs(found, timeout=20)
    for process in alive:
        with contextlib.suppress(psutil.NoSuchProcess):
            process.kill()
    return [p.pid for p in found]


def _stop_postgres(pgdata: Path) -> int | None:
    """Forget handles of processes that are gone; with none left, stop a running server."""
    if not (pgdata / "postmaster.pid").is_file():
        return None
    from pgserver.postgres_server import PostgresServer
    from pgserver.utils import DiskList, PostmasterInfo

    with PostgresServer._lock:
        handles = DiskList(pgdata / ".handle_pids.json")
        living = [pid for pid in handles.get() if _alive(pid)]
        handles.put(living)
        info = PostmasterInfo.read_from_pgdata(pgdata)
        if living or info is None or info.process is None or not info.is_running():
            return None
        postmaster = info.process
        postmaster.send_signal(signal.SIGINT)  # a fast shutdown (pg_ctl refuses to run as root)
        try:
            postmaster.wait(timeout=30)
        except psutil.TimeoutExpired:
            postmaster.kill()
        return info.pid


def start_lifeline(data_dir: Path) -> subprocess.Popen[bytes]:
    """A process that sweeps the data folder once `novex up` is gone, however it went: it waits
    for the end of a pipe that only `novex up` holds open."""
    return subprocess.Popen(
        [sys.executable, "-m", "runtime.lifeline", str(data_dir), str(os.getpid())],
        stdin=subprocess.PIPE,
        start_new_session=True,  # Ctrl-C in the terminal is for `novex up`, not for the lifeline
    )


def end_lifeline(lifeline: subprocess.Popen[bytes]) -> None:
    """Close the pipe: the lifeline sweeps (nothing is left after a clean stop) and exits."""
    if lifeline.stdin is not None:
        lifeline.stdin.close()
    try:
        lifeline.wait(timeout=30)
    except subprocess.TimeoutExpired:
        lifeline.kill()
