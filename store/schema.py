"""SQLAlchemy tables of the store, outbox, tokens and read models, as the migrations create them."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Computed,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID

metadata = MetaData()

events = Table(
    "novex_events",
    metadata,
    Column("position", BigInteger, primary_key=True, autoincrement=False),
    Column("stream_id", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("event_id", UUID(as_uuid=True), nullable=False, unique=True),
    Column("type", Text, nullable=False),
    Column("schema_version", Integer, nullable=False),
    Column("data", JSONB, nullable=False),
    Column("metadata", JSONB, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Column("content_hash", Text, nullable=False),
    Column("hash", Text, nullable=False),
    Column("prev_hash", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("label", Text),
    Column("hash_scheme", Integer, nullable=False),
    Column(
        "effective_at",
        DateTime(timezone=True),
        Computed("novex_effective_at(data)", persisted=True),
    ),
    Column(
        "tx", BigInteger, nullable=False, server_default=text("pg_current_xact_id()::text::bigint")
    ),
    UniqueConstraint("stream_id", "version", name="novex_events_stream_version"),
    Index("novex_events_recorded_at", "recorded_at"),
    Index("novex_events_run", "label", "recorded_at"),
    Index("novex_events_effective", "label", "effective_at"),
    Index("novex_events_stream_effective", "stream_id", "effective_at"),
    Index("novex_events_commit_order", "tx", "position"),
)
"""``effective_at`` is generated from the payload's ``occurred_at`` (revision 0007); ``tx`` is the
writing transaction's id (revision 0008, store/commit_order.py)."""

streams = Table(
    "novex_streams",
    metadata,
    Column("stream_id", Text, primary_key=True),
    Column("version", Integer, nullable=False),
    Column("last_hash", Text, nullable=False),
    Column("last_tx", BigInteger, nullable=False, server_default=text("0")),
    Column("number", BigInteger, nullable=False, unique=True),
    Column("registry_hash", Text, nullable=False),
)

stream_counter = Table(
    "novex_stream_counter",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("last", BigInteger, nullable=False),
)
"""The last number the registry of streams handed out (store/registry.py)."""

checkpoints = Table(
    "novex_projector_checkpoints",
    metadata,
    Column("name", Text, primary_key=True),
    Column("position", BigInteger, nullable=False),
    Column("tx", BigInteger, nullable=False, server_default=text("0")),
)


def _status_columns() -> list[Column[object]]:
    """The columns of a stream-status table (the live one and its rebuild shadow)."""
    return [
        Column("stream_id", Text, primary_key=True),
        Column("kind", Text, nullable=False),
        Column("subject", Text, nullable=False),
        Column("phase", Text, nullable=False),
        Column("version", Integer, nullable=False),
        Column("event_count", Integer, nullable=False),
        Column("last_event_type", Text, nullable=False),
        Column("last_position", BigInteger, nullable=False),
        Column("updated_at", DateTime(timezone=True), nullable=False),
        Column("summary", JSONB, nullable=False),
        Column("state", JSONB, nullable=False),
        Column("label", Text),
    ]


stream_status = Table(
    "novex_stream_status",
    metadata,
    *_status_columns(),
    Index("novex_stream_status_run", "label", "kind", "subject"),
)

stream_status_shadow = Table("novex_stream_status_shadow", metadata, *_status_columns())
"""Where a rebuild folds, aside, before it swaps the rows in (same columns as stream_status)."""

projector_parked = Table(
    "novex_projector_parked",
    metadata,
    Column("name", Text, primary_key=True),
    Column("position", BigInteger, primary_key=True, autoincrement=False),
    Column("stream_id", Text, nullable=False),
    Column("event_id", UUID(as_uuid=True), nullable=False),
    Column("type", Text, nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("error", Text, nullable=False),
    Column("blocked_by", BigInteger),
    Column(
        "parked_at",
        DateTime(timezone=True),
        nullable=False,
        server_default=text("clock_timestamp()"),
    ),
    Index("novex_projector_parked_stream", "name", "stream_id"),
)


outbox = Table(
    "novex_outbox",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("event_id", UUID(as_uuid=True), ForeignKey("novex_events.event_id"), nullable=False),
    Column("position", BigInteger, nullable=False),
    Column("stream_id", Text, nullable=False),
    Column("kind", Text, nullable=False),
    Column("recipient", Text, nullable=False),
    Column("channel", Text, nullable=False),
    Column("endpoint", Text),
    Column("subject", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("link", Text, nullable=False),
    Column("data", JSONB, nullable=False),
    Column("status", Text, nullable=False, server_default=text("'pending'")),
    Column("attempts", Integer, nullable=False, server_default=text("0")),
    Column(
        "next_attempt_at", DateTime(timezone=True), nullable=False, server_default=text("now()")
    ),
    Column("last_error", Text),
    Column(
        "created_at",
        DateTime(timezone=True),
        nullable=False,
        server_default=text("clock_timestamp()"),
    ),
    Column("delivered_at", DateTime(timezone=True)),
    Index("novex_outbox_pending", "next_attempt_at", postgresql_where=text("status = 'pending'")),
    Index("novex_outbox_status", "status", "created_at"),
)

tokens = Table(
    "novex_tokens",
    metadata,
    Column("token_hash", Text, primary_key=True),
    Column("actor", Text, nullable=False),
    Column("role", Text, nullable=False),
    Column("scope", Text),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=text("now()")),
    Column("revoked", Boolean, nullable=False, server_default=text("false")),
    Column("expires_at", DateTime(timezone=True)),
    Column("last_used_at", DateTime(timezone=True)),
    Column("revoked_at", DateTime(timezone=True)),
)

GENESIS_HASH = "0" * 64
