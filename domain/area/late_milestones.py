"""An external milestone the area learns of late (from the store, or told by a message): the
CompleteExternal that records it on the day it was reached."""

from __future__ import annotations

from datetime import date, datetime

from domain.area.commands import CompleteExternal
from domain.area.state import AreaProcess
from domain.shared.effective import day_of

LEARNED_LATE = "{ref} bereikt op {on}; later vernomen uit de event store"
"""The reason a learned milestone gives when it is dated before what the area recorded since."""
TOLD_LATE = "{ref} bereikt op {on}; later gemeld door de provincie"
"""The reason a milestone told by the province's message gives in that case."""


def learned_milestone(
    state: AreaProcess, ref: str, on: date, by: str, *, now: datetime, reason: str = LEARNED_LATE
) -> CompleteExternal | None:
    """The command that records ``ref`` reached on ``on`` (told by ``by``), or None when the
    agenda does not wait for it (any more).

    It takes effect on the day the milestone was reached — never before the area began, never
    after today — and is a correction, with its reason, when the area recorded later things
    since (``reason``: how the area learned it); ``on`` keeps the day it was reached either
    way."""
    milestone = state.externals.get(ref)
    if milestone is None or milestone.done:
        return None
    clock = state.clock
    today = day_of(now)
    effective = min(max(on, day_of(clock.first)) if clock.first else on, today)
    last = clock.last_date
    correcting = last is not None and effective < last
    return CompleteExternal(
        actor=by,
        ref=ref,
        on=on,
        occurred_on=None if effective == today else effective,
        correction_reason=reason.format(ref=ref, on=on.isoformat()) if correcting else None,
    )
