"""Stored events read in today's shape: one registry of upcasters by (event type, stored schema
version). Stored events are never rewritten; every reader upcasts what it loads.

How an event changes shape (the playbook, ``docs/evolution.md``):

1. raise the event class's ``schema_version`` (a ``Literal`` of the new number, so data of an
   older shape that bypasses the registry is refused, never misread);
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
from typing import Any

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


CURRENT: dict[str, int] = {
    "FrictionRaised": 2,
}
"""The schema version today's code writes, per event type above version 1."""

UPCASTERS: dict[tuple[str, int], Upcaster] = {
    ("FrictionRaised", 1): Upcaster(2, _friction_theme_unknown),
}
"""(event type, stored schema version) → how to read it one step closer to ``CURRENT``."""


def current_version(event_type: str) -> int:
    """The schema version today's code writes for an event type."""
    return CURRENT.get(event_type, 1)


def upcast(event_type: str, version: int, data: dict[str, Any]) -> dict[str, Any]:
    """Stored data of ``version`` in today's shape (the same object when it is current);
    raises UnreadableEvent for a newer version or a missing upcaster."""
    target = current_version(event_type)
    if version == target:
        return data
    shape, steps = dict(data), 0
    while version != target:
        step = UPCASTERS.get((event_type, version))
        if step is None or steps > len(UPCASTERS):
            raise UnreadableEvent(_unreadable(event_type, version, target))
        shape, version, steps = step.change(shape), step.to, steps + 1
    shape["schema_version"] = target
    return shape


def _unreadable(event_type: str, version: int, target: int) -> str:
    if version > target:
        return (
            f"{event_type} schema version {version} was written by a newer release of novex; "
            f"this one reads {event_type} up to version {target}: upgrade to read it"
        )
    return f"{event_type} schema version {version} has no upcaster toward version {target}"
