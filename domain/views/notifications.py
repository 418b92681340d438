"""Which events ask for a notification, to whom, and in which words (Dutch, for people)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from domain.area import events as ae
from domain.escalation import events as es
from domain.province.events import ArrangementDrafted, ReviewRequested
from domain.shared import events as ev
from domain.shared.base import Frozen
from domain.shared.ids import StreamId

COORDINATORS = "regieteam"


class NotificationRequest(Frozen):
    """One message an event asks for; the activity turns it into deliveries per channel."""

    kind: str
    recipients: tuple[str, ...]
    subject: str
    body: str
    link: str
    data: dict[str, Any] = Field(default_factory=dict)


def _owner(stream_id: str) -> str:
    """The party a process belongs to: ``province-GE`` → ``province:GE``."""
    stream = StreamId.parse(stream_id)
    if stream.kind in ("province", "area"):
        return f"{stream.kind}:{stream.subject}"
    return COORDINATORS


def _date(value: Any) -> str:
    return value.strftime("%d-%m-%Y") if hasattr(value, "strftime") else str(value)


def notifications_for(
    stream_id: str, event: ev.Event, signatories: tuple[str, ...] = ()
) -> list[NotificationRequest]:
    """The notifications an event asks for (none for most events)."""
    owner = _owner(stream_id)
    link = f"/processen/{stream_id}"
    base = {"stream_id": stream_id, "event_type": event.type, "event_id": str(event.event_id)}
    match event:
        case ReviewRequested():
            return [
                NotificationRequest(
                    kind="review-requested",
                    recipients=event.parties,
                    subject=f"Reviewverzoek ijkmoment {event.checkpoint} ({stream_id})",
                    body=(
                        f"Er ligt versie {event.draft_no} van ijkmoment {event.checkpoint} klaar "
                        f"voor uw review. Graag uw reactie uiterlijk {_date(event.respond_by)}."
                    ),
                    link=link,
                    data={**base, "checkpoint": event.checkpoint, "draft": event.draft_no},
                )
            ]
        case ae.PerspectiveReviewRequested():
            return [
                NotificationRequest(
                    kind="review-requested",
                    recipients=event.parties,
                    subject=f"Reviewverzoek ontwikkelperspectief ({stream_id})",
                    body=(
                        f"Versie {event.version} van het ontwikkelperspectief ligt klaar voor uw "
                        f"review. Graag uw reactie uiterlijk {_date(event.respond_by)}."
                    ),
                    link=link,
                    data={**base, "version": event.version},
                )
            ]
        case ev.ReminderIssued():
            return [
                NotificationRequest(
                    kind="reminder",
                    recipients=(owner, COORDINATORS),
                    subject=f"Herinnering: {event.target} verloopt op {_date(event.due)}",
                    body=f"De termijn voor {event.target} verloopt op {_date(event.due)}.",
                    link=link,
                    data={**base, "target": event.target, "due": event.due.isoformat()},
                )
            ]
        case ev.DeadlineMissed():
            return [
                NotificationRequest(
                    kind="overdue",
                    recipients=(owner, COORDINATORS),
                    subject=f"Termijn verstreken: {event.target} ({stream_id})",
                    body=(
                        f"De termijn voor {event.target} is op {_date(event.due)} verstreken. "
                        "De stap is geëscaleerd."
                    ),
                    link=link,
                    data={**base, "target": event.target, "due": event.due.isoformat()},
                )
            ]
        case ArrangementDrafted():
            return [
                NotificationRequest(
                    kind="signature-requested",
                    recipients=signatories or (COORDINATORS,),
                    subject=f"Verzoek tot ondertekening ruimtelijk arrangement ({stream_id})",
                    body=(
                        "Er ligt een tekst van het ruimtelijk arrangement klaar voor ondertekening "
                        f"(hash {event.text_hash[:12]}…)."
                    ),
                    link=link,
                    data={**base, "text_hash": event.text_hash},
                )
            ]
        case es.EscalationOpened():
            return [
                _escalation(
                    stream_id,
                    event,
                    1,
                    event.ladder[0].name,
                    event.ladder[0].members,
                    event.due,
                    f"{event.subject}: {event.reason}",
                )
            ]
        case es.EscalatedToLevel():
            return [
                _escalation(
                    stream_id,
                    event,
                    event.level,
                    event.name,
                    event.members,
                    event.due,
                    event.reason,
                )
            ]
        case es.LevelReminderIssued():
            return [
                NotificationRequest(
                    kind="escalation-reminder",
                    recipients=event.members,
                    subject=f"Herinnering: besluit nodig vóór {_date(event.due)} ({stream_id})",
                    body=f"Over {event.days_before} dagen verloopt de besluittermijn.",
                    link=link,
                    data={**base, "level": event.level, "due": event.due.isoformat()},
                )
            ]
        case es.EscalationDecided():
            return [
                NotificationRequest(
                    kind="decision",
                    recipients=(COORDINATORS,),
                    subject=f"Besluit genomen ({stream_id})",
                    body=f"Besluit op niveau {event.level}: {event.decision.text}",
                    link=link,
                    data={**base, "level": event.level, "decision": event.decision.text},
                )
            ]
    return []


def _escalation(
    stream_id: str,
    event: ev.Event,
    level: int,
    name: str,
    members: tuple[str, ...],
    due: Any,
    reason: str,
) -> NotificationRequest:
    return NotificationRequest(
        kind="escalation",
        recipients=(*members, COORDINATORS),
        subject=f"Escalatie naar {name} ({stream_id})",
        body=f"{reason}. Een besluit is nodig vóór {_date(due)}.",
        link=f"/processen/{stream_id}",
        data={
            "stream_id": stream_id,
            "event_type": event.type,
            "event_id": str(event.event_id),
            "level": level,
            "due": due.isoformat(),
        },
    )
