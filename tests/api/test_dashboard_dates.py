"""A dashboard form says when it happened, as the CLI's ``--on`` and ``--correction-reason`` do:
a past date is recorded as the date it took effect, an empty one is today; the rules' refusal of a
date (in the future, before the process's last date without a reason, before the process began)
comes back next to its field in Dutch, with nothing recorded."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from service.rehearsal import start_recorded, status_when
from store.projector import Projector
from tests.api.conftest import Api
from tests.api.test_dashboard_forms import cookie, hidden
from tests.api.test_workbench import _start
from workflows.ids import escalation_workflow_id

TODAY = datetime.now(ZoneInfo("Europe/Amsterdam")).date()


async def _started_on(api: Api, code: str, day: str = "2025-01-10") -> str:
    """A journey started on this date, its start recorded and on the board; its stream id."""
    start = {"provinces": [code], "areas": [], "occurred_on": day}
    answer = await api.http.post(
        "/api/programme/start", json=start, headers=api.auth("coordinator")
    )
    assert answer.status_code == 200, answer.text
    stream = api.services.province_stream(code)
    assert api.services.client is not None
    await start_recorded(api.services.client, stream)
    await Projector(api.services.engine).catch_up()
    return stream


async def _command(api: Api, code: str, **command: Any) -> None:
    answer = await api.http.post(
        f"/api/provinces/{code}/commands", json=command, headers=api.auth("coordinator")
    )
    assert answer.status_code == 200, answer.text


async def _history(api: Api, path: str) -> list[dict[str, Any]]:
    detail = (await api.http.get(path, headers=api.auth("viewer"))).json()
    history: list[dict[str, Any]] = detail["history"]
    return history


async def _send(api: Api, who: str, path: str, fields: dict[str, str], step: str) -> Any:
    return await api.http.post(path, data={**fields, "step": step}, headers=cookie(api, who))


def _error_of(html: str, field_id: str) -> str:
    """The message shown next to a field, and that its input is marked invalid."""
    found = re.search(rf'<p class="field-error" id="{field_id}-error">([^<]*)</p>', html)
    assert found, f"no error next to {field_id}"
    tag = re.search(rf'<input [^>]*id="{field_id}"[^>]*>', html)
    assert tag and 'aria-invalid="true"' in tag.group(0) and f"{field_id}-error" in tag.group(0)
    return found.group(1)


async def test_a_review_from_mijn_werk_dated_in_the_past_takes_effect_on_that_date(
    api: Api,
) -> None:
    await _started_on(api, "GE")
    draft = {"type": "SubmitDraft", "actor": "x", "checkpoint": 1, "document_ref": "d1"}
    await _command(api, "GE", **draft, summary="s", occurred_on="2025-02-01")
    await Projector(api.services.engine).catch_up()
    tasks = await api.http.get("/mijn-werk", headers=cookie(api, "reviewer"))
    link = re.search(r'href="(/processen/[^"]+/doen/review\?checkpoint=1)"', tasks.text)
    assert link, tasks.text
    form = await api.http.get(link.group(1), headers=cookie(api, "reviewer"))
    assert '<label for="review-occurred_on">Datum waarop het gebeurde (optioneel)' in form.text
    assert '<input type="date" id="review-occurred_on" name="occurred_on"' in form.text
    assert '<label for="review-correction_reason">Reden van correctie (optioneel)' in form.text
    assert "alleen bij een datum vóór 01-02-2025, de laatste datum in dit proces" in form.text
    path = link.group(1).split("?")[0]
    sent = {**hidden(form.text), "checkpoint": "1", "outcome": "akkoord", "remarks": ""}
    confirm = await _send(
        api, "reviewer", path, {**sent, "occurred_on": "2025-02-10"}, "bevestigen"
    )
    assert re.search(r"<dt>Datum waarop het gebeurde</dt><dd>10-02-2025</dd>", confirm.text)
    assert "Reden van correctie" not in confirm.text  # left empty: not a line to confirm
    done = await _send(api, "reviewer", path, hidden(confirm.text), "vastleggen")
    assert done.status_code == 303 and "ReviewSubmitted" in done.headers["location"]
    history = await _history(api, "/api/provinces/GE")
    assert [(h["type"], h["occurred_on"], h["correction_reason"]) for h in history[-1:]] == [
        ("ReviewSubmitted", "2025-02-10", None)
    ]


async def test_a_form_left_undated_records_today_and_one_dated_in_the_future_nothing(
    api: Api,
) -> None:
    stream = await _started_on(api, "FL")
    path = f"/processen/{stream}/doen/schuurpunt"
    form = await api.http.get(path, headers=cookie(api, "coordinator"))
    sent = {**hidden(form.text), "description": "Waterberging tegen woningbouw"}
    confirm = await _send(api, "coordinator", path, sent, "bevestigen")
    assert re.search(r"<dt>Datum waarop het gebeurde</dt><dd>vandaag</dd>", confirm.text)
    later = (TODAY + timedelta(days=2)).isoformat()
    future = await _send(api, "coordinator", path, {**sent, "occurred_on": later}, "vastleggen")
    assert future.status_code == 422
    said = _error_of(future.text, "schuurpunt-occurred_on")
    assert said.startswith("De datum waarop het gebeurde") and "ligt in de toekomst" in said
    assert f"vandaag is het {TODAY:%d-%m-%Y}" in said
    assert 'id="refusal"' in future.text and "Er is niets vastgelegd" in future.text
    assert f'value="{later}"' in future.text  # what was typed stays, to be changed
    assert [h["type"] for h in await _history(api, "/api/provinces/FL")] == ["JourneyStarted"]
    done = await _send(api, "coordinator", path, hidden(confirm.text), "vastleggen")
    assert done.status_code == 303 and "FrictionRaised" in done.headers["location"]
    history = await _history(api, "/api/provinces/FL")
    assert [(h["type"], h["occurred_on"]) for h in history] == [
        ("JourneyStarted", "2025-01-10"),
        ("FrictionRaised", TODAY.isoformat()),
    ]


async def test_a_date_before_the_last_needs_a_correction_reason_and_is_then_a_correction(
    api: Api,
) -> None:
    stream = await _started_on(api, "OV")
    raised = {"type": "RaiseFriction", "actor": "x", "description": "Stikstof"}
    await _command(api, "OV", **raised, occurred_on="2025-03-01")
    path = f"/processen/{stream}/doen/schuurpunt"
    form = await api.http.get(path, headers=cookie(api, "coordinator"))
    typed = {"description": "Netcongestie", "occurred_on": "2025-02-01"}
    backdated = await _send(api, "coordinator", path, {**hidden(form.text), **typed}, "vastleggen")
    assert backdated.status_code == 409
    said = _error_of(backdated.text, "schuurpunt-correction_reason")
    assert "ligt vóór 01-03-2025, de laatste datum in dit proces" in said
    assert "Vul de reden van correctie in." in said
    assert 'href="#schuurpunt-correction_reason"' in backdated.text  # the alert leads there
    needless = {**typed, "occurred_on": "2025-03-05", "correction_reason": "te laat gemeld"}
    refused = await _send(
        api, "coordinator", path, {**hidden(backdated.text), **needless}, "vastleggen"
    )
    assert refused.status_code == 409
    assert "Laat de reden leeg." in _error_of(refused.text, "schuurpunt-correction_reason")
    assert len(await _history(api, "/api/provinces/OV")) == 2  # nothing recorded
    corrected = {**hidden(refused.text), **typed, "correction_reason": "gemeld op 1 februari"}
    confirm = await _send(api, "coordinator", path, corrected, "bevestigen")
    assert "<dt>Reden van correctie</dt><dd>gemeld op 1 februari</dd>" in confirm.text
    done = await _send(api, "coordinator", path, hidden(confirm.text), "vastleggen")
    assert done.status_code == 303, done.text
    last = (await _history(api, "/api/provinces/OV"))[-1]
    assert (last["type"], last["occurred_on"], last["correction_reason"]) == (
        "FrictionRaised",
        "2025-02-01",
        "gemeld op 1 februari",
    )
    await Projector(api.services.engine).catch_up()
    page = await api.http.get(f"/processen/{stream}", headers=cookie(api, "viewer"))
    assert '01-02-2025 <small class="correction">(correctie: gemeld op 1 februari)' in page.text


async def test_an_escalations_proposal_carries_its_date_but_not_one_before_it_began(
    api: Api,
) -> None:
    await _start(api, "GE")
    await _command(api, "GE", type="RaiseFriction", actor="x", description="Energienet")
    escalate = {"type": "ChangeFriction", "actor": "x", "friction_id": "S1"}
    await _command(api, "GE", **escalate, status="geëscaleerd")
    escalation = escalation_workflow_id(api.services.province_stream("GE"), 1)
    assert api.services.client is not None
    await status_when(api.services.client, escalation, lambda s: s["level"] == 1)
    await Projector(api.services.engine).catch_up()
    path = f"/processen/{escalation}/doen/voorstellen"
    form = await api.http.get(path, headers=cookie(api, "duo"))
    assert form.status_code == 200 and 'id="voorstellen-occurred_on"' in form.text
    typed = {"kind": "schuurpunt beslecht", "text": "Tracé langs de A7"}
    yesterday = (TODAY - timedelta(days=1)).isoformat()
    early = {**typed, "occurred_on": yesterday, "correction_reason": "eerder besproken"}
    refused = await _send(api, "duo", path, {**hidden(form.text), **early}, "vastleggen")
    assert refused.status_code == 409
    said = _error_of(refused.text, "voorstellen-occurred_on")
    assert "ligt vóór het begin van dit proces" in said
    today = {**typed, "occurred_on": TODAY.isoformat()}
    done = await _send(api, "duo", path, {**hidden(refused.text), **today}, "vastleggen")
    assert done.status_code == 303 and "DecisionProposed" in done.headers["location"], done.text
    short = escalation.removeprefix("escalation-")
    last = (await _history(api, f"/api/escalations/{short}"))[-1]
    assert (last["type"], last["occurred_on"]) == ("DecisionProposed", TODAY.isoformat())
