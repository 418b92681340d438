"""Notifications: outbox rows commit with their events; e-mail reaches a real SMTP server, a
signed CloudEvent reaches a webhook, a failing endpoint is dead-lettered and redelivered once."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import socket
import threading
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from email import message_from_bytes
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

import httpx
import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from activities.outbox import outbox_rows
from config.catalog_file import load_catalog
from domain.catalog.model import Catalog, Party
from domain.shared.alerts import ALERT_STREAM
from domain.shared.events import DeadlineMissed
from domain.views.notifications import notifications_for
from notify.channels import Delivery, EmailChannel, LogChannel, WebhookChannel
from notify.dispatcher import Dispatcher, Outcome
from notify.outbox import list_notifications, redeliver
from store.audit import verify
from store.eventstore import EventMetadata, EventStore, NewEvent

SECRET = "geheim"


class Inbox:
    """An SMTP handler that keeps every message."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content))
        return "250 OK"


class Receiver(BaseHTTPRequestHandler):
    """A webhook endpoint that checks the HMAC and remembers CloudEvents by id."""

    events: ClassVar[dict[str, list[dict[str, Any]]]] = {}
    failing = False
    bad_signatures = 0

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
        if self.headers.get("X-Novex-Signature") != expected:
            type(self).bad_signatures += 1
            self.send_response(401)
        elif type(self).failing:
            self.send_response(503)
        else:
            event = json.loads(body)
            type(self).events.setdefault(event["id"], []).append(event)
            self.send_response(204)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def webhook() -> Iterator[str]:
    Receiver.events, Receiver.failing, Receiver.bad_signatures = {}, False, 0
    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/novex"
    server.shutdown()


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


def catalog_with(email: str | None = None, webhook: str | None = None) -> Catalog:
    catalog = load_catalog()
    parties = tuple(
        p.model_copy(update={"email": email, "webhook": webhook}) if p.id == "regieteam" else p
        for p in catalog.parties
    )
    return catalog.model_copy(update={"parties": parties})


async def _overdue(store: EventStore, catalog: Catalog, stream: str) -> tuple[DeadlineMissed, int]:
    event = DeadlineMissed(
        event_id=uuid.uuid4(),
        occurred_at=datetime(2023, 2, 16, tzinfo=UTC),
        actor="novex",
        target="ijkmoment-1",
        due=datetime(2023, 2, 15, 23, 59, tzinfo=UTC),
    )
    rows = outbox_rows(notifications_for(stream, event), catalog, email_enabled=True)
    await store.append(
        stream,
        None,
        [NewEvent(event.event_id, event.type, event.model_dump(mode="json"))],
        EventMetadata(actor="novex"),
        notifications=rows,
    )
    return event, len(rows)


def dispatcher(store: EventStore, channels: dict[str, Any], **kw: Any) -> Dispatcher:
    return Dispatcher(store, {"log": LogChannel(), **channels}, **kw)


async def test_outbox_rows_commit_with_their_event_and_a_retry_adds_none(
    clean_engine: AsyncEngine, quiet_store: EventStore
) -> None:
    store = quiet_store
    catalog = catalog_with(email="regie@example.nl")
    event, count = await _overdue(store, catalog, "province-GE.outbox")
    assert count == 2  # the province (log) and the regieteam (e-mail)
    rows = outbox_rows(notifications_for("province-GE.outbox", event), catalog, email_enabled=True)
    again = await store.append(
        "province-GE.outbox",
        0,
        [NewEvent(event.event_id, event.type, event.model_dump(mode="json"))],
        EventMetadata(actor="novex"),
        notifications=rows,
    )
    assert again.versions == (1,)
    listed = await list_notifications(clean_engine)
    assert sorted((n["recipient"], n["channel"]) for n in listed) == [
        ("province:GE", "log"),
        ("regieteam", "email"),
    ]


async def test_a_real_smtp_server_receives_the_dutch_email_with_a_link(
    clean_engine: AsyncEngine, quiet_store: EventStore, smtp: tuple[Inbox, int]
) -> None:
    store = quiet_store
    inbox, port = smtp
    await _overdue(store, catalog_with(email="regie@example.nl"), "province-GE.mail")
    email = EmailChannel(
        host="127.0.0.1",
        port=port,
        sender="novex@example.nl",
        public_url="https://novex.example.nl",
    )
    assert await dispatcher(store, {"email": email}).run_once() == 2
    assert len(inbox.messages) == 1
    message = inbox.messages[0]
    assert message["To"] == "regie@example.nl"
    assert "Termijn verstreken: ijkmoment-1" in message["Subject"]
    body = message.get_payload(decode=True).decode()  # type: ignore[union-attr]
    assert "Beste Regieteam ruimte BZK" in body and "15-02-2023" in body
    assert "https://novex.example.nl/processen/province-GE.mail" in body
    assert {n["status"] for n in await list_notifications(clean_engine)} == {"delivered"}


