"""Events of the notification system that coordinators must see (``alerts-notifications``)."""

from __future__ import annotations

from typing import Literal

from domain.shared.events import Event

ALERT_STREAM = "alerts-notifications"


class NotificationDeadLettered(Event):
    type: Literal["NotificationDeadLettered"] = "NotificationDeadLettered"
    notification_id: str
    recipient: str
    channel: str
    endpoint: str | None = None
    attempts: int
    error: str


class NotificationRedeliveryRequested(Event):
    type: Literal["NotificationRedeliveryRequested"] = "NotificationRedeliveryRequested"
    notification_ids: tuple[str, ...]
