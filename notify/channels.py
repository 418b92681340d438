"""Delivery channels for notifications: e-mail (SMTP), webhook (CloudEvents 1.0), the log."""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from typing import Any, Protocol

import aiosmtplib
import httpx
import structlog
from jinja2 import Environment, PackageLoader, StrictUndefined

log = structlog.get_logger(__name__)


class DeliveryFailed(Exception):
    """The endpoint did not accept the notification; it will be retried."""


@dataclass(frozen=True)
class Delivery:
    """One outbox row: a notification for one recipient over one channel."""

    id: str
    stream_id: str
    position: int
    kind: str
    recipient: str
    channel: str
    endpoint: str | None
    subject: str
    body: str
    link: str
    data: dict[str, Any]
    created_at: datetime


class Channel(Protocol):
    async def send(self, delivery: Delivery) -> None: ...


class LogChannel:
    """The default when a recipient has no e-mail address or webhook: a structured log line."""

    async def send(self, delivery: Delivery) -> None:
        log.info(
            "notification",
            notification_id=delivery.id,
            kind=delivery.kind,
            recipient=delivery.recipient,
            stream=delivery.stream_id,
            subject=delivery.subject,
        )


class EmailChannel:
    """Dutch e-mail over SMTP, body from a Jinja2 template, with a link to the item."""

    def __init__(
        self,
        *,
        host: str,
        port: int,
        sender: str,
        public_url: str,
        username: str | None = None,
        password: str | None = None,
        starttls: bool = False,
    ) -> None:
        self.host, self.port, self.sender, self.public_url = host, port, sender, public_url
        self.username, self.password, self.starttls = username, password, starttls
        self.templates = Environment(
            loader=PackageLoader("notify", "templates"),
            undefined=StrictUndefined,
            autoescape=False,
        )

    def message(self, delivery: Delivery) -> EmailMessage:
        message = EmailMessage()
        message["From"] = self.sender
        message["To"] = delivery.endpoint or ""
        message["Subject"] = f"[novex] {delivery.subject}"
        message["Message-ID"] = f"<{delivery.id}@novex>"
        message["X-Novex-Notification"] = delivery.id
        body = self.templates.get_template("email.txt.j2").render(
            recipient=delivery.data.get("recipient", delivery.recipient),
            body=delivery.body,
            url=self.public_url.rstrip("/") + delivery.link,
            id=delivery.id,
            stream_id=delivery.stream_id,
        )
        message.set_content(body)
        return message

    async def send(self, delivery: Delivery) -> None:
        try:
            await aiosmtplib.send(
                self.message(delivery),
                hostname=self.host,
                port=self.port,
                username=self.username,
                password=self.password,
                start_tls=self.starttls,
                timeout=15,
            )
        except (aiosmtplib.SMTPException, OSError) as exc:
            raise DeliveryFailed(f"smtp: {exc}") from exc


def cloud_event(delivery: Delivery, public_url: str) -> dict[str, Any]:
    """The notification as a CloudEvents 1.0 structured-mode event (NL GOV profile attributes:
    a URN source, reverse-DNS type, ``dataref`` to the item, ``sequence`` = store position)."""
    return {
        "specversion": "1.0",
        "id": delivery.id,
        "source": f"urn:nld:novex:{delivery.stream_id}",
        "type": f"nl.novex.{delivery.kind}",
        "subject": delivery.stream_id,
        "time": delivery.created_at.isoformat(),
        "datacontenttype": "application/json",
        "dataref": public_url.rstrip("/") + delivery.link,
        "sequence": str(delivery.position),
        "sequencetype": "Integer",
        "data": {**delivery.data, "onderwerp": delivery.subject, "bericht": delivery.body},
    }


def signature(secret: str, body: bytes) -> str:
    """The HMAC-SHA256 header value receivers check: ``sha256=<hex>``."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


class WebhookChannel:
    """POSTs a signed CloudEvent; any 2xx is an acknowledgement."""

    def __init__(self, client: httpx.AsyncClient, *, secret: str, public_url: str) -> None:
        self.client, self.secret, self.public_url = client, secret, public_url

    async def send(self, delivery: Delivery) -> None:
        body = json.dumps(cloud_event(delivery, self.public_url), ensure_ascii=False).encode()
        headers = {
            "Content-Type": "application/cloudevents+json; charset=utf-8",
            "X-Novex-Signature": signature(self.secret, body),
        }
        try:
            response = await self.client.post(
                delivery.endpoint or "", content=body, headers=headers
            )
        except httpx.HTTPError as exc:
            raise DeliveryFailed(f"webhook: {type(exc).__name__}: {exc}") from exc
        if not 200 <= response.status_code < 300:
            raise DeliveryFailed(f"webhook: HTTP {response.status_code}")
