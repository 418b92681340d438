"""SQLAlchemy tables of the event store and the read models (the migration creates them)."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Integer,
    MetaData,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID

metadata = MetaData()

events = Table(
    "novex_events",
    metadata,
    Column("position", BigInteger, primary_key=True),
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
    UniqueConstraint("stream_id", "version", name="novex_events_stream_version"),
)

streams = Table(
    "novex_streams",
    metadata,
    Column("stream_id", Text, primary_key=True),
    Column("version", Integer, nullable=False),
    Column("last_hash", Text, nullable=False),
)

positions = Table(
    "novex_positions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("last", BigInteger, nullable=False),
)

checkpoints = Table(
    "novex_projector_checkpoints",
    metadata,
    Column("name", Text, primary_key=True),
    Column("position", BigInteger, nullable=False),
)

stream_status = Table(
    "novex_stream_status",
    metadata,
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
)

GENESIS_HASH = "0" * 64
