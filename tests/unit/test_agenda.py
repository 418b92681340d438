"""The uitvoeringsagenda's graph: cycles refused by name, critical path, slack, slip propagation."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.area.agenda import (
    Action,
    Dependency,
    External,
    check_new_dependency,
    find_cycle,
    shift,
)
from domain.area.schedule import ActionStatus, plan
from domain.shared.errors import DomainError, UnknownReference

D0 = date(2025, 1, 1)


def act(action_id: str, start: int, end: int, **kw: object) -> Action:
    return Action(
        id=action_id,
        title=action_id,
        owner="rijk",
        planned_start=date.fromordinal(D0.toordinal() + start),
        planned_end=date.fromordinal(D0.toordinal() + end),
        **kw,
    )


def agenda() -> tuple[dict[str, Action], list[Dependency]]:
    actions = {
        "grond": act("grond", 0, 30),
        "tracé": act("tracé", 0, 10),
        "bouw": act("bouw", 30, 90, deadline=date(2025, 4, 15)),
        "oplevering": act("oplevering", 90, 100),
    }
    deps = [
        Dependency(before="grond", after="bouw"),
        Dependency(before="tracé", after="bouw"),
        Dependency(before="bouw", after="oplevering"),
    ]
    return actions, deps


def test_a_dependency_that_closes_a_cycle_is_refused_naming_the_cycle() -> None:
    actions, deps = agenda()
    with pytest.raises(DomainError, match="close a cycle: grond → bouw → oplevering → grond"):
        check_new_dependency(actions, {}, deps, Dependency(before="oplevering", after="grond"))


def test_a_dependency_on_an_unknown_action_is_refused() -> None:
    actions, deps = agenda()
    with pytest.raises(UnknownReference, match="unknown action 'sloop'"):
        check_new_dependency(actions, {}, deps, Dependency(before="sloop", after="bouw"))


def test_the_critical_path_and_slack_follow_the_longest_chain() -> None:
    actions, deps = agenda()
    schedule = plan(actions, deps)
    assert schedule.critical_path == ("grond", "bouw", "oplevering")
    assert schedule.plans["tracé"].slack_days == 20
    assert schedule.plans["bouw"].slack_days == 0
    assert schedule.finish == date.fromordinal(D0.toordinal() + 100)


def test_a_slipping_action_moves_its_dependents_and_flags_those_past_their_deadline() -> None:
    actions, deps = agenda()
    actions["grond"] = shift(actions["grond"], 20)  # grond now finishes on day 50
    schedule = plan(actions, deps)
    bouw = schedule.plans["bouw"]
    assert bouw.earliest_start == date.fromordinal(D0.toordinal() + 50)
    assert bouw.earliest_finish == date.fromordinal(D0.toordinal() + 110)
    assert bouw.late  # deadline 15 April = day 104
    assert schedule.plans["oplevering"].late and schedule.plans["oplevering"].delay_days == 20
    assert not schedule.plans["tracé"].late


def test_status_is_blocked_ready_started_or_done_from_progress() -> None:
    actions, deps = agenda()
    actions["grond"] = actions["grond"].model_copy(update={"done_on": date(2025, 1, 25)})
    actions["tracé"] = actions["tracé"].model_copy(update={"started_on": date(2025, 1, 2)})
    statuses = {a: p.status for a, p in plan(actions, deps).plans.items()}
    assert statuses == {
        "grond": ActionStatus.DONE,
        "tracé": ActionStatus.STARTED,
        "bouw": ActionStatus.BLOCKED,
        "oplevering": ActionStatus.BLOCKED,
    }


def test_an_external_milestone_holds_back_its_dependent_until_its_expected_date() -> None:
    actions, deps = agenda()
    ext = External(ref="province:ZH/voorstel", expected=date(2025, 3, 1))
    deps.append(Dependency(before=ext.ref, after="bouw"))
    schedule = plan(actions, deps, {ext.ref: ext})
    assert schedule.plans["bouw"].earliest_start == date(2025, 3, 1)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 11), st.integers(0, 11)), max_size=40))
def test_accepted_edges_never_form_a_cycle_and_plans_respect_every_edge(
    edges: list[tuple[int, int]],
) -> None:
    actions = {f"a{i}": act(f"a{i}", i, i + 1 + i % 3) for i in range(12)}
    deps: list[Dependency] = []
    for before, after in edges:
        new = Dependency(before=f"a{before}", after=f"a{after}")
        try:
            check_new_dependency(actions, {}, deps, new)
        except DomainError:
            continue
        deps.append(new)
    assert find_cycle(actions, [(d.before, d.after) for d in deps]) is None
    plans = plan(actions, deps).plans
    for d in deps:
        assert plans[d.after].earliest_start >= plans[d.before].earliest_finish
    assert all(p.slack_days >= 0 for p in plans.values())
