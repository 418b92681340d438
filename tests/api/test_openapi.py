"""schemathesis over the OpenAPI of a real `novex api` server: no input produces a 5xx.

schemathesis makes blocking requests; they run in a thread so that the session's event loop, and
with it the Temporal worker that serves the API's updates, keeps running.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from temporalio.testing import WorkflowEnvironment

from tests.e2e.conftest import free_port, run

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = 25


@pytest.fixture(scope="module")
async def server(
    database_url: str, temporal_env: WorkflowEnvironment, worker_queue: str
) -> AsyncIterator[tuple[str, str]]:
    """`novex api` in a subprocess on the test database and dev server; yields URL and token."""
    address = temporal_env.client.service_client.config.target_host
    port = free_port()
    env = {
        **os.environ,
        "NOVEX_DATABASE_URL": database_url,
        "NOVEX_TEMPORAL_ADDRESS": address,
        "NOVEX_TASK_QUEUE": worker_queue,
        "NOVEX_LABEL": "api" + secrets.token_hex(2),
        "NOVEX_API_PORT": str(port),
        "NOVEX_LOG_LEVEL": "WARNING",
    }
    novex = str(Path(sys.executable).parent / "novex")
    created = await run(
        novex, "token", "create", "--actor", "schemathesis", "--role", "coordinator",
        env=env, cwd=str(ROOT),
    )  # fmt: skip
    assert created.returncode == 0, created.stderr
    token = created.stdout.strip().splitlines()[-1]
    process = await asyncio.create_subprocess_exec(novex, "api", env=env, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    async with httpx.AsyncClient(timeout=1) as http:
        for _ in range(200):
            try:
                if (await http.get(f"{base}/api/health")).status_code == 200:
                    break
            except httpx.HTTPError:
                await asyncio.sleep(0.1)
    yield base, token
    process.terminate()
    await asyncio.wait_for(process.wait(), timeout=20)


def _exercise_every_operation(base: str, token: str) -> dict[str, set[int]]:
    """Generated valid and invalid input for every operation; status codes seen per operation."""
    schema = schemathesis.openapi.from_url(f"{base}/openapi.json")
    headers = {"Authorization": f"Bearer {token}"}
    seen: dict[str, set[int]] = {}

    def checker(label: str, strategy: Any) -> Any:
        @given(case=strategy)
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        def check(case: schemathesis.Case) -> None:
            response = case.call(base_url=base, headers=headers, timeout=30)
            seen.setdefault(label, set()).add(response.status_code)
            assert response.status_code < 500, f"{label}: {response.status_code} {response.text}"
            if response.status_code >= 400:
                content_type = response.headers.get("content-type", [""])
                assert content_type[0].startswith("application/problem+json"), (
                    label,
                    response.text,
                )

        return check

    labels = []
    for result in schema.get_all_operations():
        operation = result.ok()  # type: ignore[union-attr]
        labels.append(operation.label)
        checker(operation.label, operation.as_strategy())()
    assert set(seen) == set(labels), f"never exercised: {sorted(set(labels) - set(seen))}"
    return seen


async def test_no_input_produces_a_server_error(server: tuple[str, str]) -> None:
    """Every operation, with generated valid and invalid input: never a 5xx, errors as problems."""
    base, token = server
    async with httpx.AsyncClient() as http:
        operations = (await http.get(f"{base}/openapi.json")).json()["paths"]
    seen = await asyncio.to_thread(_exercise_every_operation, base, token)
    expected = sum(
        1
        for item in operations.values()
        for verb in item
        if verb in {"get", "post", "put", "delete", "patch"}
    )
    assert len(seen) == expected  # every operation of the API was exercised
