"""The dashboard says a rule's refusal in Dutch: known rules in their own sentence, any other
with the kind of refusal in Dutch and the rule's words after it."""

from __future__ import annotations

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
