"""The uitvoeringsagenda: its actions, the dependencies between them, external milestones."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from decimal import Decimal
from graphlib import CycleError, TopologicalSorter

from pydantic import Field, model_validator

from domain.shared.amounts import Money
from domain.shared.base import Frozen
from domain.shared.errors import DomainError, UnknownReference


class Action(Frozen):
    """One line of the uitvoeringsagenda: what, who, when, for how much."""

    id: str = Field(min_length=1, max_length=80, pattern=r"^[^\s/]+$")
    title: str = Field(min_length=1, max_length=500)
    owner: str = Field(min_length=1)
    planned_start: date
    planned_end: date
    budget: Money = Decimal(0)
    deadline: date | None = None
    started_on: date | None = None
    done_on: date | None = None

    @model_validator(mode="after")
    def _ends_after_start(self) -> Action:
        if self.planned_end < self.planned_start:
            raise ValueError(f"action {self.id}: planned end lies before planned start")
        return self

    @property
    def duration(self) -> int:
        return (self.planned_end - self.planned_start).days


class External(Frozen):
    """A milestone outside this agenda (another area's action, a province's voorstel)."""

    ref: str = Field(pattern=r"^(area|province):[^/\s]+/[^/\s]+$")
    expected: date
    done: bool = False


def voorstel_ref(province: str) -> str:
    """How an agenda names a province's adopted voorstel as an external milestone."""
    return f"province:{province}/voorstel"


def voorstel_province(ref: str) -> str | None:
    """The province whose voorstel an external milestone names (as written), or None when it
    names something else (another area's action)."""
    kind, _, rest = ref.partition(":")
    subject, _, milestone = rest.partition("/")
    if kind != "province" or milestone != "voorstel" or not subject:
        return None
    return subject


class Dependency(Frozen):
    """``after`` cannot start before ``before`` is finished (finish-to-start)."""

    before: str
    after: str


def find_cycle(nodes: Iterable[str], edges: Iterable[tuple[str, str]]) -> list[str] | None:
    """A cycle in the graph as a list of nodes (first repeated last), or None."""
    graph: dict[str, set[str]] = {n: set() for n in nodes}
    for before, after in edges:
        graph.setdefault(after, set()).add(before)
        graph.setdefault(before, set())
    try:
        TopologicalSorter(graph).prepare()
    except CycleError as exc:
        return list(exc.args[1])  # in dependency order: each node must finish before the next
    return None


def check_new_dependency(
    actions: Mapping[str, Action],
    externals: Mapping[str, External],
    dependencies: Iterable[Dependency],
    new: Dependency,
) -> None:
    """Refuse an edge to an unknown action, a duplicate, or one that would close a cycle."""
    if new.after not in actions:
        raise UnknownReference(f"unknown action {new.after!r} in dependency")
    if new.before not in actions and new.before not in externals:
        raise UnknownReference(
            f"unknown action {new.before!r} in dependency; record an external milestone "
            "(area:<id>/<action> or province:<code>/voorstel) before depending on it"
        )
    if new.before == new.after:
        raise DomainError(f"action {new.after} cannot depend on itself")
    existing = list(dependencies)
    if new in existing:
        raise DomainError(f"{new.after} already depends on {new.before}")
    cycle = find_cycle(actions, [(d.before, d.after) for d in [*existing, new]])
    if cycle:
        raise DomainError("this dependency would close a cycle: " + " → ".join(cycle))


def shift(action: Action, days: int) -> Action:
    """The same action planned ``days`` later (a slip)."""
    delta = timedelta(days=days)
    return action.model_copy(
        update={
            "planned_start": action.planned_start + delta,
            "planned_end": action.planned_end + delta,
        }
    )
