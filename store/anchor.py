"""Signed head manifests (Ed25519): what the log's heads were, so that a later rewrite of the
whole log, hashes recomputed, still shows."""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from sqlalchemy.ext.asyncio import AsyncEngine

from store.audit import AuditReport, Head, verify
from store.hashing import canonical_json

FORMAT = "novex-audit-anchor/1"


class AnchorError(Exception):
    """A key or manifest that cannot be used, or a log that may not be anchored."""


@dataclass(frozen=True)
class Anchor:
    """A verified manifest: when it was made, up to which position, and the heads it signed."""

    created_at: str
    last_position: int
    streams: dict[str, Head]


def generate_key(path: Path) -> Path:
    """Write a new private key (PEM, readable by its owner only) and its public key beside it
    (``.pub``); returns the public key's path. An existing key is never overwritten."""
    public_path = path.with_name(path.name + ".pub")
    if path.exists() or public_path.exists():
        raise AnchorError(f"{path} or {public_path.name} already exists; not overwriting a key")
    key = Ed25519PrivateKey.generate()
    private_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(private_pem)
    public_path.write_bytes(
        key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    return public_path


def load_private_key(path: Path) -> Ed25519PrivateKey:
    """The Ed25519 private key in a PEM file."""
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as exc:
        raise AnchorError(f"cannot read the private key {path}: {exc}") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise AnchorError(f"{path} is not an Ed25519 private key")
    return key


def load_public_key(path: Path) -> Ed25519PublicKey:
    """The Ed25519 public key in a PEM file, or the public half of a private key file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise AnchorError(f"cannot read the key {path}: {exc}") from exc
    if b"PRIVATE KEY" in data:
        return load_private_key(path).public_key()
    try:
        key = serialization.load_pem_public_key(data)
    except ValueError as exc:
        raise AnchorError(f"cannot read the public key {path}: {exc}") from exc
    if not isinstance(key, Ed25519PublicKey):
        raise AnchorError(f"{path} is not an Ed25519 public key")
    return key


def key_id(key: Ed25519PublicKey) -> str:
    """A short name of a public key, written into manifests it signed."""
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def manifest_of(report: AuditReport, key: Ed25519PrivateKey) -> dict[str, Any]:
    """The signed manifest of a verified log: every stream's head and the last position."""
    if not report.ok:
        raise AnchorError("the log does not verify; a broken log is not anchored")
    body = {
        "format": FORMAT,
        "created_at": datetime.now(UTC).isoformat(),
        "last_position": report.last_position,
        "events": report.events,
        "streams": {
            s: {"version": h.version, "hash": h.hash} for s, h in sorted(report.tails.items())
        },
    }
    signature = key.sign(canonical_json(body).encode())
    return {
        "manifest": body,
        "key_id": key_id(key.public_key()),
        "signature": base64.b64encode(signature).decode(),
    }


async def anchor(engine: AsyncEngine, key: Ed25519PrivateKey) -> dict[str, Any]:
    """Verify the whole log and sign its heads."""
    return manifest_of(await verify(engine), key)


def read_anchor(path: Path, key: Ed25519PublicKey) -> Anchor:
    """A manifest file whose signature this key verifies; anything else is refused."""
    try:
        signed = json.loads(path.read_text(encoding="utf-8"))
        body, signature = signed["manifest"], base64.b64decode(signed["signature"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise AnchorError(f"{path} is not a novex anchor manifest: {exc}") from exc
    try:
        key.verify(signature, canonical_json(body).encode())
    except InvalidSignature:
        raise AnchorError(
            f"the signature of {path} does not verify with this key (altered, or another key)"
        ) from None
    if body.get("format") != FORMAT:
        raise AnchorError(f"{path}: unknown manifest format {body.get('format')!r}")
    streams = {s: Head(int(h["version"]), str(h["hash"])) for s, h in body["streams"].items()}
    return Anchor(str(body["created_at"]), int(body["last_position"]), streams)


async def verify_against(
    engine: AsyncEngine, manifest: Anchor, stream_id: str | None = None
) -> AuditReport:
    """Verify the log, and that every head the manifest signed is still there unchanged."""
    return await verify(engine, stream_id, manifest.streams)
