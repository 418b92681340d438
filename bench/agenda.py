"""Critical path and slip propagation on a generated agenda of 10,000 actions and 50,000
dependencies, against networkx's topological longest path on the same graph."""

from __future__ import annotations

import random
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta

import networkx as nx

from bench.figures import Outcome, load, machine, ratio_figure
from domain.area.agenda import Action, Dependency, shift
from domain.area.schedule import plan

TITLE = "Agenda critical path (bench/agenda.py)"


@dataclass(frozen=True)
class Sizes:
    """The agenda's actions and dependencies, and the rounds."""

    actions: int
    dependencies: int
    rounds: int


FULL = Sizes(10_000, 50_000, 5)
QUICK = Sizes(2_000, 10_000, 3)


def generate(
    actions_n: int = FULL.actions, dependencies_n: int = FULL.dependencies, seed: int = 7
) -> tuple[dict[str, Action], list[Dependency]]:
    """A random DAG: edges only from lower to higher index, so no cycles."""
    rng = random.Random(seed)
    start = date(2025, 1, 1)
    actions: dict[str, Action] = {}
    for i in range(actions_n):
        begin = start + timedelta(days=i // 20)
        actions[f"a{i}"] = Action(
            id=f"a{i}",
            title=f"actie {i}",
            owner="regio",
            planned_start=begin,
            planned_end=begin + timedelta(days=rng.randint(1, 60)),
        )
    edges: set[tuple[int, int]] = set()
    while len(edges) < dependencies_n:
        a = rng.randrange(actions_n - 1)
        b = rng.randrange(a + 1, min(a + 400, actions_n))
        edges.add((a, b))
    return actions, [Dependency(before=f"a{a}", after=f"a{b}") for a, b in sorted(edges)]


def ours(actions: dict[str, Action], deps: list[Dependency]) -> float:
    """Plan, then a slip of the first action by 30 days and the re-plan that propagates it."""
    started = time.perf_counter()
    first = plan(actions, deps)
    slipped = {**actions, "a0": shift(actions["a0"], 30)}
    second = plan(slipped, deps)
    elapsed = time.perf_counter() - started
    assert first.critical_path and second.finish is not None and first.finish is not None
    assert second.finish >= first.finish
    return elapsed


def networkx(actions: dict[str, Action], deps: list[Dependency]) -> float:
    """The same two computations as networkx does them: build, longest path, twice."""
    started = time.perf_counter()
    for slip in (0, 30):
        graph = nx.DiGraph()
        graph.add_nodes_from(actions)
        for d in deps:
            extra = slip if d.before == "a0" else 0
            graph.add_edge(d.before, d.after, weight=actions[d.before].duration + extra)
        path = nx.dag_longest_path(graph, weight="weight")
        length = nx.dag_longest_path_length(graph, weight="weight")
        assert path and length >= 0
    return time.perf_counter() - started


def run(sizes: Sizes) -> Outcome:
    actions, deps = generate(sizes.actions, sizes.dependencies)
    mine: list[float] = []
    theirs: list[float] = []
    for _ in range(sizes.rounds):
        mine.append(ours(actions, deps))
        theirs.append(networkx(actions, deps))
    m, t = statistics.median(mine), statistics.median(theirs)
    graph = f"{sizes.actions:,} actions / {sizes.dependencies:,} dependencies"
    figure = ratio_figure(
        "plan + slip + re-plan, time",
        m * 1000,
        t * 1000,
        unit="ms",
        baseline="networkx",
        at_most=1.0,
        size=f"{graph} × {sizes.rounds} rounds",
    )
    body = "\n".join(
        [
            f"Machine: {machine()}; networkx {nx.__version__}; "
            f"median of {sizes.rounds} alternating rounds; load average {load():.1f} at the end.",
            "",
            "| measure | novex (schedule.plan) | networkx | ratio (novex ÷ networkx) | target |",
            "|---|---|---|---|---|",
            f"| plan + slip + re-plan, {graph} "
            f"| {m * 1000:.0f} ms | {t * 1000:.0f} ms | {m / t:.2f}× | ≤ 1.0× |",
            "",
            "novex computes earliest and latest dates, slack, status and lateness of every action "
            "and the critical path (graphlib-free Kahn order over integer nodes); networkx builds "
            "the weighted DiGraph and computes dag_longest_path and its length, for the original "
            "agenda and again after the slip.",
        ]
    )
    return Outcome(TITLE, body, [figure])


def main(quick: bool = False) -> Outcome:
    return run(QUICK if quick else FULL).write(quick)


if __name__ == "__main__":
    main(quick="--quick" in sys.argv)