async def test_a_webhook_gets_a_signed_cloudevent(
    clean_engine: AsyncEngine, quiet_store: EventStore, webhook: str
) -> None:
    store = quiet_store
    await _overdue(store, catalog_with(webhook=webhook), "province-ZE.hook")
    async with httpx.AsyncClient() as client:
        channel = WebhookChannel(client, secret=SECRET, public_url="https://novex.example.nl")
        await dispatcher(store, {"webhook": channel}).run_once()
    assert Receiver.bad_signatures == 0
    [(event_id, [event])] = Receiver.events.items()
    assert event["specversion"] == "1.0" and event["id"] == event_id
    assert event["type"] == "nl.novex.overdue"
    assert event["source"] == "urn:nld:novex:province-ZE.hook"
    assert event["sequencetype"] == "Integer" and int(event["sequence"]) > 0
    assert event["dataref"] == "https://novex.example.nl/processen/province-ZE.hook"
    assert event["data"]["target"] == "ijkmoment-1"


async def test_a_failing_endpoint_is_dead_lettered_then_redelivered_exactly_once(
    clean_engine: AsyncEngine, quiet_store: EventStore, webhook: str
) -> None:
    store = quiet_store
    await _overdue(store, catalog_with(webhook=webhook), "province-FL.dead")
    Receiver.failing = True
    async with httpx.AsyncClient() as client:
        channel = WebhookChannel(client, secret=SECRET, public_url="https://novex.example.nl")
        sender = dispatcher(store, {"webhook": channel}, max_attempts=3, backoff_seconds=0.01)
        for _ in range(20):
            await sender.run_once()
            await asyncio.sleep(0.03)
        dead = await list_notifications(clean_engine, "dead")
        assert len(dead) == 1 and dead[0]["attempts"] == 3 and "503" in dead[0]["last_error"]
        alerts = await store.read_stream(ALERT_STREAM)
        assert [a.type for a in alerts] == ["NotificationDeadLettered"]
        assert alerts[0].data["notification_id"] == str(dead[0]["id"])

        Receiver.failing = False
        assert await redeliver(store, [str(dead[0]["id"])], actor="regieteam") == [
            str(dead[0]["id"])
        ]
        for _ in range(5):
            await sender.run_once()
        assert len(Receiver.events) == 1 and len(next(iter(Receiver.events.values()))) == 1
        assert (await list_notifications(clean_engine, "dead")) == []
        with pytest.raises(ValueError, match="not dead-lettered"):
            await redeliver(store, [str(dead[0]["id"])], actor="regieteam")
    assert (await verify(clean_engine)).ok  # the alert events are chained like every stream


async def test_a_dead_letter_alerted_again_after_a_failed_commit_is_recorded_once(
    clean_engine: AsyncEngine, quiet_store: EventStore
) -> None:
    delivery = Delivery(
        id=str(uuid.uuid4()),
        stream_id="province-FL.alert",
        position=1,
        kind="overdue",
        recipient="regieteam",
        channel="webhook",
        endpoint="http://127.0.0.1:9/novex",
        subject="Termijn verstreken",
        body="ijkmoment 1",
        link="/processen/province-FL.alert",
        data={},
        created_at=datetime(2023, 2, 16, tzinfo=UTC),
    )
    sender = dispatcher(quiet_store, {})
    dead = [Outcome(delivery, attempts=6, error="503")]
    await sender._alert(dead, datetime(2023, 2, 16, 12, tzinfo=UTC))
    # the dead-lettering's commit failed; the row dies again later and is alerted again
    await sender._alert(dead, datetime(2023, 2, 16, 13, tzinfo=UTC))
    alerts = await quiet_store.read_stream(ALERT_STREAM)
    assert [a.data["notification_id"] for a in alerts] == [delivery.id]


async def test_delivered_notifications_are_never_sent_twice(
    clean_engine: AsyncEngine, quiet_store: EventStore, webhook: str
) -> None:
    store = quiet_store
    await _overdue(store, catalog_with(webhook=webhook), "province-DR.once")
    async with httpx.AsyncClient() as client:
        channel = WebhookChannel(client, secret=SECRET, public_url="https://x")
        sender = dispatcher(store, {"webhook": channel})
        await asyncio.gather(*(sender.run_once() for _ in range(4)))
        await sender.run_once()
    assert [len(v) for v in Receiver.events.values()] == [1]
    async with clean_engine.connect() as conn:
        pending = await conn.scalar(
            text("SELECT count(*) FROM novex_outbox WHERE status = 'pending'")
        )
    assert pending == 0


def test_catalog_contacts_fall_back_to_the_log() -> None:
    catalog = catalog_with()
    assert catalog.contact("regieteam").email is None
    assert catalog.contact("onbekend").name == "onbekend"
    assert isinstance(catalog.party("regieteam"), Party)
