"""Bad input over HTTP: amounts out of bounds are 422s naming the field and the bound; a
province code or area key is matched one way on every path, an unknown one named with the
known ones; nothing is recorded for what is refused."""

from __future__ import annotations

from typing import Any

import pytest

from service.rehearsal import status_when
from store.projector import Projector
from tests.api.conftest import Api

PROBLEM = "application/problem+json"
ACTION = {
    "id": "mirt",
    "title": "MIRT-verkenning",
    "owner": "IenW",
    "planned_start": "2030-01-01",
    "planned_end": "2030-06-01",
}


async def _start(api: Api, provinces: list[str], areas: list[str]) -> Any:
    return await api.http.post(
        "/api/programme/start",
        json={"provinces": provinces, "areas": areas},
        headers=api.auth("coordinator"),
    )


async def _area_command(api: Api, key: str, command: dict[str, Any]) -> Any:
    return await api.http.post(
        f"/api/areas/{key}/commands",
        json={"actor": "x", **command},
        headers=api.auth("coordinator"),
    )


def _contribution(amount: Any) -> dict[str, Any]:
    contribution = {"id": "c1", "action_id": "mirt", "side": "rijk", "fund": "Mobiliteitsfonds"}
    return {"type": "AddContribution", "contribution": {**contribution, "amount": amount}}


@pytest.mark.parametrize(
    ("command", "field", "bound"),
    [
        (_contribution("1e309"), "contribution.amount", "at most 15 digits before the decimal"),
        (_contribution(1e20), "contribution.amount", "at most 15 digits before the decimal"),
        (_contribution("12.345"), "contribution.amount", "at most 2 digits after the decimal"),
        (_contribution("NaN"), "contribution.amount", "finite number"),
        (_contribution("Infinity"), "contribution.amount", "finite number"),
        (
            {"type": "AddAction", "action": {**ACTION, "id": "b", "budget": "1e309"}},
            "action.budget",
            "at most 15 digits before the decimal",
        ),
        (
            {"type": "CompleteExternal", "ref": "province:GE/voorstel", "on": "9999-12-31"},
            "on",
            "date 9999-12-31 lies outside 2000-01-01 … 2099-12-31",
        ),
        (
            {"type": "RaiseFriction", "description": "geluid", "occurred_on": "1900-01-01"},
            "occurred_on",
            "date 1900-01-01 lies outside 2000-01-01 … 2099-12-31",
        ),
        (
            {"type": "AgreeProportion", "rijk_share": "0.3333"},
            "rijk_share",
            "a share has at most 3 digits after the decimal point",
        ),
    ],
)
async def test_an_amount_or_date_out_of_bounds_is_a_422_naming_field_and_bound_and_records_nothing(
    api: Api, command: dict[str, Any], field: str, bound: str
) -> None:
    assert (await _start(api, [], ["lelylijn"])).status_code == 200
    stream = api.services.area_stream("lelylijn")
    await status_when(api.services.temporal, stream, lambda s: s["phase"] != "niet gestart")
    added = await _area_command(api, "lelylijn", {"type": "AddAction", "action": ACTION})
    assert added.status_code == 200, added.text
    before = await api.services.store.read_stream(stream)

    refused = await _area_command(api, "lelylijn", command)
    assert refused.status_code == 422 and refused.headers["content-type"] == PROBLEM
    detail = refused.json()["detail"]
    assert f"{command['type']}.{field}" in detail and bound in detail, detail
    assert await api.services.store.read_stream(stream) == before


