"""API tokens: issued once, stored only as a hash, mapped to an actor with a role and scope;
they may expire, can be listed (by a short id, the start of their hash) and revoked, and say
when they were last used."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

ID_LENGTH = 12
"""A token is known by the first this many hex digits of its hash (its id)."""

LAST_USE_EVERY_SECONDS = 60
"""A token's last use is written at most this often (a busy token costs no write per request)."""


@dataclass(frozen=True)
class TokenHolder:
    """Who a bearer token stands for."""

    actor: str
    role: str
    scope: str | None


@dataclass(frozen=True)
class TokenInfo:
    """A token as `novex token list` shows it: never its value, only its id."""

    id: str
    actor: str
    role: str
    scope: str | None
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None
    revoked_at: datetime | None
    revoked: bool


class UnknownToken(LookupError):
    """No token, or more than one, has the id given; the message says which."""


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def create_token(
    engine: AsyncEngine,
    actor: str,
    role: str,
    scope: str | None,
    expires_at: datetime | None = None,
) -> str:
    """Issue a token (valid until ``expires_at``, or until revoked); the plain value is
    returned once and never stored."""
    token = "nvx_" + secrets.token_urlsafe(32)
    async with engine.begin() as conn:
        await conn.execute(
            text(
                "INSERT INTO novex_tokens(token_hash, actor, role, scope, expires_at) "
                "VALUES (:h, :a, :r, :s, :e)"
            ),
            {"h": hash_token(token), "a": actor, "r": role, "s": scope, "e": expires_at},
        )
    return token


def token_id(token: str) -> str:
    """The id a token is listed and revoked by."""
    return hash_token(token)[:ID_LENGTH]


async def lookup_token(engine: AsyncEngine, token: str) -> TokenHolder | None:
    """The holder of a token, or None when it is unknown, revoked or expired; its last use is
    noted (at most once a minute)."""
    digest = hash_token(token)
    async with engine.connect() as conn:
        row = (
            await conn.execute(
                text(
                    "SELECT actor, role, scope, last_used_at IS NULL OR last_used_at < "
                    f"now() - interval '{LAST_USE_EVERY_SECONDS} seconds' AS stale "
                    "FROM novex_tokens WHERE token_hash = :h AND NOT revoked "
                    "AND (expires_at IS NULL OR expires_at > now())"
                ),
                {"h": digest},
            )
        ).first()
        if row is None:
            return None
        if row.stale:
            await conn.execute(
                text("UPDATE novex_tokens SET last_used_at = now() WHERE token_hash = :h"),
                {"h": digest},
            )
            await conn.commit()
    return TokenHolder(row.actor, row.role, row.scope)


COLUMNS = (
    f"left(token_hash, {ID_LENGTH}) AS id, actor, role, scope, created_at, expires_at, "
    "last_used_at, revoked_at, revoked"
)


async def list_tokens(engine: AsyncEngine, everything: bool = False) -> list[TokenInfo]:
    """Tokens that still work (with ``everything``: revoked and expired ones too), oldest
    first."""
    where = "" if everything else "WHERE NOT revoked AND (expires_at IS NULL OR expires_at > now())"
    async with engine.connect() as conn:
        rows = await conn.execute(
            text(f"SELECT {COLUMNS} FROM novex_tokens {where} ORDER BY created_at, token_hash")
        )
        return [TokenInfo(**row._mapping) for row in rows]


async def revoke_token(engine: AsyncEngine, id_prefix: str) -> TokenInfo:
    """Revoke the one token whose id starts with ``id_prefix`` (at least 6 characters)."""
    prefix = id_prefix.strip().lower()
    if len(prefix) < 6 or any(c not in "0123456789abcdef" for c in prefix):
        raise UnknownToken(
            f"a token id is 6 or more hex digits as `novex token list` shows it, not {id_prefix!r}"
        )
    async with engine.begin() as conn:
        found = (
            await conn.execute(
                text("SELECT token_hash FROM novex_tokens WHERE token_hash LIKE :p"),
                {"p": prefix + "%"},
            )
        ).all()
        if len(found) != 1:
            what = "no token" if not found else f"{len(found)} tokens"
            raise UnknownToken(f"{what} with id {id_prefix!r}; give more of it")
        row = (
            await conn.execute(
                text(
                    "UPDATE novex_tokens SET revoked = true, "
                    "revoked_at = coalesce(revoked_at, now()) WHERE token_hash = :h "
                    f"RETURNING {COLUMNS}"
                ),
                {"h": found[0].token_hash},
            )
        ).one()
    return TokenInfo(**row._mapping)
