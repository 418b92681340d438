"""Stream kind and run label as columns: written by the append, read by status and as-of views."""

from importlib import util
from pathlib import Path

from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# A stream id is written <kind>-<subject>[.<label>] (domain.shared.ids.StreamId); these two are
# its database reading, used by the backfill below and by every append from now on.
STREAM_PARTS = r"""
CREATE FUNCTION novex_stream_kind(p_stream text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT split_part(split_part(p_stream, '.', 1), '-', 1) $$;
CREATE FUNCTION novex_stream_label(p_stream text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT CASE WHEN strpos(p_stream, '.') > 0
                  THEN substr(p_stream, strpos(p_stream, '.') + 1) END $$
"""

COLUMNS = (
    "ALTER TABLE novex_events ADD COLUMN kind text, ADD COLUMN label text",
    "UPDATE novex_events SET kind = novex_stream_kind(stream_id), "
    "label = novex_stream_label(stream_id)",
    "ALTER TABLE novex_events ALTER COLUMN kind SET NOT NULL",
    "CREATE INDEX novex_events_run ON novex_events (label, recorded_at)",
    "ALTER TABLE novex_stream_status ADD COLUMN label text",
    "UPDATE novex_stream_status SET label = novex_stream_label(stream_id)",
    "CREATE INDEX novex_stream_status_run ON novex_stream_status (label, kind, subject)",
)

APPEND_FUNCTION = r"""
CREATE OR REPLACE FUNCTION novex_append(p_stream text, p_expected integer, p_events jsonb,
                                        p_notifications jsonb DEFAULT '[]'::jsonb)
RETURNS TABLE(out_position bigint, out_version integer)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_n integer := jsonb_array_length(p_events);
  v_version integer;
  v_hash text;
  v_last bigint;
  v_existing integer;
  v_mismatch text;
  v_hashes text[] := '{}';
  v_prev text[] := '{}';
  v_event jsonb;
  v_kind text := novex_stream_kind(p_stream);
  v_label text := novex_stream_label(p_stream);
BEGIN
  IF v_n = 0 THEN
    RETURN;
  END IF;
  SELECT version, last_hash INTO v_version, v_hash
    FROM novex_streams WHERE stream_id = p_stream FOR UPDATE;
  IF NOT FOUND THEN
    INSERT INTO novex_streams(stream_id, version, last_hash)
      VALUES (p_stream, 0, repeat('0', 64)) ON CONFLICT (stream_id) DO NOTHING;
    SELECT version, last_hash INTO v_version, v_hash
      FROM novex_streams WHERE stream_id = p_stream FOR UPDATE;
  END IF;

  -- A retry of an append that landed finds the stream moved on: only then look for its events.
  -- (An event id reused on another stream trips the unique index on insert.)
  IF p_expected IS NULL OR v_version <> p_expected THEN
    SELECT count(*), min(CASE WHEN x.stream_id <> p_stream
                               OR x.content_hash <> (j.e->>'content_hash')
                          THEN x.event_id::text END)
      INTO v_existing, v_mismatch
      FROM jsonb_array_elements(p_events) AS j(e)
      JOIN novex_events x ON x.event_id = (j.e->>'event_id')::uuid;
    IF v_mismatch IS NOT NULL THEN
      RAISE EXCEPTION USING ERRCODE = 'NX002',
        MESSAGE = 'event id already used with different content', DETAIL = v_mismatch;
    END IF;
    IF v_existing = v_n THEN
      RETURN QUERY
        SELECT x.position, x.version
          FROM jsonb_array_elements(p_events) WITH ORDINALITY AS j(e, ord)
          JOIN novex_events x ON x.event_id = (j.e->>'event_id')::uuid
         ORDER BY j.ord;
      RETURN;
    END IF;
    IF v_existing > 0 THEN
      RAISE EXCEPTION USING ERRCODE = 'NX002',
        MESSAGE = 'part of this batch was already appended', DETAIL = v_existing::text;
    END IF;
    IF p_expected IS NOT NULL THEN
      RAISE EXCEPTION USING ERRCODE = 'NX001',
        MESSAGE = 'wrong expected version', DETAIL = v_version::text;
    END IF;
  END IF;

  FOR v_event IN SELECT value FROM jsonb_array_elements(p_events) LOOP
    v_prev := v_prev || v_hash;
    v_hash := encode(sha256(convert_to(v_hash || (v_event->>'content_hash')
                                       || (v_event->'metadata'->>'recorded_at'), 'UTF8')), 'hex');
    v_hashes := v_hashes || v_hash;
  END LOOP;

  -- Last, so the counter row is locked for as short a time as possible (until commit).
  UPDATE novex_positions SET last = last + v_n WHERE id = 1 RETURNING last INTO v_last;
  INSERT INTO novex_events(position, stream_id, version, event_id, type, schema_version, data,
                           metadata, recorded_at, content_hash, hash, prev_hash, kind, label)
  SELECT v_last - v_n + j.ord, p_stream, v_version + j.ord::integer, (j.e->>'event_id')::uuid,
         j.e->>'type', (j.e->>'schema_version')::integer, j.e->'data', j.e->'metadata',
         (j.e->'metadata'->>'recorded_at')::timestamptz, j.e->>'content_hash',
         v_hashes[j.ord], v_prev[j.ord], v_kind, v_label
    FROM jsonb_array_elements(p_events) WITH ORDINALITY AS j(e, ord);
  UPDATE novex_streams SET version = v_version + v_n, last_hash = v_hash
   WHERE stream_id = p_stream;
  -- The transactional outbox: notifications commit with the events that caused them.
  INSERT INTO novex_outbox(id, event_id, position, stream_id, kind, recipient, channel, endpoint,
                           subject, body, link, data)
  SELECT (n->>'id')::uuid, x.event_id, x.position, p_stream, n->>'kind', n->>'recipient',
         n->>'channel', n->>'endpoint', n->>'subject', n->>'body', n->>'link', n->'data'
    FROM jsonb_array_elements(p_notifications) AS n
    JOIN novex_events x ON x.event_id = (n->>'event_id')::uuid;
  RETURN QUERY SELECT v_last - v_n + g, v_version + g::integer FROM generate_series(1, v_n) AS g;
END
$fn$;
"""


def upgrade() -> None:
    for statement in STREAM_PARTS.split(";\n"):
        op.execute(statement)
    for statement in COLUMNS:
        op.execute(statement)
    op.execute(APPEND_FUNCTION)


def downgrade() -> None:
    op.execute(_previous_function())
    op.execute("DROP INDEX novex_stream_status_run")
    op.execute("ALTER TABLE novex_stream_status DROP COLUMN label")
    op.execute("DROP INDEX novex_events_run")
    op.execute("ALTER TABLE novex_events DROP COLUMN kind, DROP COLUMN label")
    op.execute("DROP FUNCTION novex_stream_label(text)")
    op.execute("DROP FUNCTION novex_stream_kind(text)")


def _previous_function() -> str:
    """The append of revision 0002 (without kind and label), restored on downgrade."""
    spec = util.spec_from_file_location("novex_0002", Path(__file__).with_name("0002_outbox.py"))
    assert spec is not None and spec.loader is not None
    module = util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return str(module.APPEND_FUNCTION)
