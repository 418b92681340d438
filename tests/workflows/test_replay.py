"""The replay corpus: every history ever recorded (tests/histories/<release>/) replays against
today's workflow code, so a change that would break a running process fails the build; every
workflow and every path has one; none is kept twice. The scenarios that record them
(test_recorded_journeys.py, test_recorded_escalations.py and others) run in every test run and
record with `make histories`."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.workflows.histories import GROUP, HISTORIES, load, recorded, replayer

PATHS = {
    "province__signed",
    "province__refused",
    "province__procesafspraak",
    "province__amendment_first_run",
    "province__amendment_next_run",
    "province__escalation_decided_by_the_duo",
    "escalation__decided_by_the_duo",
    "province__escalation_climbed_to_a_forum",
    "escalation__climbed_to_a_forum",
    "area__perspective_delivered",
    "area__escalation_decided_by_the_duo",
    "escalation__of_an_area_decided_by_the_duo",
}
"""Every workflow type and every path through it that the corpus must hold a history of."""


@pytest.mark.parametrize(
    "path", recorded(), ids=lambda p: f"{p.parent.name}/{p.stem}" if isinstance(p, Path) else p
)
async def test_a_recorded_history_replays_without_nondeterminism(path: Path) -> None:
    result = await replayer().replay_workflow(load(path), raise_on_replay_failure=True)
    assert result.replay_failure is None


def test_every_workflow_and_every_path_has_a_recorded_history() -> None:
    names = {p.stem for p in recorded()}
    assert {n.split("__")[0] for n in names} == {"province", "area", "escalation"}
    assert names >= PATHS, f"not recorded yet: {sorted(PATHS - names)}"


def test_the_corpus_keeps_each_history_once_in_the_group_of_the_release_that_recorded_it() -> None:
    assert sorted(HISTORIES.glob("*.json")) == []  # no history outside a group
    groups = {p.parent.name for p in recorded()}
    assert "0.1" in groups and all(GROUP.match(g) for g in groups), groups
    digests: dict[str, Path] = {}
    for path in recorded():
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        assert digest not in digests, f"{path} is byte for byte {digests[digest]}"
        digests[digest] = path
