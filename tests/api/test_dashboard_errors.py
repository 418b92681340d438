"""The dashboard speaks to a browser in pages: errors as a page in Dutch (the API keeps
problem+json), logging out only by a form post with the session's CSRF token."""

from __future__ import annotations

from tests.api.conftest import Api
from tests.api.test_dashboard_forms import cookie
from web.dashboard.csrf import session_token

BROWSER = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


async def test_an_unknown_dashboard_page_answers_a_browser_with_a_dutch_error_page(
    api: Api,
) -> None:
    page = await api.http.get(
        "/processen/province-XX", headers={**BROWSER, **cookie(api, "viewer")}
    )
    assert page.status_code == 404
    assert page.headers["content-type"].startswith("text/html")
    assert "Niet gevonden" in page.text and "XX" in page.text
    assert 'href="/overzicht"' in page.text


async def test_the_api_keeps_answering_problem_json_even_to_a_browser(api: Api) -> None:
    answer = await api.http.get("/api/provinces/XX", headers={**BROWSER, **api.auth("viewer")})
    assert answer.status_code == 404
    assert answer.headers["content-type"] == "application/problem+json"
    assert "XX" in answer.json()["detail"]


async def test_the_english_login_address_leads_to_the_login_page(api: Api) -> None:
    answer = await api.http.get("/login")
    assert answer.status_code == 303 and answer.headers["location"] == "/inloggen"


async def test_logging_out_takes_a_post_with_the_sessions_csrf_token(api: Api) -> None:
    session = cookie(api, "viewer")
    assert (await api.http.get("/uitloggen", headers=session)).status_code == 405
    forged = await api.http.post("/uitloggen", data={"csrf": "forged"}, headers=session)
    assert forged.status_code == 303 and forged.headers["location"] == "/"
    assert "novex_token" not in forged.headers.get("set-cookie", "")
    board = await api.http.get("/overzicht", headers=session)
    assert 'action="/uitloggen"' in board.text
    token = session_token(api.tokens["viewer"])
    assert f'name="csrf" value="{token}"' in board.text
    out = await api.http.post("/uitloggen", data={"csrf": token}, headers=session)
    assert out.status_code == 303 and out.headers["location"] == "/inloggen"
    assert 'novex_token=""' in out.headers["set-cookie"]


async def test_the_pickers_instant_is_dutch_time_as_the_pages_show(api: Api) -> None:
    from datetime import UTC, datetime, timedelta
    from zoneinfo import ZoneInfo

    from store.projector import Projector
    from tests.api.test_workbench import _start

    await _start(api, "ZE")
    await Projector(api.services.engine).catch_up()
    started = datetime.now(UTC)
    dutch = ZoneInfo("Europe/Amsterdam")
    before = (started - timedelta(minutes=30)).astimezone(dutch).strftime("%Y-%m-%dT%H:%M:%S")
    after = (started + timedelta(minutes=1)).astimezone(dutch).strftime("%Y-%m-%dT%H:%M:%S")
    zeeland = api.services.province_stream("ZE")
    then = await api.http.get(f"/overzicht?as_of={before}", headers=cookie(api, "viewer"))
    assert then.status_code == 200 and zeeland not in then.text
    assert f'value="{before}"' in then.text  # the picker keeps what was picked
    later = await api.http.get(f"/overzicht?as_of={after}", headers=cookie(api, "viewer"))
    assert zeeland in later.text
