"""Notification rules: every event type that asks for a notification, to whom and in which words."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest

from domain.area import events as ae
from domain.escalation import events as es
from domain.province import events as pe
from domain.shared import events as ev
from domain.shared.alerts import ProjectorEventParked
from domain.shared.ladder import LadderRung
from domain.views.notifications import RULES, NotificationRequest, notifications_for

EVENT_ID = uuid.UUID(int=7)
AT = datetime(2023, 3, 1, 9, 0, tzinfo=UTC)
DUE = datetime(2023, 3, 22, 23, 59, tzinfo=UTC)
STAMP: dict[str, Any] = {"event_id": EVENT_ID, "occurred_at": AT, "actor": "novex"}
RUNG = LadderRung(
    level=1, name="Duo Gelderland", kind="duo", members=("am-ge", "amb-ge"), decision_days=14
)
DECISION = es.Decision(kind="schuurpunt beslecht", text="Tracé langs de A7")


def base(stream_id: str, event_type: str) -> dict[str, Any]:
    return {"stream_id": stream_id, "event_type": event_type, "event_id": str(EVENT_ID)}


def request(stream_id: str, event_type: str, data: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return {
        **fields,
        "link": f"/processen/{stream_id}",
        "data": {**base(stream_id, event_type), **data},
    }


CASES: list[tuple[str, ev.Event, tuple[str, ...], dict[str, Any]]] = [
    (
        "province-GE.r1",
        pe.ReviewRequested(
            **STAMP, checkpoint=2, draft_no=3, parties=("rijk", "programmes"), respond_by=DUE
        ),
        (),
        request(
            "province-GE.r1",
            "ReviewRequested",
            {"checkpoint": 2, "draft": 3},
            kind="review-requested",
            recipients=("rijk", "programmes"),
            subject="Reviewverzoek ijkmoment 2 (province-GE.r1)",
            body=(
                "Er ligt versie 3 van ijkmoment 2 klaar voor uw review. "
                "Graag uw reactie uiterlijk 22-03-2023."
            ),
        ),
    ),
    (
        "area-de-peel.r1",
        ae.PerspectiveReviewRequested(**STAMP, version=2, parties=("rijk",), respond_by=DUE),
        (),
        request(
            "area-de-peel.r1",
            "PerspectiveReviewRequested",
            {"version": 2},
            kind="review-requested",
            recipients=("rijk",),
            subject="Reviewverzoek ontwikkelperspectief (area-de-peel.r1)",
            body=(
                "Versie 2 van het ontwikkelperspectief ligt klaar voor uw review. "
                "Graag uw reactie uiterlijk 22-03-2023."
            ),
        ),
    ),
    (
        "province-GE.r1",
        ev.ReminderIssued(**STAMP, target="ijkmoment-1", due=DUE),
        (),
        request(
            "province-GE.r1",
            "ReminderIssued",
            {"target": "ijkmoment-1", "due": DUE.isoformat()},
            kind="reminder",
            recipients=("province:GE", "regieteam"),
            subject="Herinnering: ijkmoment-1 verloopt op 22-03-2023",
            body="De termijn voor ijkmoment-1 verloopt op 22-03-2023.",
        ),
    ),
    (
        "area-de-peel.r1",
        ev.DeadlineMissed(**STAMP, target="ontwikkelperspectief", due=DUE),
        (),
        request(
            "area-de-peel.r1",
            "DeadlineMissed",
            {"target": "ontwikkelperspectief", "due": DUE.isoformat()},
            kind="overdue",
            recipients=("area:de-peel", "regieteam"),
            subject="Termijn verstreken: ontwikkelperspectief (area-de-peel.r1)",
            body=(
                "De termijn voor ontwikkelperspectief is op 22-03-2023 verstreken. "
                "De stap is geëscaleerd."
            ),
        ),
    ),
    (
        "province-ZH.r1",
        pe.ArrangementDrafted(**STAMP, text="RA", agreements=(), text_hash="ab" * 32),
        ("minister-vro", "gedeputeerde-zh"),
        request(
            "province-ZH.r1",
            "ArrangementDrafted",
            {"text_hash": "ab" * 32},
            kind="signature-requested",
            recipients=("minister-vro", "gedeputeerde-zh"),
            subject="Verzoek tot ondertekening ruimtelijk arrangement (province-ZH.r1)",
            body=(
                "Er ligt een tekst van het ruimtelijk arrangement klaar voor ondertekening "
                "(hash abababababab…)."
            ),
        ),
    ),
    (
        "escalation-province-GE~1.r1",
        es.EscalationOpened(
            **STAMP,
            parent_workflow_id="province-GE.r1",
            subject="schuurpunt S1",
            reason="Energienet versus natuur",
            ladder=(RUNG,),
            due=DUE,
        ),
        (),
        request(
            "escalation-province-GE~1.r1",
            "EscalationOpened",
            {"level": 1, "due": DUE.isoformat()},
            kind="escalation",
            recipients=("am-ge", "amb-ge", "regieteam"),
            subject="Escalatie naar Duo Gelderland (escalation-province-GE~1.r1)",
            body=("schuurpunt S1: Energienet versus natuur. Een besluit is nodig vóór 22-03-2023."),
        ),
    ),
    (
        "escalation-province-GE~1.r1",
        es.EscalatedToLevel(
            **STAMP, level=2, name="BO MIRT", members=("minister",), due=DUE, reason="geen besluit"
        ),
        (),
        request(
            "escalation-province-GE~1.r1",
            "EscalatedToLevel",
            {"level": 2, "due": DUE.isoformat()},
            kind="escalation",
            recipients=("minister", "regieteam"),
            subject="Escalatie naar BO MIRT (escalation-province-GE~1.r1)",
            body="geen besluit. Een besluit is nodig vóór 22-03-2023.",
        ),
    ),
    (
        "escalation-province-GE~1.r1",
        es.LevelReminderIssued(**STAMP, level=1, days_before=3, due=DUE, members=("am-ge",)),
        (),
        request(
            "escalation-province-GE~1.r1",
            "LevelReminderIssued",
            {"level": 1, "due": DUE.isoformat()},
            kind="escalation-reminder",
            recipients=("am-ge",),
            subject="Herinnering: besluit nodig vóór 22-03-2023 (escalation-province-GE~1.r1)",
            body="Over 3 dagen verloopt de besluittermijn.",
        ),
    ),
    (
        "escalation-province-GE~1.r1",
        es.EscalationDecided(**STAMP, level=1, decision=DECISION, decided_by=("am-ge",)),
        (),
        request(
            "escalation-province-GE~1.r1",
            "EscalationDecided",
            {"level": 1, "decision": "Tracé langs de A7"},
            kind="decision",
            recipients=("regieteam",),
            subject="Besluit genomen (escalation-province-GE~1.r1)",
            body="Besluit op niveau 1: Tracé langs de A7",
        ),
    ),
    (
        "alerts-projector",
        ProjectorEventParked(
            **STAMP,
            projector="stream_status",
            position=42,
            stream_id="province-GE",
            event_type="DueDateMoved",
            attempts=3,
            error="ValidationError: DueDateMoved.due: Field required",
        ),
        (),
        request(
            "alerts-projector",
            "ProjectorEventParked",
            {"position": 42, "parked_stream_id": "province-GE"},
            kind="projector-parked",
            recipients=("regieteam",),
            subject="Overzicht loopt achter: gebeurtenis op positie 42 geparkeerd",
            body=(
                "De projector kon DueDateMoved van province-GE (positie 42) na 3 pogingen niet "
                "verwerken: ValidationError: DueDateMoved.due: Field required. De andere "
                "gebeurtenissen gaan door; dit proces staat stil op het overzicht tot "
                "`novex projector retry 42`."
            ),
        ),
    ),
    (
        "escalation-province-GE~1.r1",
        ev.ProcessStuck(**STAMP, operation="announce", cause="province-GE.r1 loopt niet", since=AT),
        (),
        request(
            "escalation-province-GE~1.r1",
            "ProcessStuck",
            {"operation": "announce", "cause": "province-GE.r1 loopt niet"},
            kind="stuck",
            recipients=("regieteam",),
            subject="Proces vastgelopen: escalation-province-GE~1.r1",
            body=(
                "escalation-province-GE~1.r1 kan 'announce' niet uitvoeren: province-GE.r1 loopt "
                "niet. Het proces probeert het zelf opnieuw en meldt wanneer het weer loopt."
            ),
        ),
    ),
    (
        "area-de-peel.r1",
        ev.ProcessResumed(**STAMP, operation="IssueReminder", stuck_since=AT),
        (),
        request(
            "area-de-peel.r1",
            "ProcessResumed",
            {"operation": "IssueReminder"},
            kind="resumed",
            recipients=("regieteam",),
            subject="Proces weer op gang: area-de-peel.r1",
            body=(
                "area-de-peel.r1 loopt weer: 'IssueReminder' is gelukt "
                "(vastgelopen sinds 01-03-2023)."
            ),
        ),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c[1].type)
def test_each_event_type_with_a_rule_asks_for_its_one_notification_in_its_words(
    case: tuple[str, ev.Event, tuple[str, ...], dict[str, Any]],
) -> None:
    stream_id, event, signatories, expected = case
    assert notifications_for(stream_id, event, signatories) == [NotificationRequest(**expected)]


def test_every_rule_in_the_table_is_checked_here() -> None:
    assert {type(event) for _, event, _, _ in CASES} == set(RULES)


def test_an_arrangement_without_signatories_goes_to_the_coordinators() -> None:
    event = pe.ArrangementDrafted(**STAMP, text="RA", agreements=(), text_hash="cd" * 32)
    [note] = notifications_for("province-GE.r1", event)
    assert note.recipients == ("regieteam",)


def test_a_deadline_of_an_escalation_is_owned_by_the_coordinators() -> None:
    event = ev.ReminderIssued(**STAMP, target="niveau-1", due=DUE)
    [note] = notifications_for("escalation-province-GE~1.r1", event)
    assert note.recipients == ("regieteam", "regieteam")


def test_events_without_a_rule_ask_for_no_notification() -> None:
    event = ev.EscalationRequested(**STAMP, subject="ijkmoment-1", reason="te laat")
    assert notifications_for("province-GE.r1", event) == []
