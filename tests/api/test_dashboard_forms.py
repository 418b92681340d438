"""Acting from the dashboard: a form, a confirmation of what will be recorded, then the command
through the API's services under the form's idempotency key; CSRF-checked; a refusal shown
inline in Dutch with nothing recorded; no form for a role that may not use it."""

from __future__ import annotations

import re
from typing import Any

from service.rehearsal import Journey
from store.projector import Projector
from tests.api.conftest import Api
from tests.api.test_workbench import _draft, _start

HIDDEN = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')


def hidden(html: str) -> dict[str, str]:
    """The hidden fields of the first form on a page."""
    form = html[html.index('<form method="post"') :]
    return dict(HIDDEN.findall(form[: form.index("</form>")]))


def cookie(api: Api, who: str) -> dict[str, str]:
    return {"Cookie": f"novex_token={api.tokens[who]}"}


async def _ready(api: Api, code: str) -> str:
    """A journey whose first draft waits for reviews; its stream id."""
    await _start(api, code)
    await _draft(api, code)
    await Projector(api.services.engine).catch_up()
    return api.services.province_stream(code)


async def _post(api: Api, who: str, path: str, data: dict[str, Any]) -> Any:
    return await api.http.post(path, data=data, headers=cookie(api, who))


async def _reviews(api: Api, code: str) -> list[dict[str, Any]]:
    detail = (await api.http.get(f"/api/provinces/{code}", headers=api.auth("viewer"))).json()
    return [h for h in detail["history"] if h["type"] == "ReviewSubmitted"]


async def test_a_reviewer_reviews_through_a_form_confirms_and_a_double_submit_records_once(
    api: Api,
) -> None:
    stream = await _ready(api, "GE")
    form_path = f"/processen/{stream}/doen/review"
    form = await api.http.get(form_path + "?checkpoint=1", headers=cookie(api, "reviewer"))
    assert form.status_code == 200, form.text
    fields = hidden(form.text)
    assert fields["party"] == "rijk-accountteam"  # the token's scope, not to be changed
    assert fields["csrf"] and fields["idempotency_key"]
    sent = {**fields, "checkpoint": "1", "outcome": "akkoord met opmerkingen", "remarks": "Mooi"}
    confirm = await _post(api, "reviewer", form_path, {**sent, "step": "bevestigen"})
    assert confirm.status_code == 200 and 'id="to-record"' in confirm.text
    assert "akkoord met opmerkingen" in confirm.text and "SubmitReview" in confirm.text
    assert await _reviews(api, "GE") == []  # a confirmation records nothing
    carried = hidden(confirm.text)
    assert carried["idempotency_key"] == fields["idempotency_key"]
    for _ in range(2):  # the same form sent twice
        done = await _post(api, "reviewer", form_path, {**carried, "step": "vastleggen"})
        assert done.status_code == 303, done.text
        assert "vastgelegd=review" in done.headers["location"]
    reviews = await _reviews(api, "GE")
    assert [r["actor"] for r in reviews] == ["accountteam"]
    await Projector(api.services.engine).catch_up()
    shown = await api.http.get(done.headers["location"], headers=cookie(api, "reviewer"))
    assert 'id="vastgelegd"' in shown.text and "ReviewSubmitted" in shown.text


async def test_a_refusal_shows_inline_in_dutch_and_records_nothing(api: Api) -> None:
    stream = await _ready(api, "ZH")
    form_path = f"/processen/{stream}/doen/review"
    form = await api.http.get(form_path, headers=cookie(api, "reviewer"))
    sent = {**hidden(form.text), "checkpoint": "1", "outcome": "schuurpunt", "remarks": ""}
    refused = await _post(api, "reviewer", form_path, {**sent, "step": "vastleggen"})
    assert refused.status_code == 409
    assert 'id="refusal"' in refused.text and 'role="alert"' in refused.text
    assert "omschrijving in de opmerkingen nodig" in refused.text
    assert await _reviews(api, "ZH") == []
    again = hidden(refused.text)  # the form again, with what was typed and a new key
    assert again["idempotency_key"] != sent["idempotency_key"]
    assert '<option value="schuurpunt" selected>' in refused.text


async def test_a_form_without_its_sessions_token_is_refused_and_records_nothing(
    api: Api,
) -> None:
    stream = await _ready(api, "UT")
    form_path = f"/processen/{stream}/doen/review"
    form = await api.http.get(form_path, headers=cookie(api, "reviewer"))
    sent = {**hidden(form.text), "checkpoint": "1", "outcome": "akkoord", "step": "vastleggen"}
    for forged in ({**sent, "csrf": ""}, {**sent, "csrf": "0" * 64}):
        refused = await _post(api, "reviewer", form_path, forged)
        assert refused.status_code == 403 and "niet van uw huidige sessie" in refused.text
    other = await _post(api, "coordinator", form_path, sent)  # another session's token
    assert other.status_code == 403
    api_with_cookie = await api.http.post(  # the JSON API takes no cookie for a command
        "/api/provinces/UT/commands",
        json={"type": "RaiseFriction", "actor": "x", "description": "d"},
        headers=cookie(api, "coordinator"),
    )
    assert api_with_cookie.status_code == 401
    assert await _reviews(api, "UT") == []


