"""Notifications delivered per second to a local webhook receiver, against plain httpx posts
of the same CloudEvents to the same receiver with the same concurrency."""

from __future__ import annotations

import asyncio
import json
import socket
import statistics
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

import httpx
from sqlalchemy import text

from bench.common import scratch_database
from bench.figures import Outcome, load, machine, ratio_figure
from notify.channels import (
    Channel,
    Delivery,
    LogChannel,
    WebhookChannel,
    cloud_event,
    signature,
)
from notify.dispatcher import Dispatcher
from runtime.connections import create_engine
from store.eventstore import EventMetadata, EventStore, NewEvent

CONCURRENCY = 16
TITLE = "Notifications (bench/notify.py)"


@dataclass(frozen=True)
class Sizes:
    """Notifications per round (a multiple of 100) and rounds."""

    notifications: int
    rounds: int


FULL = Sizes(2000, 3)
QUICK = Sizes(500, 2)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _row(event_id: str, i: int, endpoint: str) -> dict[str, object]:
    return {
        "id": str(uuid.uuid4()),
        "event_id": event_id,
        "kind": "reminder",
        "recipient": f"partij-{i % 20}",
        "channel": "webhook",
        "endpoint": endpoint,
        "subject": "Herinnering: ijkmoment-1 verloopt op 15-02-2023",
        "body": "De termijn voor ijkmoment-1 verloopt op 15-02-2023.",
        "link": "/processen/province-GE",
        "data": {"target": "ijkmoment-1", "i": i},
    }


async def _fill(store: EventStore, endpoint: str, round_no: int, notifications: int) -> None:
    """Outbox rows, 100 per event, committed with their events."""
    for batch in range(notifications // 100):
        event_id = uuid.uuid4()
        rows = [_row(str(event_id), i, endpoint) for i in range(100)]
        await store.append(
            f"bench-notify-{round_no}-{batch}",
            0,
            [NewEvent(event_id, "ReminderIssued", {"target": "ijkmoment-1"})],
            EventMetadata(actor="bench"),
            notifications=rows,
        )


def _signed_sample(endpoint: str) -> tuple[bytes, dict[str, str]]:
    """One pre-built, signed CloudEvent: what the baseline posts every time."""
    sample = Delivery(
        id=str(uuid.uuid4()),
        stream_id="province-GE",
        position=1,
        kind="reminder",
        recipient="partij",
        channel="webhook",
        endpoint=endpoint,
        subject="Herinnering",
        body="De termijn verloopt.",
        link="/processen/province-GE",
        data={"target": "ijkmoment-1"},
        created_at=datetime.now(UTC),
    )
    body = json.dumps(cloud_event(sample, "http://x")).encode()
    headers = {
        "Content-Type": "application/cloudevents+json",
        "X-Novex-Signature": signature("bench", body),
    }
    return body, headers


async def _rounds(
    url: str, client: httpx.AsyncClient, endpoint: str, sizes: Sizes
) -> tuple[float, float]:
    """Median notifications/s of the dispatcher and of plain posts, round by round."""
    engine = create_engine(url)
    store = EventStore(engine)
    channel = WebhookChannel(client, secret="bench", public_url="http://x")
    channels: dict[str, Channel] = {"webhook": channel, "log": LogChannel()}
    dispatcher = Dispatcher(store, channels, batch_size=200, concurrency=CONCURRENCY)
    body, headers = _signed_sample(endpoint)
    gate = asyncio.Semaphore(CONCURRENCY)

    async def post() -> None:
        async with gate:
            response = await client.post(endpoint, content=body, headers=headers)
            assert response.status_code == 204

    ours: list[float] = []
    plain: list[float] = []
    n = sizes.notifications
    for r in range(sizes.rounds):
        await _fill(store, endpoint, r, n)
        started = time.perf_counter()
        while await dispatcher.run_once():
            pass
        ours.append(n / (time.perf_counter() - started))
        started = time.perf_counter()
        await asyncio.gather(*(post() for _ in range(n)))
        plain.append(n / (time.perf_counter() - started))
    async with engine.connect() as conn:
        delivered = await conn.scalar(
            text("SELECT count(*) FROM novex_outbox WHERE status = 'delivered'")
        )
    assert delivered == n * sizes.rounds
    await store.close()
    await engine.dispose()
    return statistics.median(ours), statistics.median(plain)


async def run(sizes: Sizes) -> Outcome:
    port = _free_port()
    endpoint = f"http://127.0.0.1:{port}/hook"
    receiver = subprocess.Popen(
        [sys.executable, "-m", "bench.receiver", str(port)], stdout=subprocess.PIPE
    )
    assert receiver.stdout is not None and receiver.stdout.readline().strip() == b"ready"
    limits = httpx.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY)
    try:
        async with scratch_database() as url, httpx.AsyncClient(limits=limits) as client:
            o, p = await _rounds(url, client, endpoint, sizes)
    finally:
        receiver.terminate()
        receiver.wait()
    size = f"{sizes.notifications:,} × {sizes.rounds} rounds"
    figure = ratio_figure(
        "webhook notifications/s",
        o,
        p,
        unit="/s",
        baseline="plain httpx posts",
        at_least=0.7,
        size=size,
    )
    body = "\n".join(
        [
            f"Machine: {machine()}; receiver: a minimal asyncio HTTP/1.1 server in a separate "
            f"process on loopback; {sizes.notifications:,} notifications per round, "
            f"{CONCURRENCY} connections, median of {sizes.rounds} rounds; load average "
            f"{load():.1f} at the end.",
            "",
            "| measure | novex dispatcher | plain httpx posts | ratio | target |",
            "|---|---|---|---|---|",
            f"| webhook notifications/s | {o:,.0f} | {p:,.0f} | {o / p:.2f}× | ≥ 0.7× |",
            "",
            "The dispatcher claims batches from the outbox (FOR UPDATE SKIP LOCKED), builds and "
            "signs each CloudEvent, posts it, and records the outcome in the same transaction; "
            "the baseline posts one pre-built signed CloudEvent over the same client settings.",
        ]
    )
    return Outcome(TITLE, body, [figure])


def main(quick: bool = False) -> Outcome:
    return asyncio.run(run(QUICK if quick else FULL)).write(quick)


if __name__ == "__main__":
    main(quick="--quick" in sys.argv)
