"""Every dashboard form says when it happened as the CLI does: an optional date and an optional
correction's reason after its own fields, passed on only when filled in, beside the command's
fields (never inside a nested decision); the reason's hint names the process's last date."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import TypeAdapter

from domain.escalation.commands import EscalationCommand
from store.tokens import TokenHolder
from web.dashboard.actions import ACTIONS
from web.dashboard.dating import WHEN, last_effective
from web.dashboard.form_model import Context, command_of, shown, values_of
from web.dashboard.form_view import field_views

LAST = date(2025, 3, 1)
MEMBER = TokenHolder("ambtenaar-ge", "duo_member", "accountmanager-ge")


def _context(last: date | None) -> Context:
    detail: dict[str, Any] = {
        "kind": "escalation",
        "summary": {},
        "history": [],
        "last_effective": last,
    }
    return Context(MEMBER, detail)


def test_every_form_ends_with_the_date_it_happened_and_a_correction_reason() -> None:
    assert ACTIONS
    for action in ACTIONS.values():
        assert action.fields[-2:] == WHEN, action.slug
        assert not any(f.required for f in action.fields[-2:])
        assert [f.name for f in action.fields].count("occurred_on") == 1


def test_a_dated_proposal_carries_its_date_beside_the_decision_and_an_undated_one_none() -> None:
    action, ctx = ACTIONS[("escalation", "voorstellen")], _context(LAST)
    form = {"kind": "schuurpunt beslecht", "text": "Tracé langs de A7"}
    dated = {**form, "occurred_on": "2025-02-01", "correction_reason": "later gemeld"}
    values, errors = values_of(action, ctx, dated)
    assert errors == {}
    command = command_of(action, ctx, values)
    assert (command["occurred_on"], command["correction_reason"]) == ("2025-02-01", "later gemeld")
    assert command["decision"] == {"kind": "schuurpunt beslecht", "text": "Tracé langs de A7"}
    parsed = TypeAdapter(EscalationCommand).validate_python(command)
    assert parsed.occurred_on == date(2025, 2, 1)
    undated = command_of(action, ctx, values_of(action, ctx, form)[0])
    assert "occurred_on" not in undated and "correction_reason" not in undated
    lines = dict(shown(action, ctx, values_of(action, ctx, form)[0]))
    assert lines["Datum waarop het gebeurde"] == "vandaag"
    assert "Reden van correctie" not in lines


def test_a_date_that_is_no_date_or_a_typo_is_named_in_dutch_next_to_its_field() -> None:
    action, ctx = ACTIONS[("escalation", "voorstellen")], _context(LAST)
    form = {"kind": "schuurpunt beslecht", "text": "t", "occurred_on": "1 februari"}
    assert values_of(action, ctx, form)[1] == {
        "occurred_on": "‘Datum waarop het gebeurde’ moet een datum zijn."
    }
    typo = {**form, "occurred_on": "9025-02-01", "new_due": "1925-02-01"}
    assert values_of(action, ctx, typo)[1] == {
        "occurred_on": "‘Datum waarop het gebeurde’ moet tussen 01-01-2000 en 31-12-2099 "
        "liggen (01-02-9025: een tikfout?).",
        "new_due": "‘Nieuwe termijn’ moet tussen 01-01-2000 en 31-12-2099 liggen "
        "(01-02-1925: een tikfout?).",
    }


def test_the_reason_says_which_date_a_correction_goes_before() -> None:
    ctx = _context(LAST)
    assert last_effective(ctx) == date(2025, 3, 1)
    views = {v["name"]: v for v in field_views(ACTIONS[("escalation", "akkoord")], ctx, {}, {})}
    assert views["correction_reason"]["hint"].startswith("alleen bij een datum vóór 01-03-2025")
    assert views["occurred_on"]["kind"] == "date" and views["occurred_on"]["when"]
    assert last_effective(_context(None)) is None
