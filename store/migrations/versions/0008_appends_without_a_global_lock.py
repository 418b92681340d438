"""Appends without a global lock: positions from a sequence, the writing transaction's id on every
event, readers in (transaction id, position) order below the oldest transaction still open."""

from importlib import util
from pathlib import Path

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# Before this revision one counter row, locked from the append to its commit, handed out positions:
# gap-free and in commit order, but every append in the database waited for the one before it to
# commit.
# Now:
# - positions come from a sequence, taken only after every check of the append has passed (a
#   refused append never takes one); they are unique and rise within a stream, but an append that
#   commits later may hold a lower position than one already committed;
# - every event carries ``tx``, the id of the transaction that wrote it (pg_current_xact_id(),
#   64 bits, never wraps). Readers that follow the log ("everything after my checkpoint") read in
#   (tx, position) order and only rows whose tx is below pg_snapshot_xmin(pg_current_snapshot()):
#   every transaction below that id has ended, so nothing can still appear before what they read
#   (store/commit_order.py);
# - the stream's head row keeps the tx of its last append; an append whose transaction id is
#   lower (it began before that append committed) is refused with SQLSTATE 40001 and retried, so
#   (tx, position) order is version order within every stream.
# - an append cut off between taking its positions and its commit (a crash, a cancelled or cut
#   connection) leaves a hole in the positions; so positions no longer tell a deleted stream:
#   instead every stream is numbered when it is created, 1, 2, … without a hole (a counter row
#   that only creations take, held until commit), and each head row links to the one numbered
#   before (registry_hash = sha256('stream|' || previous || '|' || number || '|' || stream_id)):
#   a whole stream deleted with its head row leaves a hole or a broken link (store/registry.py).
# Events stored before this revision keep tx 0 (the missing value of the new column; no row is
# rewritten): they all committed before any later one and come first, in position order. Streams
# stored before it are numbered in the order of their first event.
TABLES = (
    "CREATE SEQUENCE novex_event_position AS bigint",
    "SELECT setval('novex_event_position', greatest(1, p.last, e.last), p.last > 0 OR e.last > 0) "
    "FROM (SELECT last FROM novex_positions WHERE id = 1) AS p, "
    "(SELECT coalesce(max(position), 0) AS last FROM novex_events) AS e",
    "DROP TABLE novex_positions",
    "ALTER TABLE novex_events ADD COLUMN tx bigint NOT NULL DEFAULT 0",
    # Any other writer of the table records its transaction too (the append sets it itself).
    "ALTER TABLE novex_events ALTER COLUMN tx SET DEFAULT pg_current_xact_id()::text::bigint",
    "CREATE INDEX novex_events_commit_order ON novex_events (tx, position)",
    "ALTER TABLE novex_streams ADD COLUMN last_tx bigint NOT NULL DEFAULT 0",
    "ALTER TABLE novex_projector_checkpoints ADD COLUMN tx bigint NOT NULL DEFAULT 0",
    "ALTER TABLE novex_streams ADD COLUMN number bigint UNIQUE, ADD COLUMN registry_hash text",
    "UPDATE novex_streams s SET number = o.n FROM (SELECT stream_id, row_number() OVER ("
    "ORDER BY (SELECT min(position) FROM novex_events e WHERE e.stream_id = h.stream_id) "
    "NULLS LAST, stream_id) AS n FROM novex_streams h) AS o WHERE s.stream_id = o.stream_id",
    r"""
DO $$
DECLARE
  r record;
  v_link text := repeat('0', 64);
BEGIN
  FOR r IN SELECT stream_id, number FROM novex_streams ORDER BY number LOOP
    v_link := encode(sha256(convert_to(concat_ws('|', 'stream', v_link, r.number, r.stream_id),
                                       'UTF8')), 'hex');
    UPDATE novex_streams SET registry_hash = v_link WHERE stream_id = r.stream_id;
  END LOOP;
END
$$""",
    "ALTER TABLE novex_streams ALTER COLUMN number SET NOT NULL, "
    "ALTER COLUMN registry_hash SET NOT NULL",
    "CREATE TABLE novex_stream_counter (id integer PRIMARY KEY, last bigint NOT NULL)",
    "INSERT INTO novex_stream_counter SELECT 1, coalesce(max(number), 0) FROM novex_streams",
)

