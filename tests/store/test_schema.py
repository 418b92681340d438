"""The SQLAlchemy tables describe the database the migrations build, column for column."""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from store.schema import metadata


async def test_every_table_in_schema_matches_the_migrated_database(engine: AsyncEngine) -> None:
    async with engine.connect() as conn:
        rows = await conn.execute(
            text(
                "SELECT table_name, column_name FROM information_schema.columns "
                "WHERE table_schema = 'public' AND table_name LIKE 'novex_%'"
            )
        )
        migrated: dict[str, set[str]] = {}
        for table, column in rows.all():
            migrated.setdefault(table, set()).add(column)
    described = {t.name: {c.name for c in t.columns} for t in metadata.tables.values()}
    assert described == migrated
