"""schemathesis over the OpenAPI of a real `novex api` server: no input produces a 5xx."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = 25


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def server(database_url: str, temporal_env: object, worker_queue: str) -> Iterator[tuple[str, str]]:
    """`novex api` in a subprocess on the test database and dev server; yields URL and token."""
    address = temporal_env.client.service_client.config.target_host  # type: ignore[attr-defined]
    port = _free_port()
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
    token = (
        subprocess.run(
            [novex, "token", "create", "--actor", "schemathesis", "--role", "coordinator"],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    process = subprocess.Popen([novex, "api"], env=env, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            if httpx.get(f"{base}/api/health", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.1)
    yield base, token
    process.terminate()
    process.wait(timeout=20)


def test_no_input_produces_a_server_error(server: tuple[str, str]) -> None:
    """Every operation, with generated valid and invalid input: never a 5xx, errors as problems."""
    base, token = server
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

    for result in schema.get_all_operations():
        operation = result.ok()  # type: ignore[union-attr]
        checker(operation.label, operation.as_strategy())()
    assert len(seen) >= 10  # every operation of the API was exercised
