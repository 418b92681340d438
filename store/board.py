"""The board from the read model: filtered, sorted and paged in SQL (one query per page), as
domain.views.board says."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.views.board import BoardQuery
from store.eventstore import RUN_FILTER

FIELDS = (
    "stream_id",
    "kind",
    "subject",
    "phase",
    "version",
    "last_event_type",
    "updated_at",
    "summary",
)

_IN_PROVINCE = (
    "((kind = 'province' AND subject = :province) OR (kind = 'area' "
    "AND summary->'provinces' @> jsonb_build_array(CAST(:province AS text))))"
)
FILTERS: dict[str, str] = {
    "kind": "kind = :kind",
    "province": f"({_IN_PROVINCE} OR (kind = 'escalation' AND summary->>'parent' IN "
    f"(SELECT stream_id FROM novex_stream_status WHERE {_IN_PROVINCE})))",
    "phase": "phase = :phase",
    "programme": "summary->'programmes' @> jsonb_build_array(CAST(:programme AS text))",
    "overdue": "COALESCE(summary->'overdue', 'null') NOT IN ('null', 'false', '[]')",
    "stuck": "COALESCE(summary->'stuck', 'null') NOT IN ('null', 'false')",
}
_OVERDUE_COUNT = (
    "CASE jsonb_typeof(summary->'overdue') WHEN 'array' THEN jsonb_array_length(summary->'overdue')"
    " WHEN 'boolean' THEN CAST(summary->>'overdue' = 'true' AS integer) ELSE 0 END"
)
_ORDER: dict[str, str] = {
    "kind": 'kind COLLATE "C" {dir}, subject COLLATE "C" {dir}',
    "name": "lower(COALESCE(summary->>'name', subject)) COLLATE \"C\" {dir}",
    "phase": 'phase COLLATE "C" {dir}',
    "next_due": "CAST(COALESCE(summary->'next_due'->>'due', summary->>'due') AS timestamptz) "
    "{dir} NULLS LAST",
    "updated": "updated_at {dir}",
    "overdue": f"{_OVERDUE_COUNT} {{dir}}",
}


def _where(query: BoardQuery) -> tuple[str, dict[str, Any]]:
    """The WHERE clause of a query and its parameters."""
    params: dict[str, Any] = {}
    clauses = [RUN_FILTER]
    for name in ("kind", "province", "phase", "programme"):
        value = getattr(query, name)
        if value is not None:
            clauses.append(FILTERS[name])
            params[name] = value
    clauses += [FILTERS[flag] for flag in ("overdue", "stuck") if getattr(query, flag)]
    return " AND ".join(clauses), params


async def status_page(
    engine: AsyncEngine, query: BoardQuery, label: str | None = None
) -> tuple[list[dict[str, Any]], int]:
    """One page of status rows of one run, and how many rows passed the filters."""
    where, params = _where(query)
    order = _ORDER[query.sort_key].format(dir="DESC" if query.descending else "ASC")
    params.update(label=label or None, limit=query.per_page, offset=query.offset)
    sql = (
        f"SELECT {', '.join(FIELDS)}, count(*) OVER () FROM novex_stream_status "
        f'WHERE {where} ORDER BY {order}, stream_id COLLATE "C" '
        "LIMIT :limit OFFSET :offset"
    )
    async with engine.connect() as conn:
        rows = (await conn.execute(text(sql), params)).all()
        if rows:
            return [dict(zip(FIELDS, row[:-1], strict=True)) for row in rows], int(rows[0][-1])
        counted = await conn.execute(
            text(f"SELECT count(*) FROM novex_stream_status WHERE {where}"), params
        )
        return [], int(counted.scalar_one())


async def count_open_escalations(engine: AsyncEngine, label: str | None = None) -> int:
    """How many escalations of one run wait for a decision."""
    async with engine.connect() as conn:
        counted = await conn.execute(
            text(
                f"SELECT count(*) FROM novex_stream_status WHERE {RUN_FILTER} "
                "AND kind = 'escalation' AND summary->>'open' = 'true'"
            ),
            {"label": label or None},
        )
        return int(counted.scalar_one())


async def frictions_per_theme(
    engine: AsyncEngine, query: BoardQuery, label: str | None = None
) -> dict[str, dict[str, int]]:
    """Schuurpunten per national programme over the rows that pass the query's filters (all
    pages), summed in SQL from each row's ``frictions_by_theme``."""
    where, params = _where(query)
    params["label"] = label or None
    sql = (
        "SELECT t.key, sum(CAST(t.value->>'open' AS integer)), "
        "sum(CAST(t.value->>'all' AS integer)) FROM novex_stream_status, "
        "jsonb_each(COALESCE(summary->'frictions_by_theme', CAST('{}' AS jsonb))) AS t "
        f"WHERE {where} GROUP BY t.key ORDER BY t.key"
    )
    async with engine.connect() as conn:
        rows = (await conn.execute(text(sql), params)).all()
    return {r[0]: {"open": int(r[1]), "all": int(r[2])} for r in rows}
