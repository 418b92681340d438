"""The uitvoeringsagenda as a dependency graph: cycles, earliest dates, critical path, slack,"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from graphlib import CycleError, TopologicalSorter

from pydantic import Field, model_validator

from domain.shared.base import Frozen
from domain.shared.errors import DomainError, UnknownReference


class ActionStatus(StrEnum):
    """Where an action stands, from its own progress and its predecessors'."""

    BLOCKED = "geblokkeerd"
    READY = "gereed om te starten"
    STARTED = "gestart"
    DONE = "afgerond"


class Action(Frozen):
    """One line of the uitvoeringsagenda: what, who, when, for how much."""

    id: str = Field(min_length=1, max_length=80, pattern=r"^[^\s/]+$")
    title: str = Field(min_length=1, max_length=500)
    owner: str = Field(min_length=1)
    planned_start: date
    planned_end: date
    budget: Decimal = Field(default=Decimal(0), ge=0)
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


class Dependency(Frozen):
    """``after`` cannot start before ``before`` is finished (finish-to-start)."""

    before: str
    after: str


class ActionPlan(Frozen):
    """The computed schedule of one action."""

    id: str
    earliest_start: date
    earliest_finish: date
    latest_finish: date
    slack_days: int
    critical: bool
    status: ActionStatus
    late: bool
    delay_days: int


class Schedule(Frozen):
    """The computed agenda: per action, and the finish date of the whole."""

    plans: dict[str, ActionPlan]
    finish: date | None
    critical_path: tuple[str, ...]

    @property
    def late(self) -> tuple[str, ...]:
        return tuple(a for a, p in self.plans.items() if p.late)


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


def plan(
    actions: Mapping[str, Action],
    dependencies: Iterable[Dependency],
    externals: Mapping[str, External] | None = None,
    today: date | None = None,
) -> Schedule:
    """Earliest dates, latest finishes, slack, critical path and status of every action.

    Forecasts use what happened: a done action finishes on its done date, a started one
    keeps its duration from its start; an action not started cannot start before ``today``.
    Lateness propagates: an action whose forecast finish passes its deadline (or, without
    one, its planned end) is flagged late.
    """
    externals = externals or {}
    ids = list(actions)
    index = {a: i for i, a in enumerate(ids)}
    preds: list[list[int]] = [[] for _ in ids]
    succs: list[list[int]] = [[] for _ in ids]
    ext_preds: list[list[External]] = [[] for _ in ids]
    for dep in dependencies:
        j = index[dep.after]
        if dep.before in index:
            i = index[dep.before]
            preds[j].append(i)
            succs[i].append(j)
        elif dep.before in externals:
            ext_preds[j].append(externals[dep.before])
    order = _topological(preds)
    today_ord = today.toordinal() if today else None

    n = len(ids)
    es = [0] * n
    ef = [0] * n
    dur = [0] * n
    for i in order:
        action = actions[ids[i]]
        d = action.duration
        if action.done_on is not None:
            start = (action.started_on or action.planned_start).toordinal()
            end = action.done_on.toordinal()
            es[i], ef[i], dur[i] = start, end, max(end - start, 0)
            continue
        if action.started_on is not None:
            start = action.started_on.toordinal()
        else:
            start = action.planned_start.toordinal()
            for p in preds[i]:
                if ef[p] > start:
                    start = ef[p]
            for ext in ext_preds[i]:
                e = ext.expected.toordinal()
                if not ext.done and e > start:
                    start = e
            if today_ord is not None and today_ord > start:
                start = today_ord
        es[i], ef[i], dur[i] = start, start + d, d

    finish = max(ef) if n else None
    lf = [finish or 0] * n
    for i in reversed(order):
        for s in succs[i]:
            ls_s = lf[s] - dur[s]
            if ls_s < lf[i]:
                lf[i] = ls_s
    plans: dict[str, ActionPlan] = {}
    critical: list[tuple[int, str]] = []
    for i, action_id in enumerate(ids):
        action = actions[action_id]
        slack = lf[i] - ef[i]
        status = _status(action, [actions[ids[p]] for p in preds[i]], ext_preds[i])
        limit = (action.deadline or action.planned_end).toordinal()
        delay = ef[i] - action.planned_end.toordinal()
        is_critical = slack == 0 and action.done_on is None
        if is_critical:
            critical.append((es[i], action_id))
        plans[action_id] = ActionPlan(
            id=action_id,
            earliest_start=date.fromordinal(es[i]),
            earliest_finish=date.fromordinal(ef[i]),
            latest_finish=date.fromordinal(lf[i]),
            slack_days=slack,
            critical=is_critical,
            status=status,
            late=ef[i] > limit and action.done_on is None,
            delay_days=max(delay, 0),
        )
    return Schedule(
        plans=plans,
        finish=date.fromordinal(finish) if finish is not None else None,
        critical_path=tuple(a for _, a in sorted(critical)),
    )


def _topological(preds: list[list[int]]) -> list[int]:
    """Kahn's algorithm over integer nodes (the hot path of big agendas)."""
    n = len(preds)
    indegree = [len(p) for p in preds]
    succs: list[list[int]] = [[] for _ in range(n)]
    for j, ps in enumerate(preds):
        for i in ps:
            succs[i].append(j)
    queue = [i for i in range(n) if indegree[i] == 0]
    order: list[int] = []
    while queue:
        i = queue.pop()
        order.append(i)
        for j in succs[i]:
            indegree[j] -= 1
            if indegree[j] == 0:
                queue.append(j)
    if len(order) != n:
        raise DomainError("the agenda contains a cycle")
    return order


def _status(action: Action, preds: list[Action], externals: list[External]) -> ActionStatus:
    if action.done_on is not None:
        return ActionStatus.DONE
    if action.started_on is not None:
        return ActionStatus.STARTED
    if all(p.done_on is not None for p in preds) and all(e.done for e in externals):
        return ActionStatus.READY
    return ActionStatus.BLOCKED


def shift(action: Action, days: int) -> Action:
    """The same action planned ``days`` later (a slip)."""
    delta = timedelta(days=days)
    return action.model_copy(
        update={
            "planned_start": action.planned_start + delta,
            "planned_end": action.planned_end + delta,
        }
    )
