"""The dashboard says a rule's refusal in Dutch: known rules in their own sentence (the rules of
effective dates too, with their dates as users write them), any other with the kind of refusal
in Dutch and the rule's words after it."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from domain.shared.commands import Command
from domain.shared.effective import Clock, effective_moment, start_of
from domain.shared.errors import DomainError
from web.dashboard.refusals import in_dutch


def test_known_refusals_read_as_dutch_sentences() -> None:
    assert in_dutch("a schuurpunt needs a description in the remarks") == (
        "Een review met de uitkomst schuurpunt heeft een omschrijving in de opmerkingen nodig."
    )
    assert in_dutch("role 'viewer' may not give SubmitReview to a province") == (
        "Als meelezer mag u dit niet doen."
    )
    assert in_dutch("ijkmoment-1 is already due on 2031-05-01T00:00:00+02:00") == (
        "ijkmoment-1 staat al op 01-05-2031."
    )
    assert in_dutch("party 'programmes' already reviewed draft 1") == (
        "programmes heeft concept 1 al gereviewd; een review wordt maar één keer vastgelegd."
    )


def test_an_unknown_refusal_keeps_the_rules_words_after_a_dutch_lead() -> None:
    said = in_dutch("something new went wrong", "InvalidTransition")
    assert said.startswith("Dit past niet bij de fase waarin het proces nu is")
    assert "something new went wrong" in said
    assert in_dutch("x", None).startswith("De regels staan dit niet toe")


def test_the_rules_of_effective_dates_read_as_dutch_sentences_with_dutch_dates() -> None:
    clock = Clock(first=start_of(date(2025, 1, 10)), last=start_of(date(2025, 3, 1)))
    now = datetime(2025, 6, 2, 10, tzinfo=UTC)

    def said(on: date, reason: str | None = None) -> str:
        command = Command(type="RaiseFriction", actor="x", occurred_on=on, correction_reason=reason)
        with pytest.raises(DomainError) as refused:
            effective_moment(clock, command, now)
        return in_dutch(f"RaiseFriction refused: {refused.value}", type(refused.value).__name__)

    assert said(date(2025, 6, 9)) == (
        "De datum waarop het gebeurde (09-06-2025) ligt in de toekomst; vandaag is het "
        "02-06-2025. Kies vandaag (laat het veld leeg) of een eerdere datum."
    )
    assert said(date(2025, 2, 1)) == (
        "De datum waarop het gebeurde (01-02-2025) ligt vóór 01-03-2025, de laatste datum in "
        "dit proces: dat is een correctie. Vul de reden van correctie in."
    )
    assert said(date(2025, 4, 1), "te laat") == (
        "Een reden van correctie hoort alleen bij een datum vóór 01-03-2025, de laatste datum "
        "in dit proces; 01-04-2025 is dat niet. Laat de reden leeg."
    )
    assert said(date(2025, 1, 2), "te laat") == (
        "De datum waarop het gebeurde (02-01-2025) ligt vóór het begin van dit proces (10-01-2025)."
    )
