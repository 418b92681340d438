"""The figures of a full chaos run, written to the "Reliability" section of bench/RESULTS.md."""

from __future__ import annotations

import os
import platform
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from tests.chaos.storm import Storm

RESULTS = Path(__file__).resolve().parents[2] / "bench" / "RESULTS.md"
HEADING = "## Reliability (tests/chaos, `make chaos`)"


@dataclass(frozen=True)
class Figures:
    """What a run measured besides what the storm object holds."""

    wall_seconds: float
    lost: int
    duplicates: int
    notifications: Counter[str]
    retried_deliveries: int
    stuck: int
    load: str


def _faults(storm: Storm) -> str:
    counts = storm.injected.counts
    lines = [f"| {kind} | {n} |" for kind, n in counts.items()]
    lines.append(f"| client connections cut by those | {storm.injected.connections_cut} |")
    return "\n".join(lines)


def _answers(storm: Storm) -> str:
    seen = storm.ledger.seen
    return ", ".join(f"{k} × {v:,}" for k, v in sorted(seen.items()))


def section(storm: Storm, figures: Figures) -> str:
    """The section's text."""
    scale, ledger, notes = storm.scale, storm.ledger, figures.notifications
    processes = f"{scale.processes} ({scale.journeys} + {len(scale.escalated)})"
    delivered = f"{notes['delivered']:,} / {sum(notes.values()):,}"
    exits = {n: p.exits for n, p in storm.installation.parts.items() if p.exits}
    machine = f"{platform.machine()}, Python {sys.version.split()[0]}, Linux {platform.release()}"
    return f"""{HEADING}

Machine: {machine}, {os.cpu_count()} cores, shared (load average {figures.load} at the end).
Everything on loopback: a PostgreSQL of the suite's own, the Temporal dev server on a SQLite
file, two workers on one task queue, the API, the projector and the dispatcher, each a process
of its own that the suite's supervisor starts again when it goes down; a webhook receiver that
takes {storm.receiver.latency:.2f} s per delivery and acts once per CloudEvent id. Clients send
every command under an idempotency key of its own and retry it with that key until it is
answered; every fourth answered command (and every escalation's last) is sent once more.

| measure | figure |
|---|---|
| processes (journeys + escalations) | {processes} |
| commands acknowledged / sent | {len(ledger.acknowledged):,} / {len(ledger.sent):,} |
| retries by the clients (same key) | {ledger.retries:,} |
| acknowledged commands sent again (same answer expected) | {ledger.resent:,} |
| lost (acknowledged, not in the store) | {figures.lost} |
| duplicates (recorded twice, facts twice, CloudEvents acted on twice) | {figures.duplicates} |
| notifications delivered / in the outbox | {delivered} |
| notifications that needed more than one attempt | {figures.retried_deliveries:,} |
| redeliveries absorbed by the receiver's dedup | {storm.receiver.duplicates:,} |
| processes that recorded *vastgelopen* | {figures.stuck} |
| parts that ended by themselves (restarted) | {exits or "none"} |
| load phase / wall time of the run | {storm.load_seconds:.0f} s / {figures.wall_seconds:.0f} s |

Faults injected (the receiver away {scale.plan.receiver_outage:.0f} s, PostgreSQL down \
{scale.plan.postgres_outage:.0f} s):

| fault | times |
|---|---|
{_faults(storm)}

Answers the clients saw: {_answers(storm)}.

Checked afterwards: every acknowledged command's events are in the store exactly once under its
idempotency key; each journey and escalation started, escalated and decided once, its decision
recorded once in the journey; `novex audit verify` finds nothing; the read model equals a
rebuild and nothing is parked; every notification delivered, the receiver acted on each webhook
CloudEvent once.

Found by the suite: a command whose append met PostgreSQL down for longer than the append's
retries (about 15 s) was answered with the store's failure, and Temporal gave that failure again
to every retry under the command's key (500s, commands never answered; a client that gave up and
sent again under a new key could record twice). A command someone awaits now waits for the
store (`tests/workflows/test_awaited_commands.py`).
"""


def write_reliability(storm: Storm, figures: Figures, path: Path = RESULTS) -> None:
    """Replace (or add) the section in the results file."""
    current = path.read_text(encoding="utf-8")
    new = section(storm, figures)
    pattern = re.compile(re.escape(HEADING) + r".*?(?=\n## |\Z)", re.DOTALL)
    if pattern.search(current):
        updated = pattern.sub(lambda _: new.rstrip("\n") + "\n", current)
    else:
        updated = current.rstrip("\n") + "\n\n" + new
    path.write_text(updated, encoding="utf-8")
