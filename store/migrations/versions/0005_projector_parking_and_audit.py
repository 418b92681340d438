"""Parked projector events, a shadow read model for rebuilds, an append-only event table, and
hash scheme 2: the chain covers position, version and the database's recorded_at."""

from importlib import util
from pathlib import Path

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TABLES = (
    # Events a projector could not fold, and those of the same stream that wait behind them.
    r"""
CREATE TABLE novex_projector_parked (
  name text NOT NULL,
  position bigint NOT NULL,
  stream_id text NOT NULL,
  event_id uuid NOT NULL,
  type text NOT NULL,
  attempts integer NOT NULL,
  error text NOT NULL,
  blocked_by bigint,
  parked_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (name, position)
)""",
    "CREATE INDEX novex_projector_parked_stream ON novex_projector_parked (name, stream_id)",
    # A rebuild folds into this table and swaps it in within one transaction.
    "CREATE TABLE novex_stream_status_shadow (LIKE novex_stream_status INCLUDING DEFAULTS, "
    "PRIMARY KEY (stream_id))",
    # Rows written before this revision keep scheme 1 (the missing value of the new column);
    # every append from now on writes 2.
    "ALTER TABLE novex_events ADD COLUMN hash_scheme integer NOT NULL DEFAULT 1",
    "ALTER TABLE novex_events ALTER COLUMN hash_scheme DROP DEFAULT",
)

# Row triggers: TRUNCATE (a test fixture's clean slate) does not fire them. A migration that must
# rewrite events disables the trigger for its own transaction and says why.
APPEND_ONLY = (
    r"""
CREATE FUNCTION novex_events_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION USING ERRCODE = 'NX003',
    MESSAGE = format('novex_events is append-only: %s of position %s refused', TG_OP, OLD.position);
END
$fn$""",
    "CREATE TRIGGER novex_events_append_only BEFORE UPDATE OR DELETE ON novex_events "
    "FOR EACH ROW EXECUTE FUNCTION novex_events_refuse_change()",
)

# As in 0004, with two changes: recorded_at is the database's clock (read once per append while
# the position counter is held, so recorded_at never goes back as positions go up), and the hash
# chain (scheme 2) covers the position, the version and that recorded_at in microseconds since
# the Unix epoch: '2|' || prev || '|' || content || '|' || position || '|' || version || '|' || us
# (store.hashing.chain_hash_v2 is the same formula).
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
  v_ord integer := 0;
  v_now timestamptz;
  v_us bigint;
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

  -- Late, so the counter row is locked for as short a time as possible (until commit).
  UPDATE novex_positions SET last = last + v_n WHERE id = 1 RETURNING last INTO v_last;
  v_now := clock_timestamp();
  v_us := (extract(epoch FROM v_now) * 1000000)::bigint;
  FOR v_event IN SELECT value FROM jsonb_array_elements(p_events) LOOP
    v_ord := v_ord + 1;
    v_prev := v_prev || v_hash;
    v_hash := encode(sha256(convert_to(concat_ws('|', '2', v_hash, v_event->>'content_hash',
                                                 v_last - v_n + v_ord, v_version + v_ord, v_us),
                                       'UTF8')), 'hex');
    v_hashes := v_hashes || v_hash;
  END LOOP;
  INSERT INTO novex_events(position, stream_id, version, event_id, type, schema_version, data,
                           metadata, recorded_at, content_hash, hash, prev_hash, kind, label,
                           hash_scheme)
  SELECT v_last - v_n + j.ord, p_stream, v_version + j.ord::integer, (j.e->>'event_id')::uuid,
         j.e->>'type', (j.e->>'schema_version')::integer, j.e->'data',
         (j.e->'metadata') - 'recorded_at', v_now, j.e->>'content_hash',
         v_hashes[j.ord], v_prev[j.ord], v_kind, v_label, 2
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
    for statement in TABLES:
        op.execute(statement)
    for statement in APPEND_ONLY:
        op.execute(statement)
    op.execute(APPEND_FUNCTION)


def downgrade() -> None:
    op.execute(_previous_function())
    op.execute("DROP TRIGGER novex_events_append_only ON novex_events")
    op.execute("DROP FUNCTION novex_events_refuse_change()")
    op.execute("ALTER TABLE novex_events DROP COLUMN hash_scheme")
    op.execute("DROP TABLE novex_stream_status_shadow")
    op.execute("DROP TABLE novex_projector_parked")


def _previous_function() -> str:
    """The append of revision 0004 (recorded_at from the caller, scheme 1), restored on
    downgrade."""
    spec = util.spec_from_file_location(
        "novex_0004", Path(__file__).with_name("0004_stream_kind_and_label.py")
    )
    assert spec is not None and spec.loader is not None
    module = util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return str(module.APPEND_FUNCTION)
