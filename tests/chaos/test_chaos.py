"""Proof under fire: journeys and escalations driven through the HTTP API by clients that retry
with idempotency keys, while workers are killed, Temporal and PostgreSQL restart, connections
are cut and the webhook receiver is down. The short form runs in `make test`; `make chaos`
(NOVEX_CHAOS=full) runs the full one and writes its figures to bench/RESULTS.md."""

from __future__ import annotations

import asyncio
import dataclasses
import os
from pathlib import Path

from sqlalchemy import text

from tests.chaos import checks
from tests.chaos.faults import (
    API_KILLED,
    CONNECTIONS_CUT,
    POSTGRES_RESTARTED,
    RECEIVER_DOWN,
    TEMPORAL_RESTARTED,
    WORKER_KILLED,
    Plan,
)
from tests.chaos.report import Figures, section, write_reliability
from tests.chaos.storm import Scale, Storm, blow, engine_for, installed, load_average, settle

SHORT = Scale(
    "short",
    journeys=30,
    escalate_every=3,
    span=28,
    patience=120,
    plan=Plan(
        (
            (1, RECEIVER_DOWN),  # for 30 s
            (3, API_KILLED),
            (5, CONNECTIONS_CUT),
            (7, TEMPORAL_RESTARTED),
            (9, WORKER_KILLED),
            (11, POSTGRES_RESTARTED),  # for 30 s, as the killed worker's commands move over
            (16, WORKER_KILLED),
            (24, API_KILLED),
            (30, WORKER_KILLED),
            (42, CONNECTIONS_CUT),
        )
    ),
)
FULL = Scale(
    "full",
    journeys=200,
    escalate_every=4,
    span=150,
    plan=Plan(
        (
            (10, RECEIVER_DOWN),
            (15, WORKER_KILLED),
            (25, API_KILLED),
            (30, CONNECTIONS_CUT),
            (45, TEMPORAL_RESTARTED),
            (60, CONNECTIONS_CUT),
            (69, WORKER_KILLED),
            (71, POSTGRES_RESTARTED),  # for 30 s
            (95, API_KILLED),
            (102, CONNECTIONS_CUT),
            (115, WORKER_KILLED),
            (130, CONNECTIONS_CUT),
        )
    ),
)


def chosen() -> Scale:
    return FULL if os.environ.get("NOVEX_CHAOS") == "full" else SHORT


async def _findings(storm: Storm) -> tuple[dict[str, list[str]], Figures]:
    """Every check's findings, and the figures for the report (wall time left to fill in)."""
    engine = engine_for(storm.postgres.url)
    scale = storm.scale
    try:
        rows = await checks.stored(engine)
        lost, duplicated = checks.commands_recorded_once(storm.ledger, rows)
        missing, doubled = checks.facts_once(rows, scale.codes, scale.escalated)
        found = {
            "unanswered": [str(s) for s in storm.ledger.sent if s.status != 200],
            "answered differently when sent again": storm.ledger.mismatches,
            "unexpected errors (500)": [f"{n} × 500"] if (n := storm.ledger.seen["500"]) else [],
            "lost": lost,
            "duplicated": duplicated,
            "facts missing": missing,
            "facts recorded twice": doubled,
            "chains": await checks.chains_intact(engine),
            "read model": await checks.read_model_is_a_rebuild(engine),
            "notifications": await checks.notifications_delivered(engine, storm.receiver),
        }
        statuses, _ = await checks.outbox(engine)
        async with engine.connect() as conn:
            retried = await conn.scalar(
                text("SELECT count(*) FROM novex_outbox WHERE attempts > 1")
            )
    finally:
        await engine.dispose()
    figures = Figures(
        wall_seconds=0.0,
        lost=len(lost) + len(found["unanswered"]) + len(missing),
        duplicates=len(duplicated) + len(doubled),
        notifications=statuses,
        retried_deliveries=int(retried or 0),
        stuck=len({r.stream for r in rows if r.type == "ProcessStuck"}),
        load=load_average(),
    )
    return found, figures


async def test_nothing_acknowledged_is_lost_or_recorded_twice_under_kills_restarts_and_outages(
    tmp_path: Path,
) -> None:
    scale = chosen()
    loop = asyncio.get_running_loop()
    begin = loop.time()
    async with installed(tmp_path, scale) as storm:
        await blow(storm)
        await settle(storm, timeout=120)
        for name in ("projector", "dispatcher"):  # the checks fold and count on their own
            await storm.installation.parts[name].stop()
        found, figures = await _findings(storm)
    figures = dataclasses.replace(figures, wall_seconds=loop.time() - begin)
    slowest = sorted(storm.ledger.sent, key=lambda s: -s.seconds)[:8]
    print(section(storm, figures), *storm.injected.timeline, *slowest, sep="\n")  # with -s
    if scale is FULL:
        write_reliability(storm, figures)
    assert {k: v for k, v in found.items() if v} == {}, "\n".join(storm.injected.timeline)
    assert len(storm.ledger.sent) == len(scale.codes) * 5 + len(scale.escalated) * 3
    planned = {kind for _, kind in scale.plan.steps}
    assert set(storm.injected.counts) == planned and storm.injected.counts[WORKER_KILLED] == 3
    assert storm.injected.connections_cut > 0
    assert figures.retried_deliveries > 0, "the receiver's outage delayed no notification"
    assert storm.receiver.duplicates > 0, "no cut fell between a delivery and its record"
