"""Turns a workflow's notification requests into outbox rows: one per recipient and channel."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from domain.catalog.model import Catalog
from domain.views.notifications import NotificationRequest

NOTIFICATION_NAMESPACE = uuid.UUID("5b0f3a52-3c1e-4d8e-9a57-0a9c8e7d6b21")


def notification_id(event_id: str, kind: str, recipient: str, channel: str, endpoint: str) -> str:
    """Stable per delivery: a retried append yields the same ids (and receivers can dedupe)."""
    return str(
        uuid.uuid5(NOTIFICATION_NAMESPACE, f"{event_id}|{kind}|{recipient}|{channel}|{endpoint}")
    )


def outbox_rows(
    requests: Iterable[NotificationRequest], catalog: Catalog, *, email_enabled: bool
) -> list[dict[str, Any]]:
    """Resolve recipients through the catalog: e-mail, webhook, or the log when neither is set."""
    rows: list[dict[str, Any]] = []
    for request in requests:
        event_id = str(request.data["event_id"])
        for recipient in dict.fromkeys(request.recipients):
            contact = catalog.contact(recipient)
            channels: list[tuple[str, str]] = []
            if contact.email and email_enabled:
                channels.append(("email", contact.email))
            if contact.webhook:
                channels.append(("webhook", contact.webhook))
            if not channels:
                channels.append(("log", ""))
            for channel, endpoint in channels:
                rows.append(
                    {
                        "id": notification_id(event_id, request.kind, recipient, channel, endpoint),
                        "event_id": event_id,
                        "kind": request.kind,
                        "recipient": recipient,
                        "channel": channel,
                        "endpoint": endpoint or None,
                        "subject": request.subject,
                        "body": request.body,
                        "link": request.link,
                        "data": {**request.data, "recipient": contact.name},
                    }
                )
    return rows
