"""The append's SQL: one prepared statement for one event at its expected version, the
``novex_append`` function (migration 0008) for everything else."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from store.hashing import canonical_json, content_hash

if TYPE_CHECKING:
    from store.eventstore import NewEvent

_MANY = """
  SELECT * FROM unnest($1::text[], $2::integer[], $3::uuid[], $4::text[], $5::integer[],
                       $6::text[], $7::jsonb[], $8::jsonb[])
    AS g(stream_id, expected, event_id, type, schema_version, content_hash, data, metadata)"""
_ONE = """
  SELECT $1::text AS stream_id, $2::integer AS expected, $3::uuid AS event_id, $4::text AS type,
         $5::integer AS schema_version, $6::text AS content_hash, $7::jsonb AS data,
         $8::jsonb AS metadata"""
_GROUP_HEAD = """
WITH given AS (%s
), now AS MATERIALIZED (
  SELECT clock_timestamp() AS recorded_at, pg_current_xact_id()::text::bigint AS tx
), heads AS MATERIALIZED (
  SELECT g.*, h.last_hash AS prev, h.last_tx
    FROM given g JOIN novex_streams h ON h.stream_id = g.stream_id AND h.version = g.expected
   WHERE NOT EXISTS (SELECT FROM novex_events x WHERE x.event_id = g.event_id)
     FOR UPDATE OF h SKIP LOCKED
), numbered AS MATERIALIZED (
  SELECT heads.*, nextval('novex_event_position') AS position, now.recorded_at, now.tx
    FROM heads, now WHERE now.tx >= heads.last_tx
), moved AS (
  UPDATE novex_streams s
     SET version = n.expected + 1, last_tx = n.tx,
         last_hash = encode(sha256(convert_to(concat_ws('|', '2', n.prev, n.content_hash,
                                                        n.position, n.expected + 1,
                                                        (extract(epoch FROM n.recorded_at)
                                                         * 1000000)::bigint),
                                              'UTF8')), 'hex')
    FROM numbered n WHERE s.stream_id = n.stream_id AND s.version = n.expected
  RETURNING n.*, s.last_hash AS hash
), event AS (
  INSERT INTO novex_events(position, stream_id, version, event_id, type, schema_version, data,
                           metadata, recorded_at, content_hash, hash, prev_hash, kind, label,
                           hash_scheme, tx)
  SELECT position, stream_id, expected + 1, event_id, type, schema_version, data,
         metadata, recorded_at, content_hash, hash, prev,
         split_part(split_part(stream_id, '.', 1), '-', 1),
         CASE WHEN strpos(stream_id, '.') > 0 THEN substr(stream_id, strpos(stream_id, '.') + 1)
         END, 2, tx
    FROM moved
)"""
_GROUP_OUTBOX = """, outbox AS (
  INSERT INTO novex_outbox(id, event_id, position, stream_id, kind, recipient, channel, endpoint,
                           subject, body, link, data)
  SELECT (n->>'id')::uuid, m.event_id, m.position, m.stream_id, n->>'kind', n->>'recipient',
         n->>'channel', n->>'endpoint', n->>'subject', n->>'body', n->>'link', n->'data'
    FROM moved m JOIN jsonb_array_elements($9::jsonb) AS n ON (n->>'event_id')::uuid = m.event_id
)"""
_GROUP_TAIL = "\nSELECT event_id, position, expected + 1 AS version FROM moved"

GROUP = (_GROUP_HEAD % _MANY) + _GROUP_TAIL
"""Single events, each appended at its expected version to a stream of its own, in one statement
and one transaction (store.group_append sends them; it never puts two appends to one stream or
two with one event id in a group). For each: take the stream's head at that version and lock it
(none: the stream is elsewhere, new, the id is stored already, or another writer holds the head:
a group never waits for a head), take a position only then (a refused append leaves no hole),
chain the hash (scheme 2, as ``novex_append`` and ``store.hashing.chain_hash_v2``), move the head
and insert the event. It returns a row for each event that landed; the caller asks
``novex_append`` about any other, which waits for the head and tells a retry from a conflict. No
lock is shared between streams; the one wait left is on an event id another open transaction is
inserting (a retry racing its first try), which ends with that transaction. The data and
metadata are parsed as JSON when bound, before anything runs, so a payload the server cannot
store takes no position either. The metadata goes in as the store builds it (``EventMetadata``
has no ``recorded_at`` to strip, which ``novex_append`` does for callers of old). Kind and label
are read from the stream id as novex_stream_kind and novex_stream_label (migration 0004) read
them, written out: a call of either costs as much as the insert. Its parameters are arrays, one
element per event: stream, expected version, event id, type, schema version, content hash, data
and metadata (JSON)."""

GROUP_WITH_NOTIFICATIONS = (_GROUP_HEAD % _MANY) + _GROUP_OUTBOX + _GROUP_TAIL
"""``GROUP`` and the events' notifications (a ninth parameter: a JSON array of outbox rows, each
naming its ``event_id``), in the same transaction. Kept apart: an insert the statement holds costs
its opening even when it writes no row."""

ONE = (_GROUP_HEAD % _ONE) + _GROUP_TAIL
"""``GROUP`` for one event, its parameters single values (no arrays to unpack: the common case of
a lone writer)."""

ONE_WITH_NOTIFICATIONS = (_GROUP_HEAD % _ONE) + _GROUP_OUTBOX + _GROUP_TAIL
"""``ONE`` and its notifications."""


FUNCTION = "SELECT out_position, out_version FROM novex_append($1, $2, $3::jsonb, $4::jsonb)"
"""Any append: a new stream, a batch, no expected version, a retry, a refusal (NX001, NX002) or
a transaction that began before the stream's last append committed (40001: try again)."""


@dataclass(frozen=True)
class Encoded:
    """One event as the append sends it: its data serialized once, its content hash."""

    event: NewEvent
    data_json: str
    digest: str

    @classmethod
    def of(cls, stream_id: str, event: NewEvent, meta: dict[str, Any]) -> Encoded:
        data_json = canonical_json(event.data)
        digest = content_hash(
            stream_id, str(event.event_id), event.type, event.schema_version, data_json, meta
        )
        return cls(event, data_json, digest)

    def json(self, meta: dict[str, Any]) -> str:
        """The event as the JSON ``novex_append`` takes."""
        head = canonical_json(
            {
                "event_id": str(self.event.event_id),
                "type": self.event.type,
                "schema_version": self.event.schema_version,
                "metadata": meta,
                "content_hash": self.digest,
            }
        )
        return f'{head[:-1]},"data":{self.data_json}}}'


def encode_event(stream_id: str, event: NewEvent, meta: dict[str, Any]) -> str:
    """One event as the JSON the append function takes; its data is serialized only once."""
    return Encoded.of(stream_id, event, meta).json(meta)
