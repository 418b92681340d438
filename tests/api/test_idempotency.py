"""Idempotent requests through the real API and real workers: the same key and body get the first
answer again and record nothing twice — also after the worker was stopped and another started,
and across a continue-as-new; the same key with another body is a 422 problem."""

from __future__ import annotations

import asyncio
import secrets
import uuid
from datetime import timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.api.common.v1 import WorkflowExecution
from temporalio.api.enums.v1 import UpdateWorkflowExecutionLifecycleStage
from temporalio.api.update.v1 import UpdateRef, WaitPolicy
from temporalio.api.workflowservice.v1 import PollWorkflowExecutionUpdateRequest
from temporalio.client import Client
from temporalio.service import RPCError, RPCStatusCode
from temporalio.testing import WorkflowEnvironment

from domain.province import commands as cmd
from service.rehearsal import Journey, start_recorded
from store.eventstore import EventStore
from tests.api.conftest import Api, open_api
from worker import build_worker

PROBLEM = "application/problem+json"
STAGE = UpdateWorkflowExecutionLifecycleStage
ADMITTED = STAGE.UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_ADMITTED
DRAFT = {"type": "SubmitDraft", "actor": "x", "checkpoint": 1, "document_ref": "d1", "summary": "s"}


def keyed(api: Api, who: str, key: str) -> dict[str, str]:
    return {**api.auth(who), "Idempotency-Key": f'"{key}"'}


async def _start(api: Api, code: str) -> None:
    body = {"provinces": [code], "areas": []}
    started = await api.http.post(
        "/api/programme/start", json=body, headers=api.auth("coordinator")
    )
    assert started.json()["provinces"] == {code: "started"}, started.text


async def _command(api: Api, code: str, body: dict[str, Any], key: str) -> Any:
    return await api.http.post(
        f"/api/provinces/{code}/commands", json=body, headers=keyed(api, "coordinator", key)
    )


async def _recorded(api: Api, code: str, event_type: str) -> list[dict[str, Any]]:
    stored = await api.services.store.read_stream(api.services.province_stream(code))
    return [e.metadata for e in stored if e.type == event_type]


async def test_a_retry_with_the_same_key_and_body_gets_the_first_answer_and_records_once(
    api: Api,
) -> None:
    await _start(api, "GE")
    key = str(uuid.uuid4())
    first = await _command(api, "GE", DRAFT, key)
    assert first.status_code == 200, first.text
    bare = {**api.auth("coordinator"), "Idempotency-Key": key}  # bare text, no sf-string
    again = await api.http.post("/api/provinces/GE/commands", json=DRAFT, headers=bare)
    assert again.status_code == 200 and again.json() == first.json()
    drafts = await _recorded(api, "GE", "DraftSubmitted")
    assert len(drafts) == 1 and drafts[0]["idempotency_key"] == key
    assert drafts[0]["fingerprint"] == first.json()["fingerprint"]


async def test_the_same_key_with_another_body_is_a_422_problem_naming_the_conflict(
    api: Api,
) -> None:
    await _start(api, "UT")
    key = str(uuid.uuid4())
    assert (await _command(api, "UT", DRAFT, key)).status_code == 200
    other = await _command(api, "UT", {**DRAFT, "summary": "een andere"}, key)
    assert other.status_code == 422 and other.headers["content-type"] == PROBLEM
    assert key in other.json()["detail"] and other.json()["rule"] == "IdempotencyKeyReused"
    assert len(await _recorded(api, "UT", "DraftSubmitted")) == 1


async def test_a_malformed_key_is_a_400_problem_and_nothing_is_recorded(api: Api) -> None:
    await _start(api, "ZE")
    bad = {**api.auth("coordinator"), "Idempotency-Key": "x" * 256}
    response = await api.http.post("/api/provinces/ZE/commands", json=DRAFT, headers=bad)
    assert response.status_code == 400 and response.headers["content-type"] == PROBLEM
    assert "Idempotency-Key" in response.json()["detail"]
    await start_recorded(api.services.temporal, api.services.province_stream("ZE"))
    assert await _recorded(api, "ZE", "DraftSubmitted") == []


