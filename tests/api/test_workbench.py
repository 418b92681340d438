"""The workbench over HTTP: Mijn werk per token, the board's filters and pages, readable pages."""

from __future__ import annotations

from typing import Any

from service.rehearsal import status_when
from store.projector import Projector
from tests.api.conftest import Api

PROBLEM = "application/problem+json"


async def _start(api: Api, *codes: str, areas: tuple[str, ...] = ()) -> None:
    response = await api.http.post(
        "/api/programme/start",
        json={"provinces": list(codes), "areas": list(areas)},
        headers=api.auth("coordinator"),
    )
    assert response.status_code == 200, response.text
    client = api.services.client
    assert client is not None
    streams = [api.services.province_stream(c) for c in codes]
    for stream in streams + [api.services.area_stream(a) for a in areas]:
        await status_when(client, stream, lambda s: s["phase"] != "niet gestart")


async def _draft(api: Api, code: str) -> None:
    command = {"type": "SubmitDraft", "actor": "x", "checkpoint": 1, "document_ref": "d1"}
    response = await api.http.post(
        f"/api/provinces/{code}/commands",
        json={**command, "summary": "s"},
        headers=api.auth("coordinator"),
    )
    assert response.status_code == 200, response.text


async def _page(api: Api, who: str, path: str) -> Any:
    """A dashboard page as the holder of this token sees it (logged in with its cookie)."""
    return await api.http.get(path, headers={"Cookie": f"novex_token={api.tokens[who]}"})


async def _tasks(api: Api, who: str) -> Any:
    response = await api.http.get("/api/me/tasks", headers=api.auth(who))
    assert response.status_code == 200, response.text
    return response.json()


async def test_a_reviewer_finds_the_reviews_their_party_owes_and_a_viewer_none(api: Api) -> None:
    await _start(api, "GE", "NB")
    await _draft(api, "GE")
    await Projector(api.services.engine).catch_up()
    mine = await _tasks(api, "reviewer")
    assert (mine["actor"], mine["role"], mine["scope"]) == (
        "accountteam",
        "reviewer",
        "rijk-accountteam",
    )
    reviews = [(t["kind"], t["stream_id"]) for t in mine["tasks"]]
    assert reviews == [("review", api.services.province_stream("GE"))]
    assert mine["tasks"][0]["due"] and mine["tasks"][0]["details"]["checkpoint"] == 1
    drafts = await _tasks(api, "province_ge")  # GE's draft is in; nothing of NB
    assert [t["kind"] for t in drafts["tasks"]] == []
    assert (await _tasks(api, "viewer"))["tasks"] == []  # deadlines lie a year ahead

    home = await _page(api, "reviewer", "/")
    assert home.status_code == 200 and 'id="tasks"' in home.text
    assert "Review geven op ijkmoment 1 van Gelderland" in home.text
    board = await _page(api, "coordinator", "/")
    assert 'id="provinces"' in board.text and 'id="tasks"' not in board.text


async def test_the_status_api_filters_sorts_and_pages_with_a_total_and_links(api: Api) -> None:
    await _start(api, "UT", "ZE", "FL", areas=("north-sea-port-district",))
    await Projector(api.services.engine).catch_up()
    viewer = api.auth("viewer")
    first = await api.http.get("/api/status?kind=province&sort=-name&per_page=2", headers=viewer)
    assert first.status_code == 200, first.text
    assert first.headers["X-Total-Count"] == "3"
    assert [r["subject"] for r in first.json()] == ["ZE", "UT"]
    assert 'rel="next"' in first.headers["Link"] and "page=2" in first.headers["Link"]
    second = await api.http.get(
        "/api/status?kind=province&sort=-name&per_page=2&page=2", headers=viewer
    )
    assert [r["subject"] for r in second.json()] == ["FL"] and 'rel="prev"' in second.headers[
        "Link"
    ]
    zeeland = await api.http.get("/api/status?province=ze", headers=viewer)
    assert [r["subject"] for r in zeeland.json()] == ["north-sea-port-district", "ZE"]
    for wrong in ("sort=colour", "per_page=5000", "province=Zeeland", "page=0"):
        refused = await api.http.get(f"/api/status?{wrong}", headers=viewer)
        assert refused.status_code == 422 and refused.headers["content-type"] == PROBLEM, wrong
        assert wrong.split("=")[0] in refused.json()["detail"]

    page = await _page(api, "viewer", "/overzicht?per_page=1&sort=name")
    assert page.status_code == 200
    assert page.text.count('data-process="province-') == 1 and "Pagina 1 van 3" in page.text


async def test_a_province_page_is_in_words_without_a_json_dump(api: Api) -> None:
    await _start(api, "DR")
    await _draft(api, "DR")
    await Projector(api.services.engine).catch_up()
    stream = api.services.province_stream("DR")
    page = await _page(api, "viewer", f"/processen/{stream}")
    assert page.status_code == 200
    assert "<pre>" not in page.text and '"current_checkpoint"' not in page.text
    for section in ("IJkmomenten", "Schuurpunten", "Ruimtelijk voorstel", "Ruimtelijk arrangement"):
        assert f">{section}</h2>" in page.text
    assert "in review" in page.text and "rijk-accountteam" in page.text
    detail = (await api.http.get("/api/provinces/DR", headers=api.auth("viewer"))).json()
    assert detail["view"]["checkpoints"][0]["status"] == "in_review"
    unknown = await api.http.get("/api/escalations/province-DR~1", headers=api.auth("viewer"))
    assert unknown.status_code == 404
    nonsense = await api.http.get("/api/escalations/nonsense", headers=api.auth("viewer"))
    assert nonsense.status_code == 404 and "nonsense" in nonsense.json()["detail"]
