"""The dates a command may name: a typo such as 9999 or 1900 is refused, not planned."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import AfterValidator

from domain.shared.effective import day_of

FIRST_DAY = date(2000, 1, 1)
LAST_DAY = date(2099, 12, 31)
"""The window the dates a person types into a command lie in. It only catches typos: every real
date of the programme (its startpakketten of 2022 and its deadlines, however far they slip) lies
well inside it. The catalog's planned dates, which start a process, are the catalog's to check."""


def check_day(value: date, what: str = "date") -> date:
    """``value`` when it lies in the window; else a ValueError that names it and the window."""
    if not FIRST_DAY <= value <= LAST_DAY:
        raise ValueError(
            f"{what} {value.isoformat()} lies outside {FIRST_DAY.isoformat()} … "
            f"{LAST_DAY.isoformat()} (a typo?)"
        )
    return value


def _moment(value: datetime) -> datetime:
    check_day(day_of(value) if value.tzinfo else value.date(), "moment")  # its Dutch day
    return value


Day = Annotated[date, AfterValidator(check_day)]
"""A date a command names, in the window."""

Moment = Annotated[datetime, AfterValidator(_moment)]
"""An instant a command names, its day in the window."""