async def _admitted(client: Client, workflow_id: str, key: str) -> None:
    """Until the server holds the Update of this key (admitted, waiting for a worker)."""
    request = PollWorkflowExecutionUpdateRequest(
        namespace=client.namespace,
        update_ref=UpdateRef(
            workflow_execution=WorkflowExecution(workflow_id=workflow_id), update_id=key
        ),
        wait_policy=WaitPolicy(lifecycle_stage=ADMITTED),
    )
    while True:
        try:
            await client.workflow_service.poll_workflow_execution_update(
                request, timeout=timedelta(seconds=10)
            )
            return
        except RPCError as exc:
            if exc.status is not RPCStatusCode.NOT_FOUND:
                raise
            await asyncio.sleep(0.05)  # the request has not reached the server yet


async def test_a_request_retried_after_the_worker_was_stopped_and_another_started_records_once(
    engine: AsyncEngine, temporal_env: WorkflowEnvironment, store: EventStore
) -> None:
    client, queue = temporal_env.client, f"novex-idem-{secrets.token_hex(3)}"
    async with open_api(engine, client, queue) as api:
        stream = api.services.province_stream("GR")
        async with build_worker(client, store, queue):
            await _start(api, "GR")
            await start_recorded(client, stream)
        key = str(uuid.uuid4())  # no worker now: the request waits, then the client gives up
        dropped = asyncio.create_task(_command(api, "GR", DRAFT, key))
        await _admitted(client, stream, key)
        dropped.cancel()
        async with build_worker(client, store, queue):  # another worker
            retried = await _command(api, "GR", DRAFT, key)
            assert retried.status_code == 200, retried.text
            assert retried.json()["events"] == ["DraftSubmitted", "ReviewRequested"]
            again = await _command(api, "GR", DRAFT, key)
        assert again.json() == retried.json()
        assert [m["idempotency_key"] for m in await _recorded(api, "GR", "DraftSubmitted")] == [key]


async def test_a_request_retried_across_a_continue_as_new_gets_the_first_answer(
    api: Api, worker_queue: str
) -> None:
    services = api.services
    assert services.label is not None
    journey = Journey(services.temporal, worker_queue, "NH", services.catalog, services.label)
    await journey.start()
    text_hash = await journey.to_arrangement()
    for signatory in ("gedeputeerde-nh", "minister-vro"):
        await journey.send(
            cmd.SignArrangement(actor=signatory, signatory=signatory, text_hash=text_hash)
        )
    handle = services.temporal.get_workflow_handle(journey.stream_id)
    run_before = (await handle.describe()).run_id
    amend = {"type": "StartAmendment", "actor": "x", "reason": "Nieuwe opgave defensie"}
    key = str(uuid.uuid4())
    first = await _command(api, "NH", amend, key)
    assert first.status_code == 200, first.text
    while (await handle.describe()).run_id == run_before:  # until the new run takes over:
        await asyncio.sleep(0.05)  # Temporal knows Update ids within one run only
    again = await _command(api, "NH", amend, key)
    assert again.status_code == 200, again.text
    assert again.json() == first.json()
    assert len(await _recorded(api, "NH", "AmendmentStarted")) == 1
    other = await _command(api, "NH", {**amend, "reason": "iets anders"}, key)
    assert other.status_code == 422


async def test_a_start_retried_under_its_key_answers_started_again_and_another_selection_conflicts(
    api: Api,
) -> None:
    key = str(uuid.uuid4())
    body = {"provinces": ["LI"], "areas": []}
    headers = keyed(api, "coordinator", key)
    first = await api.http.post("/api/programme/start", json=body, headers=headers)
    assert first.status_code == 200 and first.json()["provinces"] == {"LI": "started"}
    again = await api.http.post("/api/programme/start", json=body, headers=headers)
    assert again.json() == first.json()
    unkeyed = await api.http.post(
        "/api/programme/start", json=body, headers=api.auth("coordinator")
    )
    assert unkeyed.json()["provinces"] == {"LI": "already running"}
    other = await api.http.post(
        "/api/programme/start", json={"provinces": ["LI", "FL"], "areas": []}, headers=headers
    )
    assert other.status_code == 422 and key in other.json()["detail"]
    await start_recorded(api.services.temporal, api.services.province_stream("LI"))
    started = await _recorded(api, "LI", "JourneyStarted")
    assert [m["idempotency_key"] for m in started] == [key]
    assert await api.services.store.read_stream(api.services.province_stream("FL")) == []
