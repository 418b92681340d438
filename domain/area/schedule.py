"""The computed uitvoeringsagenda: earliest dates, latest finishes, slack, critical path, status."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from enum import StrEnum
from typing import NamedTuple

from domain.area.agenda import Action, Dependency, External
from domain.shared.base import Frozen
from domain.shared.errors import DomainError


class ActionStatus(StrEnum):
    """Where an action stands, from its own progress and its predecessors'."""

    BLOCKED = "geblokkeerd"
    READY = "gereed om te starten"
    STARTED = "gestart"
    DONE = "afgerond"


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
    graph = _Graph.of(actions, dependencies, externals or {})
    order = _topological(graph.preds)
    forward = _forward_pass(actions, graph, order, today)
    latest = _backward_pass(graph, order, forward)
    return _schedule(actions, graph, forward, latest)


class _Graph(NamedTuple):
    """The agenda over integer nodes (the hot path of big agendas): actions in input order."""

    ids: list[str]
    preds: list[list[int]]
    succs: list[list[int]]
    externals: list[list[External]]

    @classmethod
    def of(
        cls,
        actions: Mapping[str, Action],
        dependencies: Iterable[Dependency],
        externals: Mapping[str, External],
    ) -> _Graph:
        ids = list(actions)
        index = {a: i for i, a in enumerate(ids)}
        graph = cls(ids, [[] for _ in ids], [[] for _ in ids], [[] for _ in ids])
        preds, succs, outside = graph.preds, graph.succs, graph.externals
        for dep in dependencies:
            j = index[dep.after]
            if dep.before in index:
                i = index[dep.before]
                preds[j].append(i)
                succs[i].append(j)
            elif dep.before in externals:
                outside[j].append(externals[dep.before])
        return graph


class _Forward(NamedTuple):
    """Per node: earliest start, earliest finish and duration, as ordinal days."""

    start: list[int]
    finish: list[int]
    duration: list[int]

    @property
    def end(self) -> int | None:
        """When the whole agenda is finished at the earliest."""
        return max(self.finish) if self.finish else None


def _forward_pass(
    actions: Mapping[str, Action], graph: _Graph, order: list[int], today: date | None
) -> _Forward:
    """Earliest dates in dependency order, forecast from what happened so far."""
    ids, preds, outside = graph.ids, graph.preds, graph.externals
    forward = _Forward([0] * len(ids), [0] * len(ids), [0] * len(ids))
    es, ef, dur = forward
    today_ord = today.toordinal() if today else None
    for i in order:
        action = actions[ids[i]]
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
            for ext in outside[i]:
                e = ext.expected.toordinal()
                if not ext.done and e > start:
                    start = e
            if today_ord is not None and today_ord > start:
                start = today_ord
        d = action.duration
        es[i], ef[i], dur[i] = start, start + d, d
    return forward


def _backward_pass(graph: _Graph, order: list[int], forward: _Forward) -> list[int]:
    """Latest finish of every node that keeps the agenda's finish date."""
    lf = [forward.end or 0] * len(graph.ids)
    dur, succs = forward.duration, graph.succs
    for i in reversed(order):
        for s in succs[i]:
            ls_s = lf[s] - dur[s]
            if ls_s < lf[i]:
                lf[i] = ls_s
    return lf


def _schedule(
    actions: Mapping[str, Action], graph: _Graph, forward: _Forward, lf: list[int]
) -> Schedule:
    """Per action its plan (slack, status, lateness), and the critical path in start order."""
    es, ef, _ = forward
    ids, preds, outside = graph.ids, graph.preds, graph.externals
    plans: dict[str, ActionPlan] = {}
    critical: list[tuple[int, str]] = []
    for i, action_id in enumerate(ids):
        action = actions[action_id]
        slack = lf[i] - ef[i]
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
            status=_status(action, [actions[ids[p]] for p in preds[i]], outside[i]),
            late=ef[i] > limit and action.done_on is None,
            delay_days=max(delay, 0),
        )
    finish = forward.end
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
