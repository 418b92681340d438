"""How a reader asks about the past, on two axes: how things stood on T (effective time: what
had taken effect by then) and what novex knew at K (recorded time: what had been recorded by
then); both together: how things stood on T as novex knew it at K."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime


def _aware(moment: datetime | None) -> datetime | None:
    """An instant typed without a zone is taken as UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


@dataclass(frozen=True)
class AsOf:
    """A view of the past: ``effective`` (``--as-of``) and ``known`` (``--as-known-at``)."""

    effective: datetime | None = None
    known: datetime | None = None

    @classmethod
    def of(cls, effective: datetime | None = None, known: datetime | None = None) -> AsOf | None:
        """The view asked for; None when neither axis is given (the present)."""
        if effective is None and known is None:
            return None
        return cls(_aware(effective), _aware(known))

    @property
    def moment(self) -> datetime:
        """The instant the view reckons with (what is overdue, what is late): the effective
        one, else the known one."""
        moment = self.effective or self.known
        assert moment is not None  # AsOf.of never makes one without either
        return moment

    def shows(self, effective_at: datetime, recorded_at: datetime) -> bool:
        """Whether an event with these times is part of the view."""
        return (self.effective is None or effective_at <= self.effective) and (
            self.known is None or recorded_at <= self.known
        )
