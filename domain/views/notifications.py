"""Which events ask for a notification, to whom, and in which words (Dutch, for people)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import Field

from domain.area import events as ae
from domain.escalation import events as es
from domain.province.events import ArrangementDrafted, ReviewRequested
from domain.shared import events as ev
from domain.shared.alerts import ProjectorEventParked
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


@dataclass(frozen=True)
class Occasion:
    """What a rule may use besides its event: the process it happened in, and who signs there."""

    stream_id: str
    event: ev.Event
    signatories: tuple[str, ...] = ()

    @property
    def owner(self) -> str:
        return _owner(self.stream_id)

    def request(
        self, kind: str, recipients: tuple[str, ...], subject: str, body: str, **data: Any
    ) -> NotificationRequest:
        """A request linking to the process, its data naming the event that caused it."""
        return NotificationRequest(
            kind=kind,
            recipients=recipients,
            subject=subject,
            body=body,
            link=f"/processen/{self.stream_id}",
            data={
                "stream_id": self.stream_id,
                "event_type": self.event.type,
                "event_id": str(self.event.event_id),
                **data,
            },
        )


def _review_requested(o: Occasion, e: ReviewRequested) -> NotificationRequest:
    return o.request(
        "review-requested",
        e.parties,
        f"Reviewverzoek ijkmoment {e.checkpoint} ({o.stream_id})",
        f"Er ligt versie {e.draft_no} van ijkmoment {e.checkpoint} klaar "
        f"voor uw review. Graag uw reactie uiterlijk {_date(e.respond_by)}.",
        checkpoint=e.checkpoint,
        draft=e.draft_no,
    )


def _perspective_review_requested(
    o: Occasion, e: ae.PerspectiveReviewRequested
) -> NotificationRequest:
    return o.request(
        "review-requested",
        e.parties,
        f"Reviewverzoek ontwikkelperspectief ({o.stream_id})",
        f"Versie {e.version} van het ontwikkelperspectief ligt klaar voor uw "
        f"review. Graag uw reactie uiterlijk {_date(e.respond_by)}.",
        version=e.version,
    )


def _reminder(o: Occasion, e: ev.ReminderIssued) -> NotificationRequest:
    return o.request(
        "reminder",
        (o.owner, COORDINATORS),
        f"Herinnering: {e.target} verloopt op {_date(e.due)}",
        f"De termijn voor {e.target} verloopt op {_date(e.due)}.",
        target=e.target,
        due=e.due.isoformat(),
    )


def _overdue(o: Occasion, e: ev.DeadlineMissed) -> NotificationRequest:
    return o.request(
        "overdue",
        (o.owner, COORDINATORS),
        f"Termijn verstreken: {e.target} ({o.stream_id})",
        f"De termijn voor {e.target} is op {_date(e.due)} verstreken. De stap is geëscaleerd.",
        target=e.target,
        due=e.due.isoformat(),
    )


def _signature_requested(o: Occasion, e: ArrangementDrafted) -> NotificationRequest:
    return o.request(
        "signature-requested",
        o.signatories or (COORDINATORS,),
        f"Verzoek tot ondertekening ruimtelijk arrangement ({o.stream_id})",
        "Er ligt een tekst van het ruimtelijk arrangement klaar voor ondertekening "
        f"(hash {e.text_hash[:12]}…).",
        text_hash=e.text_hash,
    )


def _escalation(
    o: Occasion, level: int, name: str, members: tuple[str, ...], due: Any, reason: str
) -> NotificationRequest:
    return o.request(
        "escalation",
        (*members, COORDINATORS),
        f"Escalatie naar {name} ({o.stream_id})",
        f"{reason}. Een besluit is nodig vóór {_date(due)}.",
        level=level,
        due=due.isoformat(),
    )


def _escalation_opened(o: Occasion, e: es.EscalationOpened) -> NotificationRequest:
    first = e.ladder[0]
    return _escalation(o, 1, first.name, first.members, e.due, f"{e.subject}: {e.reason}")


def _escalated(o: Occasion, e: es.EscalatedToLevel) -> NotificationRequest:
    return _escalation(o, e.level, e.name, e.members, e.due, e.reason)


def _level_reminder(o: Occasion, e: es.LevelReminderIssued) -> NotificationRequest:
    return o.request(
        "escalation-reminder",
        e.members,
        f"Herinnering: besluit nodig vóór {_date(e.due)} ({o.stream_id})",
        f"Over {e.days_before} dagen verloopt de besluittermijn.",
        level=e.level,
        due=e.due.isoformat(),
    )


def _decided(o: Occasion, e: es.EscalationDecided) -> NotificationRequest:
    return o.request(
        "decision",
        (COORDINATORS,),
        f"Besluit genomen ({o.stream_id})",
        f"Besluit op niveau {e.level}: {e.decision.text}",
        level=e.level,
        decision=e.decision.text,
    )


def _parked(o: Occasion, e: ProjectorEventParked) -> NotificationRequest:
    return o.request(
        "projector-parked",
        (COORDINATORS,),
        f"Overzicht loopt achter: gebeurtenis op positie {e.position} geparkeerd",
        f"De projector kon {e.event_type} van {e.stream_id} (positie {e.position}) na "
        f"{e.attempts} pogingen niet verwerken: {e.error}. De andere gebeurtenissen gaan door; "
        f"dit proces staat stil op het overzicht tot `novex projector retry {e.position}`.",
        position=e.position,
        parked_stream_id=e.stream_id,
    )


def _stuck(o: Occasion, e: ev.ProcessStuck) -> NotificationRequest:
    return o.request(
        "stuck",
        (COORDINATORS,),
        f"Proces vastgelopen: {o.stream_id}",
        f"{o.stream_id} kan '{e.operation}' niet uitvoeren: {e.cause}. Het proces probeert "
        "het zelf opnieuw en meldt wanneer het weer loopt.",
        operation=e.operation,
        cause=e.cause,
    )


def _resumed(o: Occasion, e: ev.ProcessResumed) -> NotificationRequest:
    return o.request(
        "resumed",
        (COORDINATORS,),
        f"Proces weer op gang: {o.stream_id}",
        f"{o.stream_id} loopt weer: '{e.operation}' is gelukt "
        f"(vastgelopen sinds {_date(e.stuck_since)}).",
        operation=e.operation,
    )


Rule = Callable[[Occasion, Any], NotificationRequest]

RULES: dict[type[ev.Event], Rule] = {
    ReviewRequested: _review_requested,
    ae.PerspectiveReviewRequested: _perspective_review_requested,
    ev.ReminderIssued: _reminder,
    ev.DeadlineMissed: _overdue,
    ArrangementDrafted: _signature_requested,
    es.EscalationOpened: _escalation_opened,
    es.EscalatedToLevel: _escalated,
    es.LevelReminderIssued: _level_reminder,
    es.EscalationDecided: _decided,
    ProjectorEventParked: _parked,
    ev.ProcessStuck: _stuck,
    ev.ProcessResumed: _resumed,
}
"""Per event type, the one notification it asks for; events not listed ask for none."""


def notifications_for(
    stream_id: str, event: ev.Event, signatories: tuple[str, ...] = ()
) -> list[NotificationRequest]:
    """The notifications an event asks for (none for most events)."""
    rule = RULES.get(type(event))
    if rule is None:
        return []
    return [rule(Occasion(stream_id, event, signatories), event)]
