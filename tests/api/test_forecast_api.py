"""The prognose of a process reaches the API and its page: every pending milestone with a
projected date and the basis it was computed from."""

from __future__ import annotations

from datetime import date

from store.projector import Projector
from tests.api.conftest import Api
from tests.api.test_dashboard_forms import cookie
from tests.api.test_workbench import _start


async def test_a_journeys_detail_and_page_show_a_prognose_for_every_open_step(api: Api) -> None:
    await _start(api, "FL")
    await Projector(api.services.engine).catch_up()
    detail = (await api.http.get("/api/provinces/FL", headers=api.auth("viewer"))).json()
    pending = [t["target"] for t in detail["timeline"] if t["done"] is None]
    forecast = detail["forecast"]
    assert [p["target"] for p in forecast] == pending and pending
    for p in forecast:
        assert date.fromisoformat(p["projected"]) >= date.fromisoformat(p["due"])
        assert date.fromisoformat(p["projected"]) >= date.today()
        assert p["basis"] and p["basis_text"]
    page = await api.http.get(
        f"/processen/{api.services.province_stream('FL')}", headers=cookie(api, "viewer")
    )
    assert page.status_code == 200 and "Prognose" in page.text
    assert forecast[0]["basis_text"] in page.text


async def test_the_board_shows_each_processs_next_step_with_its_prognose(api: Api) -> None:
    await _start(api, "DR")
    await Projector(api.services.engine).catch_up()
    rows = (await api.http.get("/api/status?kind=province", headers=api.auth("viewer"))).json()
    drenthe = next(r for r in rows if r["stream_id"] == api.services.province_stream("DR"))
    assert drenthe["forecast"]["target"] == drenthe["summary"]["next_due"]["target"]
    assert drenthe["forecast"]["projected"] >= drenthe["forecast"]["due"]
    board = await api.http.get("/overzicht", headers=cookie(api, "viewer"))
    assert board.status_code == 200 and "Prognose" in board.text
    assert drenthe["forecast"]["basis_text"] in board.text


async def test_the_report_gives_the_prognose_of_every_open_step_in_each_format(api: Api) -> None:
    await _start(api, "OV")
    await Projector(api.services.engine).catch_up()
    detail = (await api.http.get("/api/provinces/OV", headers=api.auth("viewer"))).json()
    first = detail["forecast"][0]
    projected = date.fromisoformat(first["projected"]).strftime("%d-%m-%Y")
    for fmt in ("md", "html", "csv"):
        report = await api.http.get(f"/api/report?format={fmt}", headers=api.auth("viewer"))
        assert report.status_code == 200
        assert "rognose" in report.text and projected in report.text, fmt
