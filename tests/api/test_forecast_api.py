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
