"""The replay corpus: every recorded history is a file kept for good in the group of the release
that recorded it (tests/histories/<group>/<workflow>__<path>.json); save, load, replay.

``NOVEX_RECORD_HISTORIES=1`` makes the scenarios that call :func:`keep_recorded` save their fresh
history into the recording group (``NOVEX_HISTORIES_GROUP``, else ``<version>-<date>``); `make
histories` does that for every scenario. A file, once committed, is never re-recorded or
deleted: test_replay replays every one of them against today's code.
"""

from __future__ import annotations

import json
import os
import re
from datetime import date
from importlib.metadata import version
from pathlib import Path
from typing import Any

from temporalio.client import WorkflowHistory
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.worker import Replayer

from worker import WORKFLOWS

HISTORIES = Path(__file__).resolve().parent.parent / "histories"
GROUP = re.compile(r"^\d+\.\d+(\.\d+)?(-\d{4}-\d{2}-\d{2})?$")
"""A group is named by the release that recorded it: ``0.1``, or ``0.2.0-2026-11-28`` for a
recording made on that day by code on its way to a release."""


def recording_group() -> str:
    """The group fresh recordings go into."""
    return os.environ.get("NOVEX_HISTORIES_GROUP") or f"{version('novex')}-{date.today()}"


def recorded() -> list[Path]:
    """Every history in the corpus, group by group."""
    return sorted(HISTORIES.glob("*/*.json"))


def _without_stack_traces(value: Any) -> Any:
    """Failures carry the stack trace of the machine that recorded them; replay needs none."""
    if isinstance(value, dict):
        return {k: "" if k == "stackTrace" else _without_stack_traces(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_without_stack_traces(v) for v in value]
    return value


def save(path: Path, history: WorkflowHistory) -> None:
    """Keep a history with its workflow id: replay must see the same id (child ids use it)."""
    data = {"workflow_id": history.workflow_id, **json.loads(history.to_json())}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(_without_stack_traces(data)), encoding="utf-8")


def load(path: Path) -> WorkflowHistory:
    data = json.loads(path.read_text(encoding="utf-8"))
    return WorkflowHistory.from_json(data.pop("workflow_id", path.stem), data)


def replayer(workflows: list[type] | None = None) -> Replayer:
    """A replayer of today's workflows (or of the ones given)."""
    chosen = list(WORKFLOWS) if workflows is None else workflows
    return Replayer(workflows=chosen, data_converter=pydantic_data_converter)


async def keep_recorded(name: str, fresh: WorkflowHistory) -> None:
    """Save the fresh history of a scenario when recording; either way the corpus must hold a
    recorded history of it (test_replay replays them all)."""
    if os.environ.get("NOVEX_RECORD_HISTORIES") == "1":
        save(HISTORIES / recording_group() / f"{name}.json", fresh)
    assert any(p.stem == name for p in recorded()), (
        f"no recorded history {name}: record it (make histories) and commit the new group"
    )
