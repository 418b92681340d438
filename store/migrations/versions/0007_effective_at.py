"""When each event took effect, as a column: ``effective_at`` is generated from the payload's
``occurred_at`` (the effective moment; for events recorded before effective dates, the moment
they were decided and recorded — the upcasters' reading), so as-of views read one stream or one
run bounded by effective and recorded time in SQL. Stored events are not rewritten: the column
is derived, and the hash chain never covered it."""

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# ISO 8601 with an offset, as every event's occurred_at is written: its reading depends on no
# session setting, so the function may say IMMUTABLE (a generated column needs that).
EFFECTIVE_AT = r"""
CREATE FUNCTION novex_effective_at(p_data jsonb) RETURNS timestamptz
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT (p_data->>'occurred_at')::timestamptz $$
"""

COLUMNS = (
    "ALTER TABLE novex_events ADD COLUMN effective_at timestamptz "
    "GENERATED ALWAYS AS (novex_effective_at(data)) STORED",
    "CREATE INDEX novex_events_effective ON novex_events (label, effective_at)",
    "CREATE INDEX novex_events_stream_effective ON novex_events (stream_id, effective_at)",
)


def upgrade() -> None:
    op.execute(EFFECTIVE_AT)
    for statement in COLUMNS:
        op.execute(statement)


def downgrade() -> None:
    op.execute("DROP INDEX novex_events_stream_effective")
    op.execute("DROP INDEX novex_events_effective")
    op.execute("ALTER TABLE novex_events DROP COLUMN effective_at")
    op.execute("DROP FUNCTION novex_effective_at(jsonb)")
