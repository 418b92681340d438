"""The board's question: which processes (filters), in which order (sort), which page of them.
The read model answers it in SQL; rows folded as of a past instant are answered here, alike."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any, Literal, TypeVar

from pydantic import Field

from domain.shared.base import Frozen

SORTS = ("kind", "name", "phase", "next_due", "updated", "overdue")
"""What the board sorts by; ``-`` before a name sorts descending (empty values always last)."""

Row = Mapping[str, Any]
R = TypeVar("R", bound=Row)


class BoardQuery(Frozen):
    """Filters, sort and page of the board; every filter left empty lets every row through."""

    kind: Literal["province", "area", "escalation"] | None = None
    province: str | None = Field(None, pattern=r"^[A-Z]{2}$")
    phase: str | None = Field(None, min_length=1)
    programme: str | None = Field(None, min_length=1)
    overdue: bool = False
    stuck: bool = False
    sort: str = Field("kind", pattern=r"^-?(" + "|".join(SORTS) + ")$")
    page: int = Field(1, ge=1)
    per_page: int = Field(50, ge=1, le=500)

    @property
    def sort_key(self) -> str:
        return self.sort.lstrip("-")

    @property
    def descending(self) -> bool:
        return self.sort.startswith("-")

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


def is_overdue(summary: Row) -> bool:
    """Whether anything of the process is overdue (a list of targets; once a flag)."""
    return bool(summary.get("overdue"))


def is_stuck(summary: Row) -> bool:
    """Whether the process says it is stuck (``vastgelopen``): a flag or a description."""
    return summary.get("stuck") not in (None, False)


def in_province(row: Row, code: str, rows: Mapping[str, Row]) -> bool:
    """A province's own journey, an area that spans it, an escalation of either."""
    summary = row["summary"]
    match row["kind"]:
        case "province":
            return bool(row["subject"] == code)
        case "area":
            return code in summary.get("provinces", [])
        case "escalation":
            parent = rows.get(summary.get("parent") or "")
            return (
                parent is not None
                and parent["kind"] != "escalation"
                and (in_province(parent, code, rows))
            )
    return False


def matches(query: BoardQuery, row: Row, rows: Mapping[str, Row]) -> bool:
    """Whether a row passes every filter of the query (``rows``: every row by stream id)."""
    summary = row["summary"]
    return (
        (query.kind is None or row["kind"] == query.kind)
        and (query.province is None or in_province(row, query.province, rows))
        and (query.phase is None or row["phase"] == query.phase)
        and (query.programme is None or query.programme in summary.get("programmes", []))
        and (not query.overdue or is_overdue(summary))
        and (not query.stuck or is_stuck(summary))
    )


def _next_due(row: Row) -> datetime | None:
    summary = row["summary"]
    due = (summary.get("next_due") or {}).get("due") or summary.get("due")
    return datetime.fromisoformat(due) if due else None


def _overdue_count(row: Row) -> int:
    overdue = row["summary"].get("overdue")
    return len(overdue) if isinstance(overdue, list) else int(overdue is True)


KEYS: dict[str, Callable[[Row], Any]] = {
    "kind": lambda r: (r["kind"], r["subject"]),
    "name": lambda r: (r["summary"].get("name") or r["subject"]).lower(),
    "phase": lambda r: r["phase"],
    "next_due": _next_due,
    "updated": lambda r: r["updated_at"],
    "overdue": _overdue_count,
}
"""Per sort, the value a row sorts by (the stream id breaks ties, ascending)."""


def answer(query: BoardQuery, every: Iterable[R]) -> tuple[list[R], int]:
    """The page of rows the query asks for, and how many rows passed the filters."""
    rows = list(every)
    by_id = {r["stream_id"]: r for r in rows}
    found = sorted((r for r in rows if matches(query, r, by_id)), key=lambda r: r["stream_id"])
    key = KEYS[query.sort_key]
    valued = [r for r in found if key(r) is not None]
    valued.sort(key=key, reverse=query.descending)
    ordered = valued + [r for r in found if key(r) is None]
    return ordered[query.offset : query.offset + query.per_page], len(ordered)


def frictions_per_theme(query: BoardQuery, every: Iterable[Row]) -> dict[str, dict[str, int]]:
    """Schuurpunten per national programme over every row that passes the query's filters
    (all pages): open ones and all."""
    rows = list(every)
    by_id = {r["stream_id"]: r for r in rows}
    counts: dict[str, dict[str, int]] = {}
    for row in rows:
        if not matches(query, row, by_id):
            continue
        for theme, count in (row["summary"].get("frictions_by_theme") or {}).items():
            total = counts.setdefault(theme, {"open": 0, "all": 0})
            total["open"] += count["open"]
            total["all"] += count["all"]
    return dict(sorted(counts.items()))
