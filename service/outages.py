"""Which errors mean that Temporal or PostgreSQL cannot be reached (a retry later may work),
as opposed to every other error (a fault to be looked into)."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import asyncpg
from sqlalchemy import exc as sa
from temporalio.service import RPCError, RPCStatusCode

from service.context import NotConnected

TEMPORAL_DOWN = frozenset({RPCStatusCode.UNAVAILABLE})
POSTGRES_DOWN: tuple[type[BaseException], ...] = (
    ConnectionError,  # refused, reset, aborted
    socket.gaierror,  # the host name does not resolve
    asyncpg.PostgresConnectionError,
    asyncpg.CannotConnectNowError,  # starting up, shutting down
    asyncpg.AdminShutdownError,
    asyncpg.CrashShutdownError,
    asyncpg.TooManyConnectionsError,
    sa.TimeoutError,  # no connection free in the pool in time
)


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """The error, what caused it, and what a driver wrapper holds, without loops."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        current = todo.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        todo += [current.__cause__, current.__context__, getattr(current, "orig", None)]


def unreachable(exc: BaseException) -> str | None:
    """``"Temporal"`` or ``"PostgreSQL"`` when the error says that part cannot be reached."""
    for error in _chain(exc):
        if isinstance(error, NotConnected):
            return "Temporal"
        if isinstance(error, RPCError) and error.status in TEMPORAL_DOWN:
            return "Temporal"
        if isinstance(error, RuntimeError) and str(error).startswith("Failed client connect"):
            return "Temporal"
        if isinstance(error, sa.DBAPIError) and error.connection_invalidated:
            return "PostgreSQL"
        if isinstance(error, POSTGRES_DOWN):
            return "PostgreSQL"
    return None
