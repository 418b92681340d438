"""Events of the notification system and the projector that coordinators must see
(``alerts-notifications``, ``alerts-projector``)."""

from __future__ import annotations

from typing import Literal

from domain.shared.events import Event

ALERT_STREAM = "alerts-notifications"
PROJECTOR_ALERT_STREAM = "alerts-projector"


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


class ProjectorEventParked(Event):
    """The projector could not fold an event and set it aside (the others go on)."""

    type: Literal["ProjectorEventParked"] = "ProjectorEventParked"
    projector: str
    position: int
    stream_id: str
    event_type: str
    attempts: int
    error: str
