"""The rows a task list can come from, picked in SQL: the processes that name someone (a party
asked to review, a signatory, a member), that concern a province, or that have something
overdue or falling due before a horizon. A superset: the service decides what is a task."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from store.board import FIELDS, FILTERS
from store.eventstore import RUN_FILTER

CLAUSES: dict[str, str] = {
    "reviews_of": (
        "(jsonb_path_exists(summary, '$.checkpoints.*.missing_reviews[*] ? (@ == $s)', "
        "jsonb_build_object('s', CAST(:scope AS text))) "
        "OR jsonb_exists(summary->'perspective'->'missing_reviews', :scope))"
    ),
    "signatory": "jsonb_exists(summary->'signatories', :scope)",
    "member": "(jsonb_exists(summary->'members', :scope) OR jsonb_exists(summary->'duo', :scope))",
    "province": FILTERS["province"],
    "due_before": (
        "(jsonb_path_exists(summary, '$.deadlines[*] ? (@.overdue == true || @.due <= $h)', "
        "jsonb_build_object('h', CAST(:horizon AS text))) "
        f"OR {FILTERS['overdue']} "
        "OR (summary->>'open' = 'true' AND summary->>'due' <= :horizon))"
    ),
    "blocked": "jsonb_path_exists(summary, '$.checkpoints.* ? (@.status == \"blocked\")')",
}
"""Which rows may hold someone's tasks; ``:scope``, ``:province`` and ``:horizon`` (an ISO
date, compared as text: give a day to spare) are the parameters."""


async def candidate_rows(
    engine: AsyncEngine, clauses: list[str], params: dict[str, Any], label: str | None = None
) -> list[dict[str, Any]]:
    """The rows of one run that pass any of the clauses (none: no rows)."""
    if not clauses:
        return []
    where = " OR ".join(CLAUSES[c] for c in clauses)
    values = {"scope": None, "province": None, "horizon": None, **params, "label": label or None}
    sql = f"SELECT {', '.join(FIELDS)} FROM novex_stream_status WHERE {RUN_FILTER} AND ({where})"
    async with engine.connect() as conn:
        result = await conn.execute(text(sql), values)
        return [dict(zip(FIELDS, row, strict=True)) for row in result.all()]