async def test_a_province_code_in_any_case_names_the_same_journey_on_every_path(
    api: Api,
) -> None:
    started = await _start(api, ["gr"], [])
    assert started.json() == {"provinces": {"GR": "started"}, "areas": {}}
    stream = api.services.province_stream("GR")
    assert stream.startswith("province-GR")
    await status_when(api.services.temporal, stream, lambda s: s["phase"] != "niet gestart")
    friction = {"type": "RaiseFriction", "actor": "x", "description": "netcongestie"}
    sent = await api.http.post(
        "/api/provinces/gr/commands", json=friction, headers=api.auth("coordinator")
    )
    assert sent.status_code == 200, sent.text
    assert [e.type for e in await api.services.store.read_stream(stream)][-1] == "FrictionRaised"
    await Projector(api.services.engine).catch_up()

    loose = stream.replace("province-GR", "Province-gr")
    viewer = api.auth("viewer")
    shown = await api.http.get("/api/provinces/gr", headers=viewer)
    assert shown.status_code == 200 and shown.json()["stream_id"] == stream
    exported = await api.http.get(f"/api/audit/{loose}", headers=viewer)
    assert exported.status_code == 200
    assert exported.text == (await api.http.get(f"/api/audit/{stream}", headers=viewer)).text
    rows = (await api.http.get("/api/status?province=gr", headers=viewer)).json()
    assert [r["stream_id"] for r in rows] == [stream]
    page = await api.http.get(
        f"/processen/{loose}", headers={"Cookie": f"novex_token={api.tokens['viewer']}"}
    )
    assert page.status_code == 200 and "netcongestie" in page.text
    recovered = await api.http.post(
        f"/api/processes/{loose}/recover", headers=api.auth("coordinator")
    )
    assert recovered.json() == {"outcomes": {stream: "already running"}}
    again = await _start(api, ["Gr"], [])
    assert again.json()["provinces"] == {"GR": "already running"}


async def test_an_unknown_province_or_area_is_named_with_the_known_ones_on_every_path(
    api: Api,
) -> None:
    viewer, coordinator = api.auth("viewer"), api.auth("coordinator")
    known = "known: DR, FL, FR, GE, GR"
    for path in ("/api/provinces/xx", "/api/audit/province-xx", "/api/escalations/province-xx~1"):
        answer = await api.http.get(path, headers=viewer)
        assert answer.status_code == 404, path
        assert (
            "unknown province 'xx'" in answer.json()["detail"] and known in answer.json()["detail"]
        )
    command = await api.http.post(
        "/api/provinces/xx/commands",
        json={"type": "AdoptProposal", "actor": "x"},
        headers=coordinator,
    )
    assert command.status_code == 404 and known in command.json()["detail"]
    board = await api.http.get("/api/status?province=xx", headers=viewer)
    assert board.status_code == 422 and "province: unknown province 'xx'" in board.json()["detail"]
    start = await _start(api, ["xx"], [])
    assert start.status_code == 422 and known in start.json()["detail"]
    area = await api.http.get("/api/audit/area-nergens", headers=viewer)
    assert area.status_code == 404
    assert "unknown NOVEX area 'nergens'; known: amsterdam-nzkg" in area.json()["detail"]
    recover = await api.http.post("/api/processes/area-nergens/recover", headers=coordinator)
    assert recover.status_code == 404 and "known: amsterdam-nzkg" in recover.json()["detail"]
    assert (await _start(api, [], ["nergens"])).status_code == 422


async def test_an_area_key_in_any_case_names_the_same_process(api: Api) -> None:
    assert (await _start(api, [], ["De Peel"])).json()["areas"] == {"de-peel": "started"}
    stream = api.services.area_stream("de-peel")
    await status_when(api.services.temporal, stream, lambda s: s["phase"] != "niet gestart")
    await Projector(api.services.engine).catch_up()
    shown = await api.http.get("/api/areas/DE-PEEL", headers=api.auth("viewer"))
    assert shown.status_code == 200 and shown.json()["stream_id"] == stream
    loose = stream.replace("area-de-peel", "AREA-De-Peel")
    exported = await api.http.get(f"/api/audit/{loose}", headers=api.auth("viewer"))
    assert exported.status_code == 200 and '"type": "AreaStarted"' in exported.text
