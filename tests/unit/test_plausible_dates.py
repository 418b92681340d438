"""A command's dates lie in a window that only typos leave (9999, 1900): one outside it is
refused naming the field, the date and the window; dates of the programme pass."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from domain.area.commands import area_command_adapter
from domain.province.commands import province_command_adapter
from domain.shared.plausible import FIRST_DAY, LAST_DAY
from tests.api.test_bad_input import ACTION

WINDOW = f"lies outside {FIRST_DAY.isoformat()} … {LAST_DAY.isoformat()}"


def _refusal(adapter: Any, command: dict[str, Any]) -> tuple[str, str]:
    with pytest.raises(ValidationError) as refused:
        adapter.validate_python({"actor": "regieteam", **command})
    (error,) = refused.value.errors()
    return ".".join(map(str, error["loc"][1:])), error["msg"]


@pytest.mark.parametrize(
    ("command", "field", "said"),
    [
        (
            {"type": "MoveDueDate", "target": "voorstel", "due": "9999-12-31T00:00:00+01:00",
             "reason": "typo"},
            "due",
            f"moment 9999-12-31 {WINDOW}",
        ),
        (
            {"type": "RaiseFriction", "description": "geluid", "occurred_on": "1900-01-01"},
            "occurred_on",
            f"date 1900-01-01 {WINDOW}",
        ),
        (
            {"type": "StartAmendment", "reason": "herzien", "due": "2205-02-01T00:00:00Z"},
            "due",
            f"moment 2205-02-01 {WINDOW}",
        ),
    ],
)  # fmt: skip
def test_a_province_command_dated_outside_the_window_is_refused_naming_field_and_date(
    command: dict[str, Any], field: str, said: str
) -> None:
    where, message = _refusal(province_command_adapter, command)
    assert where == field and said in message, (where, message)


@pytest.mark.parametrize(
    ("command", "said"),
    [
        ({"type": "CompleteExternal", "ref": "province:ZH/voorstel", "on": "9999-01-01"},
         f"date 9999-01-01 {WINDOW}"),
        ({"type": "AddAction", "action": {**ACTION, "planned_end": "2205-06-01"}},
         f"action mirt: planned end 2205-06-01 {WINDOW}"),
        ({"type": "RecordExternalMilestone",
          "milestone": {"ref": "province:ZH/voorstel", "expected": "1999-12-31"}},
         f"milestone province:ZH/voorstel: expected 1999-12-31 {WINDOW}"),
        ({"type": "RescheduleAction", "action_id": "mirt", "planned_start": "2030-01-01",
          "planned_end": "2030-02-01", "deadline": "3030-01-01", "reason": "r"},
         f"date 3030-01-01 {WINDOW}"),
    ],
)  # fmt: skip
def test_an_area_command_dated_outside_the_window_is_refused_naming_the_date(
    command: dict[str, Any], said: str
) -> None:
    _, message = _refusal(area_command_adapter, command)
    assert said in message, message


def test_the_programmes_own_dates_and_the_windows_edges_pass() -> None:
    for due in (f"{FIRST_DAY.isoformat()}T12:00:00+01:00", f"{LAST_DAY.isoformat()}T12:00:00Z"):
        moved = province_command_adapter.validate_python(
            {"type": "MoveDueDate", "actor": "a", "target": "voorstel", "due": due, "reason": "r"}
        )
        assert moved.type == "MoveDueDate"
    added = area_command_adapter.validate_python(
        {"type": "AddAction", "actor": "a", "action": {**ACTION, "deadline": "2099-12-31"}}
    )
    assert added.type == "AddAction"
