"""Signed anchors: a rewrite of the log with every hash recomputed passes the chains, but not the
heads an Ed25519 manifest signed earlier."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from asyncio.subprocess import PIPE, STDOUT
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from store.anchor import (
    AnchorError,
    anchor,
    generate_key,
    load_private_key,
    load_public_key,
    read_anchor,
    verify_against,
)
from store.audit import verify
from store.eventstore import EventStore
from tests.store.tampering import noted, rewrite_stream, tamper

NOVEX = str(Path(sys.executable).parent / "novex")


async def _anchored(engine: AsyncEngine, tmp_path: Path) -> tuple[Path, Path]:
    """A new key pair and a manifest of the log as it is; returns (manifest, public key)."""
    public = generate_key(tmp_path / "anchor.key")
    manifest = tmp_path / "anchor.json"
    signed = await anchor(engine, load_private_key(tmp_path / "anchor.key"))
    manifest.write_text(json.dumps(signed), encoding="utf-8")
    return manifest, public


async def test_a_full_rewrite_with_recomputed_hashes_passes_the_chains_but_not_the_anchor(
    clean_engine: AsyncEngine, quiet_store: EventStore, tmp_path: Path
) -> None:
    await noted(quiet_store, "anchor-a", 3, amount=100)
    await noted(quiet_store, "anchor-b", 2)
    manifest, public = await _anchored(clean_engine, tmp_path)
    await noted(quiet_store, "anchor-a", 2)  # the log grows after the anchor: that is fine
    signed = read_anchor(manifest, load_public_key(public))
    assert (await verify_against(clean_engine, signed)).ok

    await rewrite_stream(clean_engine, "anchor-a", 2, {"i": 1, "amount": 1_000_000})
    assert (await verify(clean_engine)).ok  # every chain, head and position is consistent
    report = await verify_against(clean_engine, signed)
    assert [(b.stream_id, b.version, b.reason) for b in report.broken] == [
        ("anchor-a", 3, "version 3 differs from the one the anchor signed")
    ]


async def test_an_anchor_notices_a_trailing_stream_removed_with_its_head_and_counter(
    clean_engine: AsyncEngine, quiet_store: EventStore, tmp_path: Path
) -> None:
    await noted(quiet_store, "anchor-kept", 2)
    await noted(quiet_store, "anchor-erased", 2)
    manifest, public = await _anchored(clean_engine, tmp_path)
    await tamper(
        clean_engine,
        "DELETE FROM novex_events WHERE stream_id = 'anchor-erased'",
        "DELETE FROM novex_streams WHERE stream_id = 'anchor-erased'",
        "SELECT setval('novex_event_position', 2)",
        "UPDATE novex_stream_counter SET last = 1",
    )
    assert (await verify(clean_engine)).ok
    report = await verify_against(clean_engine, read_anchor(manifest, load_public_key(public)))
    assert [(b.stream_id, b.reason) for b in report.broken] == [
        ("anchor-erased", "the anchor signed version 2; the store has no such event")
    ]


async def test_a_manifest_altered_or_checked_with_another_key_is_refused(
    clean_engine: AsyncEngine, quiet_store: EventStore, tmp_path: Path
) -> None:
    await noted(quiet_store, "anchor-c", 1)
    manifest, public = await _anchored(clean_engine, tmp_path)
    other = generate_key(tmp_path / "other.key")
    with pytest.raises(AnchorError, match="does not verify with this key"):
        read_anchor(manifest, load_public_key(other))
    signed = json.loads(manifest.read_text(encoding="utf-8"))
    signed["manifest"]["streams"]["anchor-c"]["hash"] = "0" * 64
    manifest.write_text(json.dumps(signed), encoding="utf-8")
    with pytest.raises(AnchorError, match="does not verify with this key"):
        read_anchor(manifest, load_public_key(public))
    with pytest.raises(AnchorError, match="not overwriting"):
        generate_key(tmp_path / "other.key")


async def test_a_broken_log_is_not_anchored(
    clean_engine: AsyncEngine, quiet_store: EventStore, tmp_path: Path
) -> None:
    await noted(quiet_store, "anchor-d", 2)
    await tamper(clean_engine, "UPDATE novex_events SET data = '{}' WHERE position = 1")
    with pytest.raises(AnchorError, match="does not verify"):
        await _anchored(clean_engine, tmp_path)


async def test_the_audit_commands_make_a_key_anchor_the_log_and_catch_a_rewrite(
    clean_engine: AsyncEngine, quiet_store: EventStore, quiet_database_url: str, tmp_path: Path
) -> None:
    await noted(quiet_store, "anchor-cli", 2)
    key, manifest = tmp_path / "audit.key", tmp_path / "anchor.json"
    env = {**os.environ, "NOVEX_DATABASE_URL": quiet_database_url, "NOVEX_AUDIT_KEY": str(key)}

    async def novex(*args: str) -> tuple[int, str]:
        process = await asyncio.create_subprocess_exec(
            NOVEX, "audit", *args, env=env, cwd=tmp_path, stdout=PIPE, stderr=STDOUT
        )
        said, _ = await process.communicate()
        return await process.wait(), said.decode()

    assert (await novex("keygen", str(key)))[0] == 0
    code, said = await novex("anchor", "--output", str(manifest))
    assert code == 0 and "up to position 2" in said
    code, said = await novex("verify", "--against", str(manifest))
    assert code == 0 and "holds" in said

    await rewrite_stream(clean_engine, "anchor-cli", 1, {"i": 99})
    code, said = await novex("verify", "--against", str(manifest), "--public-key", f"{key}.pub")
    assert code == 1 and "differs from the one the anchor signed" in said
