"""Stored events read in today's shape: one registry of upcasters by (event type, stored schema
version). Stored events are never rewritten; every reader upcasts what it loads.

How an event changes shape (the playbook, ``docs/evolution.md``):

1. raise the event class's ``schema_version`` (a ``Literal`` of the new number, so data of an
   older shape that bypasses the registry is refused, never misread; the base class refuses
   anything below ``BASELINE``);
2. register an upcaster from the old version: a pure function, dict in, dict out, that gives
   stored data of that version the next version's shape (say ``CURRENT[type] = new``);
3. keep every older upcaster: a version-1 event walks 1 → 2 → 3 on every read.

Upcasters work on plain dicts by type name, so the rooms' events register here too without
this module knowing their models. A version newer than the registry knows was written by a
newer release: it is refused with :class:`UnreadableEvent` (a rollback that must read it
registers an upcaster from that version down to the current one).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from domain.shared.effective import day_of
from domain.shared.models import UNKNOWN_THEME


class UnreadableEvent(ValueError):
    """A stored event this code cannot read: written by a newer release, or an older shape
    without an upcaster."""


@dataclass(frozen=True)
class Upcaster:
    """Gives stored data of one schema version the shape of version ``to`` (as a rule the
    next one)."""

    to: int
    change: Callable[[dict[str, Any]], dict[str, Any]]


def _friction_theme_unknown(data: dict[str, Any]) -> dict[str, Any]:
    """FrictionRaised 1 → 2: a schuurpunt raised before themes existed touches an unknown
    programme."""
    friction = dict(data["friction"])
    friction.setdefault("theme", UNKNOWN_THEME)
    return {**data, "friction": friction}


def _effective_date(data: dict[str, Any]) -> dict[str, Any]:
    """Every event, schema 1 → 2 (FrictionRaised 2 → 3): an event recorded before effective
    dates took effect when novex recorded it — its ``occurred_at``, the moment novex decided
    it, within a second of ``recorded_at``; ``occurred_on`` is that moment's date."""
    if "occurred_at" not in data or "occurred_on" in data:
        return data
    moment = datetime.fromisoformat(str(data["occurred_at"]))
    return {**data, "occurred_on": day_of(moment).isoformat()}


BASELINE = 2
"""The schema version of every event type without a history of its own: version 2 of every
event carries its effective date (``occurred_on``)."""

CURRENT: dict[str, int] = {
    "FrictionRaised": 3,
}
"""The schema version today's code writes, per event type with changes of its own."""

UPCASTERS: dict[tuple[str, int], Upcaster] = {
    ("FrictionRaised", 1): Upcaster(2, _friction_theme_unknown),
    ("FrictionRaised", 2): Upcaster(3, _effective_date),
}
"""(event type, stored schema version) → how to read it one step closer to ``CURRENT``."""

COMMON: dict[int, Upcaster] = {
    1: Upcaster(2, _effective_date),
}
"""Stored schema version → the step every event type takes that has no entry in ``CURRENT``
(a change to every event at once: the types with a history of their own repeat it there)."""


def current_version(event_type: str) -> int:
    """The schema version today's code writes for an event type."""
    return CURRENT.get(event_type, BASELINE)


def step(event_type: str, version: int) -> Upcaster | None:
    """How stored data of this type and version reads one step closer to today's shape."""
    found = UPCASTERS.get((event_type, version))
    if found is not None or event_type in CURRENT:
        return found
    return COMMON.get(version)


def upcast(event_type: str, version: int, data: dict[str, Any]) -> dict[str, Any]:
    """Stored data of ``version`` in today's shape (the same object when it is current);
    raises UnreadableEvent for a newer version or a missing upcaster."""
    target = current_version(event_type)
    if version == target:
        return data
    shape, steps = dict(data), 0
    while version != target:
        upcaster = step(event_type, version)
        if upcaster is None or steps > len(UPCASTERS) + len(COMMON):
            raise UnreadableEvent(_unreadable(event_type, version, target))
        shape, version, steps = upcaster.change(shape), upcaster.to, steps + 1
    shape["schema_version"] = target
    return shape


def _unreadable(event_type: str, version: int, target: int) -> str:
    if version > target:
        return (
            f"{event_type} schema version {version} was written by a newer release of novex; "
            f"this one reads {event_type} up to version {target}: upgrade to read it"
        )
    return f"{event_type} schema version {version} has no upcaster toward version {target}"
