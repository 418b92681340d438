"""When a form's command happened: the date and the correction's reason every form carries (as
the CLI's ``--on`` and ``--correction-reason``), the process's last effective date they are judged
against, and which field a refusal of that date belongs to."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from web.dashboard.form_model import Action, Context, Field
from web.dashboard.words import datum


def last_effective(ctx: Context) -> date | None:
    """The latest day anything in the process took effect (what a date before is a correction
    of): the domain's clock over its events, as the page's detail carries it."""
    value = ctx.detail.get("last_effective")
    return date.fromisoformat(str(value)[:10]) if value else None


def _reason_hint(ctx: Context) -> str:
    last = last_effective(ctx)
    before = f"vóór {datum(last)}, de laatste datum in dit proces" if last else "in het verleden"
    return f"alleen bij een datum {before}: waarom het nu pas wordt vastgelegd"


OCCURRED_ON = Field(
    "occurred_on",
    "Datum waarop het gebeurde",
    "date",
    required=False,
    convert="day",
    hint="leeg: vandaag; nooit in de toekomst",
    blank="vandaag",
    when=True,
)
CORRECTION_REASON = Field(
    "correction_reason",
    "Reden van correctie",
    required=False,
    hint=_reason_hint,
    blank=None,
    when=True,
)
WHEN = (OCCURRED_ON, CORRECTION_REASON)

RULE_FIELDS = {
    "FutureDate": OCCURRED_ON.name,
    "BeforeTheStart": OCCURRED_ON.name,
    "BackdatedWithoutReason": CORRECTION_REASON.name,
    "NothingToCorrect": CORRECTION_REASON.name,
}
"""The field a refusal of the rules of effective dates (domain/shared/effective.py) is about."""


def dated(action: Action) -> Action:
    """The form with the fields that say when it happened, after its own."""
    return replace(action, fields=(*action.fields, *WHEN))
