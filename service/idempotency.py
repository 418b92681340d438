"""Idempotency keys (the IETF httpapi draft's ``Idempotency-Key``): what a valid key is, the
fingerprint of a request's content, and the conflict of one key used for other content."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from store.hashing import canonical_json

KEY_PATTERN = re.compile(r"[\x20-\x7e]{1,255}")
"""Printable ASCII, 1 to 255 characters (the draft's sf-string, without its quotes)."""


class InvalidKey(ValueError):
    """A key that is no sf-string of printable ASCII (1 to 255 characters)."""


class KeyConflict(Exception):
    """The key was used before for a request with other content; nothing was done now."""

    def __init__(self, key: str, what: str) -> None:
        super().__init__(
            f"idempotency key {key!r} was used before for {what} with other content; "
            "use a new key for a new request"
        )
        self.key = key


def parse_key(raw: str | None) -> str | None:
    """A key as a client sends it: an sf-string (``"…"``), or leniently the bare text."""
    if raw is None:
        return None
    value = raw.strip()
    if len(value) >= 2 and value[0] == value[-1] == '"':
        value = value[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    if not KEY_PATTERN.fullmatch(value):
        raise InvalidKey(
            "Idempotency-Key must be a string of 1 to 255 printable ASCII characters, "
            'e.g. "8e03978e-40d5-43e8-bc93-6894a57f9324"'
        )
    return value


def fingerprint(content: Any) -> str:
    """The SHA-256 of a request's content in canonical JSON: equal content, equal print."""
    return hashlib.sha256(canonical_json(content).encode()).hexdigest()


def check_same(key: str | None, sent: str | None, answered: str | None, what: str) -> None:
    """Refuse when the answer given under ``key`` was for other content than ``sent``."""
    if key is not None and answered is not None and sent is not None and answered != sent:
        raise KeyConflict(key, what)
