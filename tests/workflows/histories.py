"""Recorded histories: save, load, replay (NOVEX_RECORD_HISTORIES=1 records a scenario's)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from temporalio.client import WorkflowHistory
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.worker import Replayer

from worker import WORKFLOWS

HISTORIES = Path(__file__).resolve().parent.parent / "histories"


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
    path.write_text(json.dumps(_without_stack_traces(data)), encoding="utf-8")


def load(path: Path) -> WorkflowHistory:
    data = json.loads(path.read_text(encoding="utf-8"))
    return WorkflowHistory.from_json(data.pop("workflow_id", path.stem), data)


def replayer() -> Replayer:
    return Replayer(workflows=list(WORKFLOWS), data_converter=pydantic_data_converter)


async def replay_recorded(name: str, fresh: WorkflowHistory) -> None:
    """Record the fresh history when asked to; then replay the checked-in history of this path."""
    path = HISTORIES / f"{name}.json"
    if os.environ.get("NOVEX_RECORD_HISTORIES") == "1":
        save(path, fresh)
    assert path.is_file(), f"no recorded history {path.name}: record it (NOVEX_RECORD_HISTORIES=1)"
    result = await replayer().replay_workflow(load(path), raise_on_replay_failure=True)
    assert result.replay_failure is None
