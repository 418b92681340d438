"""Recovery over HTTP, for coordinators only; a stuck process on the board until it runs again."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime

from domain.shared.events import ProcessStuck
from service.rehearsal import status_when
from store.eventstore import EventMetadata, NewEvent
from store.projector import Projector
from tests.api.conftest import Api


async def _started_and_terminated(api: Api, code: str) -> str:
    response = await api.http.post(
        "/api/programme/start",
        json={"provinces": [code], "areas": []},
        headers=api.auth("coordinator"),
    )
    assert response.status_code == 200, response.text
    stream = api.services.province_stream(code)
    client = api.services.temporal
    await status_when(client, stream, lambda s: s["phase"] != "niet gestart")
    await client.get_workflow_handle(stream).terminate("test: the run is gone")
    return stream


async def _mark_stuck(api: Api, stream: str) -> None:
    """What a run records when it cannot do its own work (appended here for a run that is gone)."""
    now = datetime.now(UTC)
    event = ProcessStuck(
        event_id=uuid.uuid4(),
        occurred_at=now,
        actor="novex",
        operation="IssueReminder",
        cause="the store refused",
        since=now,
    )
    store = api.services.store
    await store.append(
        stream,
        await store.stream_version(stream),
        [NewEvent(event.event_id, event.type, event.model_dump(mode="json"))],
        EventMetadata(actor="novex"),
    )
    await Projector(api.services.engine).catch_up()


async def test_a_coordinator_recovers_a_process_over_http_and_others_may_not(api: Api) -> None:
    stream = await _started_and_terminated(api, "GR")
    path = f"/api/processes/{stream}/recover"
    assert (await api.http.post(path, headers=api.auth("province_ge"))).status_code == 403
    response = await api.http.post(path, headers=api.auth("coordinator"))
    assert response.status_code == 200, response.text
    assert response.json() == {"outcomes": {stream: "recovered"}}
    await status_when(api.services.temporal, stream, lambda s: s["phase"] == "ijkmoment 1")
    every = await api.http.post("/api/processes/recover", headers=api.auth("coordinator"))
    assert every.status_code == 200 and every.json()["outcomes"][stream] == "already running"

    label = api.services.label
    for stream_id, status in (
        ("geen-stroom.x.y", 422),
        (f"alerts-notifications.{label}", 422),
        (f"province-NH.{label}", 404),
        ("province-GR", 404),
    ):
        refused = await api.http.post(
            f"/api/processes/{stream_id}/recover", headers=api.auth("coordinator")
        )
        assert refused.status_code == status, (stream_id, refused.text)
        assert refused.headers["content-type"] == "application/problem+json"


async def test_a_stuck_process_is_on_the_board_until_its_recovered_run_carries_on(api: Api) -> None:
    stream = await _started_and_terminated(api, "ZE")
    await _mark_stuck(api, stream)
    board = await api.http.get("/overzicht?stuck=true", headers=api.auth("viewer"))
    assert stream in board.text and "vastgelopen" in board.text
    page = await api.http.get(f"/processen/{stream}", headers=api.auth("viewer"))
    assert "vastgelopen" in page.text and "the store refused" in page.text

    response = await api.http.post(
        f"/api/processes/{stream}/recover", headers=api.auth("coordinator")
    )
    assert response.json() == {"outcomes": {stream: "recovered"}}
    for _ in range(200):
        if (await api.services.store.read_stream(stream))[-1].type == "ProcessResumed":
            break
        await asyncio.sleep(0.05)
    assert (await api.services.store.read_stream(stream))[-1].type == "ProcessResumed"
    assert (await api.services.temporal.get_workflow_handle(stream).query("status"))[
        "stuck"
    ] is None
    await Projector(api.services.engine).catch_up()
    board = await api.http.get("/overzicht?stuck=true", headers=api.auth("viewer"))
    assert stream not in board.text
