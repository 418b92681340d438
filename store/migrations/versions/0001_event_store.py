"""Event store, stream versions, gap-free positions, projector checkpoints, stream status."""

from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TABLES = r"""
CREATE TABLE novex_events (
  position bigint PRIMARY KEY,
  stream_id text NOT NULL,
  version integer NOT NULL,
  event_id uuid NOT NULL UNIQUE,
  type text NOT NULL,
  schema_version integer NOT NULL,
  data jsonb NOT NULL,
  metadata jsonb NOT NULL,
  recorded_at timestamptz NOT NULL,
  content_hash text NOT NULL,
  hash text NOT NULL,
  prev_hash text NOT NULL,
  CONSTRAINT novex_events_stream_version UNIQUE (stream_id, version)
);
CREATE INDEX novex_events_recorded_at ON novex_events (recorded_at);
CREATE TABLE novex_streams (
  stream_id text PRIMARY KEY,
  version integer NOT NULL,
  last_hash text NOT NULL
);
CREATE TABLE novex_positions (id integer PRIMARY KEY, last bigint NOT NULL);
INSERT INTO novex_positions(id, last) VALUES (1, 0);
CREATE TABLE novex_projector_checkpoints (name text PRIMARY KEY, position bigint NOT NULL);
CREATE TABLE novex_stream_status (
  stream_id text PRIMARY KEY,
  kind text NOT NULL,
  subject text NOT NULL,
  phase text NOT NULL,
  version integer NOT NULL,
  event_count integer NOT NULL,
  last_event_type text NOT NULL,
  last_position bigint NOT NULL,
  updated_at timestamptz NOT NULL,
  summary jsonb NOT NULL,
  state jsonb NOT NULL
);
"""

# One round trip per append. Positions come from a single counter row whose lock is held until
# commit, so positions are assigned in commit order and a reader that has seen position N will
# never later see an event below N. The stream row lock makes the idempotency check and the
# version check see every committed append of the same stream.
APPEND_FUNCTION = r"""
CREATE OR REPLACE FUNCTION novex_append(p_stream text, p_expected integer, p_events jsonb)
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
                           metadata, recorded_at, content_hash, hash, prev_hash)
  SELECT v_last - v_n + j.ord, p_stream, v_version + j.ord::integer, (j.e->>'event_id')::uuid,
         j.e->>'type', (j.e->>'schema_version')::integer, j.e->'data', j.e->'metadata',
         (j.e->'metadata'->>'recorded_at')::timestamptz, j.e->>'content_hash',
         v_hashes[j.ord], v_prev[j.ord]
    FROM jsonb_array_elements(p_events) WITH ORDINALITY AS j(e, ord);
  UPDATE novex_streams SET version = v_version + v_n, last_hash = v_hash
   WHERE stream_id = p_stream;
  RETURN QUERY SELECT v_last - v_n + g, v_version + g::integer FROM generate_series(1, v_n) AS g;
END
$fn$;
"""


def upgrade() -> None:
    for statement in TABLES.split(";\n"):
        if statement.strip():
            op.execute(statement)
    op.execute(APPEND_FUNCTION)


def downgrade() -> None:
    op.execute("DROP FUNCTION IF EXISTS novex_append(text, integer, jsonb)")
    for table in (
        "novex_stream_status",
        "novex_projector_checkpoints",
        "novex_positions",
        "novex_streams",
        "novex_events",
    ):
        op.execute(f"DROP TABLE IF EXISTS {table}")
