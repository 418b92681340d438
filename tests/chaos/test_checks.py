"""The chaos suite's checks find what they look for: a command recorded twice or not at all, a
fact recorded twice or missing, events under a key no client sent."""

from __future__ import annotations

from tests.chaos.checks import Row, commands_recorded_once, facts_once
from tests.chaos.clients import Ledger, Sent


def _sent(key: str, kind: str, *events: str, status: int = 200) -> Sent:
    return Sent("province-AA", key, kind, status, events, tries=1, seconds=0.1)


def _rows(*rows: tuple[str, str | None]) -> list[Row]:
    return [Row("province-AA", kind, key) for kind, key in rows]


async def test_a_command_recorded_twice_under_its_key_or_not_at_all_is_found() -> None:
    ledger = Ledger(
        sent=[
            _sent("k1", "SubmitDraft", "DraftSubmitted", "ReviewRequested"),
            _sent("k2", "RaiseFriction", "FrictionRaised"),
            _sent("k3", "AddTask", "TaskAdded"),
        ]
    )
    rows = _rows(
        ("JourneyStarted", "k1"),  # the start comes with the first command, not in its answer
        ("DraftSubmitted", "k1"),
        ("ReviewRequested", "k1"),
        ("FrictionRaised", "k2"),
        ("FrictionRaised", "k2"),
        ("TaskAdded", "k9"),
    )
    lost, duplicated = commands_recorded_once(ledger, rows)
    assert lost == ["province-AA AddTask k3: nothing recorded, answer ['TaskAdded']"]
    assert duplicated == [
        "province-AA RaiseFriction k2: ['FrictionRaised', 'FrictionRaised'], "
        "answer ['FrictionRaised']",
        "events under unknown key k9",
    ]


async def test_every_command_recorded_once_is_no_finding() -> None:
    ledger = Ledger(sent=[_sent("k1", "RaiseFriction", "FrictionRaised")])
    assert commands_recorded_once(ledger, _rows(("FrictionRaised", "k1"))) == ([], [])


async def test_a_decision_recorded_twice_and_an_escalation_never_decided_are_found() -> None:
    journey = [
        Row("province-AA", kind, None)
        for kind in (
            "JourneyStarted",
            "DraftSubmitted",
            "FrictionRaised",
            "TaskAdded",
            "FrictionStatusChanged",
            "EscalationRequested",
            "EscalationDecisionRecorded",
            "EscalationDecisionRecorded",
            "FrictionStatusChanged",
        )
    ]
    escalation = [Row("escalation-province-AA~1", "EscalationOpened", None)]
    stranger = [Row("province-ZZ", "JourneyStarted", None)]
    missing, doubled = facts_once(journey + escalation + stranger, ["AA"], ["AA"])
    assert missing == ["escalation-province-AA~1: EscalationDecided × 0, expected 1"]
    assert doubled == [
        "province-ZZ: not driven by any client",
        "province-AA: EscalationDecisionRecorded × 2, expected 1",
    ]
