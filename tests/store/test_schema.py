"""The SQLAlchemy tables describe the database the migrations build: every column with its type,
nullability and default, every index and every constraint."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from store.schema import metadata

DESCRIBED = "novex_schema_module"  # a scratch schema built from store/schema.py, rolled back

COLUMNS = """
SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
       pg_get_expr(d.adbin, d.adrelid)
  FROM pg_attribute a
  JOIN pg_class c ON c.oid = a.attrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
 WHERE n.nspname = :schema AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
"""

INDEXES = """
SELECT t.relname, i.relname, pg_get_indexdef(i.oid)
  FROM pg_index x
  JOIN pg_class i ON i.oid = x.indexrelid
  JOIN pg_class t ON t.oid = x.indrelid
  JOIN pg_namespace n ON n.oid = t.relnamespace
 WHERE n.nspname = :schema
"""

CONSTRAINTS = """
SELECT t.relname, con.conname, pg_get_constraintdef(con.oid)
  FROM pg_constraint con
  JOIN pg_class t ON t.oid = con.conrelid
  JOIN pg_namespace n ON n.oid = t.relnamespace
 WHERE n.nspname = :schema
"""


async def catalog(conn: AsyncConnection, schema: str) -> dict[str, dict[str, Any]]:
    """Per table of a schema, as PostgreSQL itself spells it: columns (type, not null, default),
    index definitions and constraint definitions, with the schema name left out."""
    tables: dict[str, dict[str, Any]] = {}

    def table(name: str) -> dict[str, Any]:
        return tables.setdefault(name, {"columns": {}, "indexes": {}, "constraints": {}})

    def unqualified(definition: str) -> str:
        return definition.replace(f"{schema}.", "")

    for name, column, type_, not_null, default in await conn.execute(
        text(COLUMNS), {"schema": schema}
    ):
        table(name)["columns"][column] = (type_, "not null" if not_null else "null", default)
    for name, index, definition in await conn.execute(text(INDEXES), {"schema": schema}):
        table(name)["indexes"][index] = unqualified(definition)
    for name, constraint, definition in await conn.execute(text(CONSTRAINTS), {"schema": schema}):
        table(name)["constraints"][constraint] = unqualified(definition)
    tables.pop("alembic_version", None)  # Alembic's own bookkeeping, not part of the store
    return tables


def differences(described: dict[str, Any], migrated: dict[str, Any]) -> list[str]:
    """One line per table, column, index or constraint on which the two disagree."""
    found = []
    for table in sorted({*described, *migrated}):
        ours, theirs = described.get(table), migrated.get(table)
        if ours is None or theirs is None:
            found.append(f"{table}: only in {'the migrations' if ours is None else 'schema.py'}")
            continue
        for part in ("columns", "indexes", "constraints"):
            for name in sorted({*ours[part], *theirs[part]}):
                mine, migration = ours[part].get(name), theirs[part].get(name)
                if mine != migration:
                    found.append(
                        f"{table} {part} {name}: schema.py {mine} ≠ migrations {migration}"
                    )
    return found


async def test_every_table_column_index_and_constraint_in_schema_matches_the_migrated_database(
    engine: AsyncEngine,
) -> None:
    async with engine.connect() as conn:
        migrated = await catalog(conn, "public")
        await conn.execute(text(f"CREATE SCHEMA {DESCRIBED}"))
        await conn.run_sync(
            lambda sync: metadata.create_all(
                sync.execution_options(schema_translate_map={None: DESCRIBED})
            )
        )
        described = await catalog(conn, DESCRIBED)
        await conn.rollback()  # the scratch schema never existed for anyone else
    assert differences(described, migrated) == []
    assert described == migrated


async def test_the_compared_catalog_holds_types_nullability_defaults_indexes_and_keys(
    engine: AsyncEngine,
) -> None:
    async with engine.connect() as conn:
        outbox = (await catalog(conn, "public"))["novex_outbox"]
    assert outbox["columns"]["status"] == ("text", "not null", "'pending'::text")
    assert outbox["columns"]["endpoint"] == ("text", "null", None)
    assert outbox["columns"]["next_attempt_at"][0] == "timestamp with time zone"
    assert "WHERE (status = 'pending'::text)" in outbox["indexes"]["novex_outbox_pending"]
    assert outbox["constraints"]["novex_outbox_event_id_fkey"] == (
        "FOREIGN KEY (event_id) REFERENCES novex_events(event_id)"
    )