# One event at its expected version takes the single statement of store/append_sql.py; this
# function does everything else (a new stream, a batch, no expected version, a retry, a refusal)
# with the same formula: chain hash scheme 2 over the position, version and recorded_at.
APPEND_FUNCTION = r"""
CREATE OR REPLACE FUNCTION novex_append(p_stream text, p_expected integer, p_events jsonb,
                                        p_notifications jsonb DEFAULT '[]'::jsonb)
RETURNS TABLE(out_position bigint, out_version integer)
LANGUAGE plpgsql AS $fn$
DECLARE
  v_n integer := jsonb_array_length(p_events);
  v_version integer;
  v_hash text;
  v_last_tx bigint;
  v_tx bigint;
  v_existing integer;
  v_mismatch text;
  v_positions bigint[] := '{}';
  v_hashes text[] := '{}';
  v_prev text[] := '{}';
  v_event jsonb;
  v_ord integer := 0;
  v_now timestamptz;
  v_us bigint;
  v_number bigint;
  v_link text;
BEGIN
  IF v_n = 0 THEN
    RETURN;
  END IF;
  SELECT version, last_hash, last_tx INTO v_version, v_hash, v_last_tx
    FROM novex_streams WHERE stream_id = p_stream FOR UPDATE;
  IF NOT FOUND THEN
    -- A new stream takes the registry's next number: the counter row is held until commit, so
    -- creations wait for each other (appends to existing streams never touch it), and a refused
    -- or failed creation leaves no hole. Look again once it is held: someone may just have
    -- created the same stream.
    SELECT last INTO v_number FROM novex_stream_counter WHERE id = 1 FOR UPDATE;
    SELECT version, last_hash, last_tx INTO v_version, v_hash, v_last_tx
      FROM novex_streams WHERE stream_id = p_stream FOR UPDATE;
    IF NOT FOUND THEN
      v_number := v_number + 1;
      SELECT registry_hash INTO v_link FROM novex_streams WHERE number = v_number - 1;
      v_link := encode(sha256(convert_to(concat_ws('|', 'stream', coalesce(v_link, repeat('0', 64)),
                                                   v_number, p_stream), 'UTF8')), 'hex');
      INSERT INTO novex_streams(stream_id, version, last_hash, number, registry_hash)
        VALUES (p_stream, 0, repeat('0', 64), v_number, v_link);
      UPDATE novex_stream_counter SET last = v_number WHERE id = 1;
      v_version := 0;
      v_hash := repeat('0', 64);
      v_last_tx := 0;
    END IF;
  END IF;

  -- Ids already stored: a retry of an append that landed gets its positions back; any other
  -- reuse is refused here, before a position is taken, so that it leaves no hole.
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
  IF p_expected IS NOT NULL AND v_version <> p_expected THEN
    RAISE EXCEPTION USING ERRCODE = 'NX001',
      MESSAGE = 'wrong expected version', DETAIL = v_version::text;
  END IF;

  v_tx := pg_current_xact_id()::text::bigint;
  IF v_tx < v_last_tx THEN
    RAISE EXCEPTION USING ERRCODE = '40001',
      MESSAGE = 'this transaction began before the last append to its stream committed';
  END IF;
  v_now := clock_timestamp();
  v_us := (extract(epoch FROM v_now) * 1000000)::bigint;
  FOR v_event IN SELECT value FROM jsonb_array_elements(p_events) LOOP
    v_ord := v_ord + 1;
    v_positions := v_positions || nextval('novex_event_position');
    v_prev := v_prev || v_hash;
    v_hash := encode(sha256(convert_to(concat_ws('|', '2', v_hash, v_event->>'content_hash',
                                                 v_positions[v_ord], v_version + v_ord, v_us),
                                       'UTF8')), 'hex');
    v_hashes := v_hashes || v_hash;
  END LOOP;
  INSERT INTO novex_events(position, stream_id, version, event_id, type, schema_version, data,
                           metadata, recorded_at, content_hash, hash, prev_hash, kind, label,
                           hash_scheme, tx)
  SELECT v_positions[j.ord], p_stream, v_version + j.ord::integer, (j.e->>'event_id')::uuid,
         j.e->>'type', (j.e->>'schema_version')::integer, j.e->'data',
         (j.e->'metadata') - 'recorded_at', v_now, j.e->>'content_hash',
         v_hashes[j.ord], v_prev[j.ord], novex_stream_kind(p_stream),
         novex_stream_label(p_stream), 2, v_tx
    FROM jsonb_array_elements(p_events) WITH ORDINALITY AS j(e, ord);
  UPDATE novex_streams SET version = v_version + v_n, last_hash = v_hash, last_tx = v_tx
   WHERE stream_id = p_stream;
  -- The transactional outbox: notifications commit with the events that caused them.
  IF jsonb_array_length(p_notifications) > 0 THEN
    INSERT INTO novex_outbox(id, event_id, position, stream_id, kind, recipient, channel,
                             endpoint, subject, body, link, data)
    SELECT (n->>'id')::uuid, x.event_id, x.position, p_stream, n->>'kind', n->>'recipient',
           n->>'channel', n->>'endpoint', n->>'subject', n->>'body', n->>'link', n->'data'
      FROM jsonb_array_elements(p_notifications) AS n
      JOIN novex_events x ON x.event_id = (n->>'event_id')::uuid;
  END IF;
  RETURN QUERY SELECT v_positions[g], v_version + g::integer FROM generate_series(1, v_n) AS g;
END
$fn$;
"""


def upgrade() -> None:
    for statement in TABLES:
        op.execute(statement)
    op.execute(APPEND_FUNCTION)


def downgrade() -> None:
    op.execute(_previous_function())
    op.execute("CREATE TABLE novex_positions (id integer PRIMARY KEY, last bigint NOT NULL)")
    op.execute(
        "INSERT INTO novex_positions(id, last) SELECT 1, greatest("
        "(SELECT coalesce(max(position), 0) FROM novex_events), "
        "(SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END "
        "FROM novex_event_position))"
    )
    op.execute("DROP SEQUENCE novex_event_position")
    op.execute("DROP TABLE novex_stream_counter")
    op.execute("ALTER TABLE novex_streams DROP COLUMN registry_hash, DROP COLUMN number")
    op.execute("ALTER TABLE novex_projector_checkpoints DROP COLUMN tx")
    op.execute("ALTER TABLE novex_streams DROP COLUMN last_tx")
    op.execute("DROP INDEX novex_events_commit_order")
    op.execute("ALTER TABLE novex_events DROP COLUMN tx")


def _previous_function() -> str:
    """The append of revision 0005 (the counter row), restored on downgrade."""
    spec = util.spec_from_file_location(
        "novex_0005", Path(__file__).with_name("0005_projector_parking_and_audit.py")
    )
    assert spec is not None and spec.loader is not None
    module = util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return str(module.APPEND_FUNCTION)
