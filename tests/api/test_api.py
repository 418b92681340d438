"""The HTTP API: bearer tokens, roles and scopes, problem+json errors, a journey over HTTP."""

from __future__ import annotations

from typing import Any

from service.rehearsal import start_recorded
from tests.api.conftest import Api

PROBLEM = "application/problem+json"


async def _started(api: Api, code: str) -> None:
    response = await api.http.post(
        "/api/programme/start",
        json={"provinces": [code], "areas": []},
        headers=api.auth("coordinator"),
    )
    assert response.status_code == 200, response.text
    assert response.json() == {"provinces": {code: "started"}, "areas": {}}


async def _post(api: Api, who: str, code: str, command: dict[str, Any]) -> Any:
    return await api.http.post(
        f"/api/provinces/{code}/commands", json=command, headers=api.auth(who)
    )


async def test_no_token_is_401_and_an_unknown_token_too(api: Api) -> None:
    response = await api.http.get("/api/status")
    assert response.status_code == 401 and response.headers["content-type"] == PROBLEM
    assert response.json()["title"] == "Unauthorized"
    response = await api.http.get("/api/status", headers={"Authorization": "Bearer nvx_nope"})
    assert response.status_code == 401


async def test_a_journey_is_driven_over_http_with_roles_and_scopes(api: Api) -> None:
    await _started(api, "GE")
    draft = {
        "type": "SubmitDraft",
        "actor": "ignored",
        "checkpoint": 1,
        "document_ref": "d1",
        "summary": "s",
    }
    assert (await _post(api, "province_zh", "GE", draft)).status_code == 403  # other province
    assert (await _post(api, "viewer", "GE", draft)).status_code == 403
    response = await _post(api, "province_ge", "GE", draft)
    assert response.status_code == 200, response.text
    assert response.json()["events"] == ["DraftSubmitted", "ReviewRequested"]

    review = {
        "type": "SubmitReview",
        "actor": "x",
        "checkpoint": 1,
        "party": "programmes",
        "outcome": "akkoord",
    }
    forbidden = await _post(api, "reviewer", "GE", review)  # reviews for rijk-accountteam only
    assert forbidden.status_code == 403 and "rijk-accountteam" in forbidden.json()["detail"]
    review["party"] = "rijk-accountteam"
    assert (await _post(api, "reviewer", "GE", review)).status_code == 200
    again = await _post(api, "reviewer", "GE", review)
    assert again.status_code == 409 and again.headers["content-type"] == PROBLEM
    assert "already reviewed" in again.json()["detail"]

    stored = await api.services.store.read_stream(api.services.province_stream("GE"))
    assert stored[-1].metadata["actor"] == "accountteam"  # the token's actor, not the body's


async def test_bad_input_gets_a_problem_naming_what_is_wrong(api: Api) -> None:
    await _started(api, "UT")
    unknown = await _post(api, "coordinator", "XX", {"type": "AdoptProposal", "actor": "x"})
    assert unknown.status_code == 404 and "unknown province 'XX'" in unknown.json()["detail"]
    malformed = await _post(api, "coordinator", "UT", {"type": "SubmitDraft", "checkpoint": "een"})
    assert malformed.status_code == 422 and malformed.headers["content-type"] == PROBLEM
    assert "checkpoint" in malformed.json()["detail"]
    wrong = await _post(
        api,
        "coordinator",
        "UT",
        {
            "type": "SubmitReview",
            "actor": "x",
            "checkpoint": 4,
            "party": "programmes",
            "outcome": "akkoord",
        },
    )
    assert wrong.status_code == 422 and "unknown ijkmoment 4" in wrong.json()["detail"]
    stranger = await _post(
        api,
        "minister",
        "UT",
        {
            "type": "SignArrangement",
            "actor": "x",
            "signatory": "gedeputeerde-ge",
            "text_hash": "0" * 64,
        },
    )
    assert stranger.status_code == 403
    not_yet = await _post(
        api,
        "minister",
        "UT",
        {
            "type": "SignArrangement",
            "actor": "x",
            "signatory": "minister-vro",
            "text_hash": "0" * 64,
        },
    )
    assert not_yet.status_code == 409
    assert not_yet.json()["detail"].startswith("SignArrangement refused: the journey of UT is at")
    assert "no arrangement yet that could be signed" in not_yet.json()["detail"]
    none = await api.http.get("/api/provinces/GR", headers=api.auth("viewer"))
    assert none.status_code == 404


async def test_status_report_and_audit_export_are_served(api: Api) -> None:
    await _started(api, "ZE")
    stream = api.services.province_stream("ZE")
    await start_recorded(api.services.temporal, stream)  # the read model follows the store
    from store.projector import Projector

    await Projector(api.services.engine).catch_up()
    rows = (await api.http.get("/api/status", headers=api.auth("viewer"))).json()
    assert [r["stream_id"] for r in rows if r["kind"] == "province"] == [stream]
    detail = (await api.http.get("/api/provinces/ZE", headers=api.auth("viewer"))).json()
    assert [t["target"] for t in detail["timeline"]][:3] == [
        "ijkmoment-1",
        "ijkmoment-2",
        "ijkmoment-3",
    ]
    report = await api.http.get("/api/report?format=csv", headers=api.auth("viewer"))
    assert report.status_code == 200 and report.headers["content-type"].startswith("text/csv")
    assert stream in report.text
    export = await api.http.get(f"/api/audit/{stream}", headers=api.auth("viewer"))
    lines = export.text.strip().splitlines()
    assert '"type": "JourneyStarted"' in lines[0] and '"prev_hash": "' + "0" * 64 in lines[0]
