"""API tokens: an expired or revoked one stops working at once, a token list shows ids and last
use (never a value), and revoking needs an id that names one token."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from store.tokens import (
    UnknownToken,
    create_token,
    list_tokens,
    lookup_token,
    revoke_token,
    token_id,
)


async def test_an_expired_token_is_refused_and_left_out_of_the_list(
    clean_engine: AsyncEngine,
) -> None:
    past = datetime.now(UTC) - timedelta(minutes=1)
    expired = await create_token(clean_engine, "oud", "viewer", None, past)
    valid = await create_token(clean_engine, "nieuw", "viewer", None, past + timedelta(days=2))
    assert await lookup_token(clean_engine, expired) is None
    assert (await lookup_token(clean_engine, valid)) is not None
    assert [t.actor for t in await list_tokens(clean_engine)] == ["nieuw"]
    assert {t.actor for t in await list_tokens(clean_engine, everything=True)} == {"oud", "nieuw"}


async def test_a_token_says_when_it_was_last_used_and_its_list_shows_no_value(
    clean_engine: AsyncEngine,
) -> None:
    token = await create_token(clean_engine, "pers", "viewer", None)
    [before] = await list_tokens(clean_engine)
    assert before.last_used_at is None and before.id == token_id(token)
    await lookup_token(clean_engine, token)
    [after] = await list_tokens(clean_engine)
    assert after.last_used_at is not None
    assert token not in repr(after)


async def test_a_revoked_token_stops_working_at_once(clean_engine: AsyncEngine) -> None:
    token = await create_token(clean_engine, "accountteam", "reviewer", "rijk-accountteam")
    revoked = await revoke_token(clean_engine, token_id(token)[:8])
    assert revoked.revoked and revoked.revoked_at is not None
    assert await lookup_token(clean_engine, token) is None
    assert await list_tokens(clean_engine) == []


async def test_revoking_needs_an_id_that_names_exactly_one_token(clean_engine: AsyncEngine) -> None:
    await create_token(clean_engine, "a", "viewer", None)
    with pytest.raises(UnknownToken, match="6 or more hex digits"):
        await revoke_token(clean_engine, "abc")
    with pytest.raises(UnknownToken, match="no token with id"):
        await revoke_token(clean_engine, "ffffffffffff")
    async with clean_engine.begin() as conn:  # two tokens whose ids begin alike
        for suffix in ("1", "2"):
            await conn.execute(
                text(
                    "INSERT INTO novex_tokens(token_hash, actor, role) "
                    "VALUES ('abcdef00000' || :s, 'x', 'viewer')"
                ),
                {"s": suffix},
            )
    with pytest.raises(UnknownToken, match="2 tokens with id"):
        await revoke_token(clean_engine, "abcdef")
