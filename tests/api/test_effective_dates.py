"""Effective dates over HTTP: a start and a command say when they happened (``occurred_on``); a
date in the future is a 422 and a backdate without a reason a 409, both recording nothing; a
correction with a reason is recorded as such."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from service.rehearsal import start_recorded
from store.projector import Projector
from tests.api.conftest import Api

PROBLEM = "application/problem+json"


async def _command(api: Api, code: str, **fields: Any) -> Any:
    body = {"actor": "x", "type": "RaiseFriction", "description": "Stikstof", **fields}
    return await api.http.post(
        f"/api/provinces/{code}/commands", json=body, headers=api.auth("rijk")
    )


async def test_a_start_and_its_commands_carry_their_dates_and_the_rules_hold_at_the_edge(
    api: Api,
) -> None:
    tomorrow = (datetime.now(UTC) + timedelta(days=2)).date().isoformat()
    start = {"provinces": ["OV"], "areas": [], "occurred_on": tomorrow}
    future = await api.http.post(
        "/api/programme/start", json=start, headers=api.auth("coordinator")
    )
    assert future.status_code == 422 and future.headers["content-type"] == PROBLEM
    assert "lies in the future" in future.json()["detail"]
    stream = api.services.province_stream("OV")
    assert await api.services.store.read_stream(stream) == []

    start["occurred_on"] = "2025-01-10"
    started = await api.http.post(
        "/api/programme/start", json=start, headers=api.auth("coordinator")
    )
    assert started.status_code == 200, started.text
    assert api.services.client is not None
    await start_recorded(api.services.client, stream)

    assert (await _command(api, "OV", occurred_on="2025-03-01")).status_code == 200
    future_command = await _command(api, "OV", occurred_on=tomorrow)
    assert future_command.status_code == 422 and future_command.json()["rule"] == "FutureDate"
    backdated = await _command(api, "OV", occurred_on="2025-02-01")
    assert backdated.status_code == 409 and backdated.json()["rule"] == "BackdatedWithoutReason"
    assert len(await api.services.store.read_stream(stream)) == 2
    corrected = await _command(
        api, "OV", occurred_on="2025-02-01", correction_reason="gemeld op 1 februari"
    )
    assert corrected.status_code == 200, corrected.text
    stored = await api.services.store.read_stream(stream)
    assert [e.data["occurred_on"] for e in stored] == ["2025-01-10", "2025-03-01", "2025-02-01"]
    assert stored[-1].data["correction_reason"] == "gemeld op 1 februari"


async def test_the_api_report_and_dashboard_answer_as_of_and_as_known_at_differently(
    api: Api,
) -> None:
    start = {"provinces": ["GR"], "areas": [], "occurred_on": "2025-01-10"}
    started = await api.http.post(
        "/api/programme/start", json=start, headers=api.auth("coordinator")
    )
    assert started.status_code == 200, started.text
    stream = api.services.province_stream("GR")
    assert api.services.client is not None
    await start_recorded(api.services.client, stream)
    assert (await _command(api, "GR", occurred_on="2025-03-01")).status_code == 200
    known = (await api.services.store.read_stream(stream))[-1].recorded_at.isoformat()
    late = await _command(
        api, "GR", occurred_on="2025-02-01", correction_reason="gemeld op 1 februari"
    )
    assert late.status_code == 200, late.text

    async def frictions(**params: str) -> list[str]:
        found = await api.http.get("/api/provinces/GR", params=params, headers=api.auth("viewer"))
        assert found.status_code == 200, found.text
        return [f["id"] for f in found.json()["view"]["frictions"]]

    await Projector(api.services.engine).catch_up()
    assert await frictions() == ["S1", "S2"]
    assert await frictions(as_of="2025-02-15T00:00:00+01:00") == ["S2"]  # how it stood
    assert await frictions(as_known_at=known) == ["S1"]  # what novex knew
    assert await frictions(as_of="2025-02-15T00:00:00+01:00", as_known_at=known) == []
    history = (
        await api.http.get(
            "/api/provinces/GR", params={"as_known_at": known}, headers=api.auth("viewer")
        )
    ).json()["history"]
    assert [h["occurred_on"] for h in history] == ["2025-01-10", "2025-03-01"]

    report = await api.http.get(
        "/api/report",
        params={"as_of": "2025-02-15T00:00:00+01:00", "as_known_at": known},
        headers=api.auth("viewer"),
    )
    assert report.status_code == 200 and "zoals bekend op" in report.text
    cookie = {"Cookie": f"novex_token={api.tokens['viewer']}"}
    dutch = ZoneInfo("Europe/Amsterdam")  # the picker's instants are Dutch time
    soon = (datetime.now(UTC) + timedelta(minutes=1)).astimezone(dutch)
    soon_picked = soon.strftime("%Y-%m-%dT%H:%M:%S")
    page = await api.http.get(
        f"/processen/{stream}",
        params={"as_of": "2025-02-15T00:00:00", "as_known_at": soon_picked},
        headers=cookie,
    )
    assert page.status_code == 200, page.text
    assert "zoals bekend op" in page.text and 'name="as_known_at"' in page.text
    assert "S2" in page.text and "S1" not in page.text
