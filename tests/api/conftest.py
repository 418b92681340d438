"""The HTTP API in-process (ASGI) over the real database and the real Temporal dev server."""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment

from config.catalog_file import load_catalog
from config.settings import Settings
from domain.catalog.model import Catalog
from service.context import Services
from service.rehearsal import catalog_due_from
from store.tokens import create_token
from web.app import create_app


@dataclass
class Api:
    """An app under test, its HTTP client and a token per role."""

    app: FastAPI
    http: httpx.AsyncClient
    services: Services
    tokens: dict[str, str]

    def auth(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[who]}"}


TOKENS = {
    "coordinator": ("regieteam", "coordinator", None),
    "province_ge": ("gs-gelderland", "province_official", "GE"),
    "province_zh": ("gs-zuid-holland", "province_official", "ZH"),
    "rijk": ("bzk", "rijk_official", None),
    "reviewer": ("accountteam", "reviewer", "rijk-accountteam"),
    "duo": ("ambtenaar-ge", "duo_member", "accountmanager-ge"),
    "signatory_ge": ("gedeputeerde-ge", "signatory", "gedeputeerde-ge"),
    "minister": ("minister-vro", "signatory", "minister-vro"),
    "viewer": ("pers", "viewer", None),
}


@contextlib.asynccontextmanager
async def open_api(
    engine: AsyncEngine, client: Client | None, queue: str, catalog: Catalog | None = None
) -> AsyncIterator[Api]:
    """The app over these services under a label of its own, with a token per role; a fault
    in the app answers as the server would (a 500 problem), it is not raised into the test.
    The catalog's deadlines lie a year ahead unless another catalog is given."""
    settings = Settings(task_queue=queue)
    catalog = catalog or catalog_due_from(date.today() + timedelta(days=365))
    services = Services(engine, client, catalog, settings, label=secrets.token_hex(3))
    app = create_app(services)
    tokens = {name: await create_token(engine, *spec) for name, spec in TOKENS.items()}
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://novex.test") as http:
        yield Api(app, http, services, tokens)
    await services.close()


@pytest.fixture
async def api(
    engine: AsyncEngine, temporal_env: WorkflowEnvironment, worker_queue: str
) -> AsyncIterator[Api]:
    async with open_api(engine, temporal_env.client, worker_queue) as opened:
        yield opened


@pytest.fixture
async def shipped(
    engine: AsyncEngine, temporal_env: WorkflowEnvironment, worker_queue: str
) -> AsyncIterator[Api]:
    """The API over the shipped catalog (its planned dates lie in 2023)."""
    async with open_api(engine, temporal_env.client, worker_queue, load_catalog()) as opened:
        yield opened


EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "history.yaml"
"""The documented, fictional example history."""


async def import_history(api: Api, name: str, content: str, who: str = "coordinator") -> Any:
    """A history file imported over HTTP (200 expected): the answer per process."""
    answer = await api.http.post(
        "/api/history/import", json={"name": name, "content": content}, headers=api.auth(who)
    )
    assert answer.status_code == 200, answer.text
    return answer.json()
