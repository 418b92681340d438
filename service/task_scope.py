"""Whose processes are whose: which deadlines of which process a role and scope watch, and how
a process is named on a task list."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from domain.views.board import in_province
from service.authorization import Role
from store.tokens import TokenHolder

Rows = Mapping[str, Mapping[str, Any]]

NATIONAL = frozenset({Role.COORDINATOR, Role.RIJK_OFFICIAL, Role.VIEWER})
"""Roles that watch the whole programme: every overdue and coming deadline is theirs to see."""


def short_escalation_id(stream_id: str) -> str:
    """An escalation as lists show it (``province-ZH~1``); commands accept it as it is."""
    return stream_id.removeprefix("escalation-")


def name_of(row: Mapping[str, Any]) -> str:
    """A process's name on a task list: the province's or area's name, or the escalation."""
    summary = row["summary"]
    if row["kind"] == "escalation":
        return f"escalatie {short_escalation_id(row['stream_id'])}"
    return str(summary.get("name") or row["subject"])


def deadline_scope(
    who: TokenHolder, row: Mapping[str, Any], rows: Rows
) -> tuple[bool, set[str] | None]:
    """Whether the holder watches this process's deadlines, and which (None: every one).

    National roles watch every process; a province official their province, the areas that
    span it and their escalations; a duo member the areas of their duo; a signatory the
    arrangement deadlines of the provinces they sign for. Reviewers' and duo members' own
    deadlines come with their reviews and decisions.
    """
    summary = row["summary"]
    if who.role in NATIONAL:
        return True, None
    if who.role == Role.PROVINCE_OFFICIAL and who.scope:
        return in_province(row, who.scope, rows), None
    if who.role == Role.DUO_MEMBER:
        return row["kind"] == "area" and who.scope in summary.get("duo", []), None
    if who.role == Role.SIGNATORY:
        signs = row["kind"] == "province" and who.scope in summary.get("signatories", [])
        return signs, {"arrangement"}
    return False, None
