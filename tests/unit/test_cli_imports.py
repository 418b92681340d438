"""`novex --help` stays fast because the command modules import no heavy library at start: the
database, Temporal, pydantic and the web stack come in only with the commands that use them."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("sqlalchemy", "temporalio", "pydantic", "asyncpg", "fastapi", "httpx", "rich", "yaml")


def test_the_cli_loads_its_commands_without_a_heavy_library() -> None:
    probe = (
        f"import sys, json, cli.main; print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert json.loads(done.stdout) == []


def test_novex_help_lists_login_and_the_process_commands() -> None:
    done = subprocess.run(
        [sys.executable, "-c", "from cli.main import main; main()", "--help"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    for command in ("login", "status", "tasks", "province", "escalation", "token"):
        assert command in done.stdout
