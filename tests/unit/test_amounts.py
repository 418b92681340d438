"""Amounts are bounded decimals: euros and shares refuse what is not a plain, finite number."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from pydantic import ValidationError

from domain.area.commands import area_command_adapter
from domain.shared.amounts import EURO_DIGITS, EURO_PLACES, SHARE_PLACES, digits, plain


def _contribution(amount: Any) -> dict[str, Any]:
    return {
        "type": "AddContribution",
        "actor": "ienw",
        "contribution": {
            "id": "c1",
            "action_id": "mirt",
            "side": "rijk",
            "amount": amount,
            "fund": "Mobiliteitsfonds",
        },
    }


def _refusal(command: dict[str, Any]) -> tuple[str, str]:
    with pytest.raises(ValidationError) as refused:
        area_command_adapter.validate_python(command)
    (error,) = refused.value.errors()
    return ".".join(map(str, error["loc"][1:])), error["msg"]


@pytest.mark.parametrize(
    ("amount", "bound"),
    [
        ("1e309", f"at most {EURO_DIGITS} digits before the decimal point; 1E+309 has 310"),
        (1e20, f"at most {EURO_DIGITS} digits before the decimal point; 1E+20 has 21"),
        (10**EURO_DIGITS, f"at most {EURO_DIGITS} digits before the decimal point"),
        ("12.345", f"at most {EURO_PLACES} digits after the decimal point; 12.345 has 3"),
        ("1e-3", f"at most {EURO_PLACES} digits after the decimal point"),
        ("NaN", "finite number"),
        ("Infinity", "finite number"),
        ("-Infinity", "finite number"),
        (float("inf"), "finite number"),
        ("-5", "greater than 0"),
        ("0", "greater than 0"),
        ("veel", "valid decimal"),
    ],
)
def test_a_contribution_outside_the_bounds_is_refused_naming_the_field_and_the_bound(
    amount: Any, bound: str
) -> None:
    where, message = _refusal(_contribution(amount))
    assert where == "contribution.amount"
    assert bound in message


@pytest.mark.parametrize(
    ("given", "recorded"),
    [
        ("1E+2", "100"),
        ("3000000.00", "3000000"),
        (0.1, "0.1"),
        ("999999999999999.99", "999999999999999.99"),
    ],
)
def test_an_amount_within_the_bounds_is_kept_in_plain_notation(given: Any, recorded: str) -> None:
    command = area_command_adapter.validate_python(_contribution(given))
    assert str(command.contribution.amount) == recorded  # type: ignore[union-attr]


def test_a_share_has_at_most_three_decimals_and_lies_between_nought_and_one() -> None:
    def share(value: Any) -> dict[str, Any]:
        return {"type": "AgreeProportion", "actor": "duo", "rijk_share": value}

    where, message = _refusal(share("0.3333"))
    assert where == "rijk_share"
    assert f"a share has at most {SHARE_PLACES} digits after the decimal point" in message
    assert "less than or equal to 1" in _refusal(share("1e309"))[1]
    assert "finite number" in _refusal(share("NaN"))[1]
    kept = area_command_adapter.validate_python(share("0.500"))
    assert kept.rijk_share == Decimal("0.5")  # type: ignore[union-attr]


def test_an_action_budget_is_bounded_like_any_amount_in_euros() -> None:
    action = {
        "id": "mirt",
        "title": "MIRT-verkenning",
        "owner": "IenW",
        "planned_start": "2030-01-01",
        "planned_end": "2030-06-01",
        "budget": "1e309",
    }
    where, message = _refusal({"type": "AddAction", "actor": "ienw", "action": action})
    assert where == "action.budget"
    assert f"at most {EURO_DIGITS} digits before the decimal point" in message


def test_digits_count_what_a_number_holds_before_and_after_its_point() -> None:
    assert digits(Decimal("1E+309")) == (310, 0)
    assert digits(Decimal("12.50")) == (2, 1)
    assert digits(Decimal("0.001")) == (0, 3)
    assert digits(Decimal("-0")) == (0, 0)
    assert str(plain(Decimal("-0"))) == "0"
