"""Schuurpunten per national programme over HTTP: a theme from the catalog or a 422 that records
nothing; the count on the API, the board and the report; a stored event newer than this
release is a 409 problem, never a misreading."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine

from service.rehearsal import status_when
from store.eventstore import EventMetadata, NewEvent
from store.projector import Projector
from tests.api.conftest import Api, open_api

PROBLEM = "application/problem+json"


async def _raise(api: Api, code: str, **theme: str) -> Any:
    command = {"type": "RaiseFriction", "actor": "x", "description": "Stikstof versus woningbouw"}
    return await api.http.post(
        f"/api/provinces/{code}/commands", json={**command, **theme}, headers=api.auth("rijk")
    )


async def test_a_schuurpunt_names_a_catalog_programme_and_the_board_counts_them_per_programme(
    api: Api,
) -> None:
    started = await api.http.post(
        "/api/programme/start",
        json={"provinces": ["FR"], "areas": []},
        headers=api.auth("coordinator"),
    )
    assert started.status_code == 200, started.text
    stream = api.services.province_stream("FR")
    assert api.services.client is not None
    await status_when(api.services.client, stream, lambda s: s["phase"] != "niet gestart")

    unknown = await _raise(api, "FR", theme="stikstof")
    assert unknown.status_code == 422 and unknown.headers["content-type"] == PROBLEM
    assert "theme: unknown national programme 'stikstof'" in unknown.json()["detail"]
    assert [e.type for e in await api.services.store.read_stream(stream)] == ["JourneyStarted"]
    assert (await _raise(api, "FR", theme="nplg")).status_code == 200
    assert (await _raise(api, "FR")).status_code == 200
    stored = await api.services.store.read_stream(stream)
    assert [(e.schema_version, e.data["friction"]["theme"]) for e in stored[1:]] == [
        (3, "nplg"),
        (3, "onbekend"),
    ]

    await Projector(api.services.engine).catch_up()
    counted = await api.http.get("/api/status/themes?province=FR", headers=api.auth("viewer"))
    assert counted.status_code == 200, counted.text
    assert [(t["theme"], t["open"], t["all"]) for t in counted.json()] == [
        ("nplg", 1, 1),
        ("onbekend", 1, 1),
    ]
    board = await api.http.get(
        "/overzicht", headers={"Cookie": f"novex_token={api.tokens['viewer']}"}
    )
    assert board.status_code == 200 and 'data-theme="nplg"' in board.text
    report = await api.http.get("/api/report", headers=api.auth("viewer"))
    assert "| nplg | Nationaal Programma Landelijk Gebied (NPLG) | 1 | 1 |" in report.text


async def test_a_process_holding_an_event_of_a_newer_release_is_a_409_problem(
    clean_engine: AsyncEngine,
) -> None:
    async with open_api(clean_engine, None, "unused") as api:
        stream = api.services.province_stream("GR")
        event_id = uuid.uuid4()
        data = {"type": "FrictionRaised", "schema_version": 4, "event_id": str(event_id)}
        event = NewEvent(event_id, "FrictionRaised", data, schema_version=4)
        await api.services.store.append(stream, 0, [event], EventMetadata(actor="release-3"))
        as_of = datetime.now(UTC).isoformat()
        response = await api.http.get(
            "/api/provinces/GR", params={"as_known_at": as_of}, headers=api.auth("viewer")
        )
    assert response.status_code == 409 and response.headers["content-type"] == PROBLEM
    problem = response.json()
    assert problem["rule"] == "UnreadableEvent"
    assert "FrictionRaised schema version 4" in problem["detail"]
    assert "newer release" in problem["detail"]
