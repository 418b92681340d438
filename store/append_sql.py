"""The append's SQL: one prepared statement for one event at its expected version, the
``novex_append`` function (migration 0008) for everything else."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from store.hashing import canonical_json, content_hash

if TYPE_CHECKING:
    from store.eventstore import NewEvent

ONE_EVENT = """
WITH head AS (
  SELECT version, last_hash, last_tx FROM novex_streams
   WHERE stream_id = $1 AND version = $2
     AND NOT EXISTS (SELECT FROM novex_events WHERE event_id = $3)
     FOR UPDATE
), numbered AS (
  SELECT version + 1 AS version, last_hash AS prev, nextval('novex_event_position') AS position,
         clock_timestamp() AS recorded_at, pg_current_xact_id()::text::bigint AS tx
    FROM head WHERE pg_current_xact_id()::text::bigint >= last_tx
), linked AS (
  SELECT *, encode(sha256(convert_to(concat_ws('|', '2', prev, $6::text, position, version,
                                               (extract(epoch FROM recorded_at) * 1000000)::bigint),
                                     'UTF8')), 'hex') AS hash
    FROM numbered
), event AS (
  INSERT INTO novex_events(position, stream_id, version, event_id, type, schema_version, data,
                           metadata, recorded_at, content_hash, hash, prev_hash, kind, label,
                           hash_scheme, tx)
  SELECT position, $1, version, $3, $4, $5, $7::jsonb, $8::jsonb - 'recorded_at', recorded_at,
         $6, hash, prev, split_part(split_part($1, '.', 1), '-', 1),
         CASE WHEN strpos($1, '.') > 0 THEN substr($1, strpos($1, '.') + 1) END, 2, tx
    FROM linked
), head_moved AS (
  UPDATE novex_streams s SET version = l.version, last_hash = l.hash, last_tx = l.tx
    FROM linked l WHERE s.stream_id = $1
), outbox AS (
  INSERT INTO novex_outbox(id, event_id, position, stream_id, kind, recipient, channel, endpoint,
                           subject, body, link, data)
  SELECT (n->>'id')::uuid, $3, l.position, $1, n->>'kind', n->>'recipient', n->>'channel',
         n->>'endpoint', n->>'subject', n->>'body', n->>'link', n->'data'
    FROM linked l, jsonb_array_elements($9::jsonb) AS n
   WHERE (n->>'event_id')::uuid = $3
)
SELECT position, version FROM linked
"""
"""One event appended at its expected version, in one statement and one round trip: lock the
stream's head row at that version (no row: the stream is elsewhere, new, or the id is stored
already), take a position only then, chain the hash (scheme 2, as ``novex_append`` and
``store.hashing.chain_hash_v2``), insert the event and its notifications, move the head. It
returns no row when any of that does not hold, and the caller asks ``novex_append``, which
tells a retry from a conflict. Kind and label are read from the stream id as novex_stream_kind
and novex_stream_label (migration 0004) read them, written out: a call of either costs as much as
the insert. Its parameters: stream, expected version, event id, type, schema
version, content hash, data and metadata (JSON), notifications (a JSON array)."""

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
