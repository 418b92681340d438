"""API tokens: issued once, stored only as a hash, mapped to an actor with a role and scope."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine


@dataclass(frozen=True)
class TokenHolder:
    """Who a bearer token stands for."""

    actor: str
    role: str
    scope: str | None


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def create_token(engine: AsyncEngine, actor: str, role: str, scope: str | None) -> str:
    """Issue a token; the plain value is returned once and never stored."""
    token = "nvx_" + secrets.token_urlsafe(32)
    async with engine.begin() as conn:
        await conn.execute(
            text(
                "INSERT INTO novex_tokens(token_hash, actor, role, scope) VALUES (:h, :a, :r, :s)"
            ),
            {"h": hash_token(token), "a": actor, "r": role, "s": scope},
        )
    return token


async def lookup_token(engine: AsyncEngine, token: str) -> TokenHolder | None:
    """The holder of a token, or None when it is unknown or revoked."""
    async with engine.connect() as conn:
        row = (
            await conn.execute(
                text(
                    "SELECT actor, role, scope FROM novex_tokens "
                    "WHERE token_hash = :h AND NOT revoked"
                ),
                {"h": hash_token(token)},
            )
        ).first()
    return TokenHolder(*row) if row else None
