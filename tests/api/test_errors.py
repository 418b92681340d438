"""Honest errors: a fault is a 500 problem whose error id is also in the log; a 503 with
Retry-After only when Temporal or PostgreSQL cannot be reached."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, timedelta

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from structlog.testing import capture_logs
from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.service import RPCError, RPCStatusCode

from config.settings import Settings
from service import queries
from service.context import Services
from service.outages import unreachable
from service.rehearsal import catalog_due_from
from tests.api.conftest import Api, open_api
from tests.e2e.conftest import free_port
from web.app import create_app

PROBLEM = "application/problem+json"
DRAFT = {"type": "SubmitDraft", "actor": "x", "checkpoint": 1, "document_ref": "d", "summary": "s"}


async def test_a_fault_is_a_500_problem_whose_error_id_is_in_the_log(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("summary")  # a bug, not an outage

    monkeypatch.setattr(queries, "status_page", broken)  # what /api/status reads
    with capture_logs() as logs:
        response = await api.http.get("/api/status", headers=api.auth("viewer"))
    assert response.status_code == 500 and response.headers["content-type"] == PROBLEM
    problem = response.json()
    assert "Retry-After" not in response.headers
    assert problem["title"] == "Internal Server Error" and "KeyError" in problem["detail"]
    logged = [e for e in logs if e.get("error_id") == problem["error_id"]]
    assert len(logged) == 1 and problem["error_id"] in problem["detail"]
    assert logged[0]["log_level"] == "error" and logged[0]["path"] == "/api/status"
    assert isinstance(logged[0]["exc_info"], KeyError)


@pytest.fixture
async def unreachable_database() -> AsyncIterator[AsyncEngine]:
    engine = create_async_engine(f"postgresql+asyncpg://postgres@127.0.0.1:{free_port()}/novex")
    yield engine
    await engine.dispose()


async def test_postgresql_out_of_reach_is_a_503_with_retry_after(
    unreachable_database: AsyncEngine,
) -> None:
    catalog = catalog_due_from(date.today() + timedelta(days=365))
    services = Services(unreachable_database, None, catalog, Settings())
    transport = httpx.ASGITransport(app=create_app(services), raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://novex.test") as http:
        response = await http.get("/api/status", headers={"Authorization": "Bearer nvx_any"})
    assert response.status_code == 503 and response.headers["content-type"] == PROBLEM
    assert int(response.headers["Retry-After"]) > 0
    assert "PostgreSQL cannot be reached" in response.json()["detail"]
    await services.close()


async def test_temporal_out_of_reach_is_a_503_with_retry_after(engine: AsyncEngine) -> None:
    nowhere = await Client.connect(
        f"127.0.0.1:{free_port()}", data_converter=pydantic_data_converter, lazy=True
    )
    async with open_api(engine, nowhere, "novex-nowhere") as api:
        response = await api.http.post(
            "/api/provinces/GE/commands", json=DRAFT, headers=api.auth("coordinator")
        )
    assert response.status_code == 503 and int(response.headers["Retry-After"]) > 0
    assert "Temporal cannot be reached" in response.json()["detail"]


def test_an_unavailable_temporal_server_counts_as_out_of_reach_and_a_refusal_does_not() -> None:
    down = RPCError("tcp connect error", RPCStatusCode.UNAVAILABLE, b"")
    assert unreachable(down) == "Temporal"
    wrapped = RuntimeError("update failed")
    wrapped.__cause__ = down
    assert unreachable(wrapped) == "Temporal"
    assert unreachable(RPCError("bad", RPCStatusCode.INVALID_ARGUMENT, b"")) is None
    assert unreachable(ConnectionRefusedError(111, "refused")) == "PostgreSQL"
    assert unreachable(KeyError("summary")) is None
