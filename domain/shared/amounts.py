"""Amounts as the process takes them: finite decimals with bounded digits (euros, shares).

A float's guess (``1e20``), an infinity, ``NaN`` or an exponent that hides a huge number
(``"1e309"``) is refused with the bound it breaks; what passes is kept in plain notation
(``"1E+2"`` is recorded as ``100``), so sums never lose smaller amounts to rounding.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

EURO_DIGITS = 15
"""Digits before the decimal point of an amount in euros (up to 999 trillion)."""
EURO_PLACES = 2
"""Digits after the decimal point of an amount in euros (cents)."""
SHARE_PLACES = 3
"""Digits after the decimal point of a share (a tenth of a percent)."""
EUROS = f"euros: at most {EURO_DIGITS} digits before the decimal point and {EURO_PLACES} after"
SHARE = f"a share from 0 to 1: at most {SHARE_PLACES} digits after the decimal point"


def digits(value: Decimal) -> tuple[int, int]:
    """How many digits ``value`` has before and after its decimal point (trailing zeros
    after the point do not count: ``1.50`` has one)."""
    if value == 0:
        return 0, 0
    normal = value.normalize()
    exponent = normal.as_tuple().exponent
    assert isinstance(exponent, int)  # finite: pydantic refused NaN and infinities before
    return max(normal.adjusted() + 1, 0), max(-exponent, 0)


def plain(value: Decimal) -> Decimal:
    """The same number in plain notation, without trailing zeros or a negative zero."""
    if value == 0:
        return Decimal(0)
    return Decimal(format(value.normalize(), "f"))


def bounded(what: str, whole: int, places: int) -> Callable[[Decimal], Decimal]:
    """A check that ``what`` has at most ``whole`` digits before its point, ``places`` after;
    a refusal names the bound it breaks and the number given."""

    def check(value: Decimal) -> Decimal:
        before, after = digits(value)
        if before > whole:
            raise PydanticCustomError(
                "decimal_whole_bound",
                "{what} has at most {whole} digits before the decimal point; {given} has {before}",
                {"what": what, "whole": whole, "given": str(value), "before": before},
            )
        if after > places:
            raise PydanticCustomError(
                "decimal_places_bound",
                "{what} has at most {places} digits after the decimal point; {given} has {after}",
                {"what": what, "places": places, "given": str(value), "after": after},
            )
        return plain(value)

    return check


Money = Annotated[
    Decimal,
    Field(ge=0, allow_inf_nan=False, description=EUROS),
    AfterValidator(bounded("an amount in euros", EURO_DIGITS, EURO_PLACES)),
]
"""Euros, not negative: at most 15 digits before the point and 2 after it."""

PositiveMoney = Annotated[
    Decimal,
    Field(gt=0, allow_inf_nan=False, description=EUROS),
    AfterValidator(bounded("an amount in euros", EURO_DIGITS, EURO_PLACES)),
]
"""Euros, more than nothing: at most 15 digits before the point and 2 after it."""

Share = Annotated[
    Decimal,
    Field(ge=0, le=1, allow_inf_nan=False, description=SHARE),
    AfterValidator(bounded("a share", 1, SHARE_PLACES)),
]
"""A part of the whole, from 0 to 1: at most 3 digits after the point (0.333)."""