async def test_missing_input_is_named_in_dutch_and_a_due_date_needs_a_reason(api: Api) -> None:
    stream = await _ready(api, "FL")
    form_path = f"/processen/{stream}/doen/termijn"
    form = await api.http.get(form_path, headers=cookie(api, "coordinator"))
    assert form.status_code == 200
    sent = {**hidden(form.text), "target": "ijkmoment-1", "due": "2031-05-01", "reason": ""}
    missing = await _post(api, "coordinator", form_path, {**sent, "step": "bevestigen"})
    assert missing.status_code == 422 and "Vul ‘reden’ in." in missing.text
    assert 'aria-invalid="true"' in missing.text
    sent["reason"] = "bestuurlijk overleg verschoven"
    confirm = await _post(api, "coordinator", form_path, {**sent, "step": "bevestigen"})
    assert "01-05-2031" in confirm.text and "bestuurlijk overleg verschoven" in confirm.text
    done = await _post(
        api, "coordinator", form_path, {**hidden(confirm.text), "step": "vastleggen"}
    )
    assert done.status_code == 303 and "DueDateMoved" in done.headers["location"]


async def test_a_viewer_sees_no_forms_and_cannot_open_one(api: Api) -> None:
    stream = await _ready(api, "DR")
    page = await api.http.get(f"/processen/{stream}", headers=cookie(api, "viewer"))
    assert page.status_code == 200 and 'id="doen"' not in page.text
    form = await api.http.get(f"/processen/{stream}/doen/review", headers=cookie(api, "viewer"))
    assert form.status_code == 403
    reviewer = await api.http.get(f"/processen/{stream}", headers=cookie(api, "reviewer"))
    assert 'id="doen"' in reviewer.text and 'id="form-review"' in reviewer.text
    assert 'id="form-termijn"' not in reviewer.text  # a coordinator's form
    assert f'href="/processen/{stream}/doen/review?checkpoint=1"' in reviewer.text  # by its row
    tasks = await api.http.get("/mijn-werk", headers=cookie(api, "reviewer"))
    assert f'href="/processen/{stream}/doen/review?checkpoint=1"' in tasks.text


async def test_a_signatory_signs_the_text_shown_with_its_hash(api: Api) -> None:
    client = api.services.client
    assert client is not None
    journey = Journey(client, api.services.settings.task_queue, "GE", api.services.catalog)
    journey.label = api.services.label or journey.label
    await journey.start()
    text_hash = await journey.to_arrangement()
    await Projector(api.services.engine).catch_up()
    stream = api.services.province_stream("GE")
    page = await api.http.get(f"/processen/{stream}", headers=cookie(api, "signatory_ge"))
    assert 'id="form-tekenen"' in page.text and 'id="form-weigeren"' in page.text
    form_path = f"/processen/{stream}/doen/tekenen"
    form = await api.http.get(form_path, headers=cookie(api, "signatory_ge"))
    assert "Ruimtelijk arrangement" in form.text and text_hash in form.text
    fields = hidden(form.text)
    assert (fields["signatory"], fields["text_hash"]) == ("gedeputeerde-ge", text_hash)
    confirm = await _post(api, "signatory_ge", form_path, {**fields, "step": "bevestigen"})
    assert 'id="arrangement-hash"' in confirm.text and text_hash in confirm.text
    done = await _post(
        api, "signatory_ge", form_path, {**hidden(confirm.text), "step": "vastleggen"}
    )
    assert done.status_code == 303 and "ArrangementSigned" in done.headers["location"]
    twice = await _post(api, "signatory_ge", form_path, {**fields, "step": "vastleggen"})
    assert twice.status_code == 303  # the same form again: answered, not signed twice
    fresh = hidden((await api.http.get(form_path, headers=cookie(api, "signatory_ge"))).text)
    again = await _post(api, "signatory_ge", form_path, {**fresh, "step": "vastleggen"})
    assert (
        again.status_code == 409
        and "gedeputeerde-ge heeft dit arrangement al getekend" in again.text
    )


async def test_a_schuurpunt_raised_through_a_form_names_its_programme_or_is_refused(
    api: Api,
) -> None:
    stream = await _ready(api, "ZE")
    form_path = f"/processen/{stream}/doen/schuurpunt"
    form = await api.http.get(form_path, headers=cookie(api, "coordinator"))
    programme = api.services.catalog.programmes[0]
    assert f'<option value="{programme.id}">{programme.name}</option>' in form.text
    sent = {**hidden(form.text), "description": "Zoetwater tegen woningbouw"}
    unknown = await _post(
        api, "coordinator", form_path, {**sent, "theme": "x", "step": "vastleggen"}
    )
    assert unknown.status_code == 422
    assert "Het nationale programma x bestaat niet" in unknown.text
    fresh = {**hidden(unknown.text), "description": "Zoetwater tegen woningbouw"}
    done = await _post(
        api, "coordinator", form_path, {**fresh, "theme": programme.id, "step": "vastleggen"}
    )
    assert done.status_code == 303 and "FrictionRaised" in done.headers["location"]
    detail = (await api.http.get("/api/provinces/ZE", headers=api.auth("viewer"))).json()
    assert [(f["description"], f["theme"]) for f in detail["view"]["frictions"]] == [
        ("Zoetwater tegen woningbouw", programme.id)
    ]
