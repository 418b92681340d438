"""`novex demo` tells the programme's story on its real dates through the history import: the
board as of a past date shows how things stood then (the voorstellen handed in and waiting at
the start of 2025; eleven arrangements signed and a procesafspraak after the BOL of June 2025),
a process page as of then shows its own past, and today is alive (an escalation with a
proposal, perspectives in review, a signature and an afspraak waiting). A second demo records
nothing new. Over the shipped catalog, under a label of its own."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.testing import WorkflowEnvironment

from config.catalog_file import load_catalog
from service.demo import run_demo
from store.projector import Projector
from tests.api.conftest import Api, open_api
from workflows.ids import escalation_workflow_id, province_workflow_id


@pytest.fixture(scope="module")
async def demo(engine: AsyncEngine, temporal_env: WorkflowEnvironment, worker_queue: str) -> Any:
    async with open_api(engine, temporal_env.client, worker_queue, load_catalog()) as api:
        done = await run_demo(api.services)
        await Projector(api.services.engine).catch_up()
        yield api, done


async def _board(api: Api, as_of: str | None = None) -> dict[str, dict[str, Any]]:
    params = {"per_page": "500", **({"as_of": as_of} if as_of else {})}
    answer = await api.http.get("/api/status", params=params, headers=api.auth("viewer"))
    assert answer.status_code == 200, answer.text
    return {row["stream_id"].split(".")[0]: row for row in answer.json()}


def _provinces(board: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {k.removeprefix("province-"): r for k, r in board.items() if r["kind"] == "province"}


async def test_the_demo_imports_its_history_and_refuses_nothing(demo: Any) -> None:
    _, done = demo
    assert not [line for line in done if "overgeslagen" in line], done
    assert "28 processen" in done[0] and "11 ruimtelijke arrangementen getekend" in done[2]
    assert "Groningen: procesafspraak" in done


async def test_before_the_startpakketten_nothing_had_started(demo: Any) -> None:
    api, _ = demo
    assert await _board(api, "2022-12-11") == {}


async def test_at_the_start_of_2025_every_voorstel_was_in_and_none_adopted(demo: Any) -> None:
    api, _ = demo
    provinces = _provinces(await _board(api, "2025-01-01"))
    assert len(provinces) == 12
    assert {r["phase"] for r in provinces.values()} == {"ruimtelijk voorstel"}
    for code, row in provinces.items():
        checkpoints = row["summary"]["checkpoints"]
        assert {c["status"] for c in checkpoints.values()} <= {"passed", "closed"}, code
        assert row["summary"]["proposal_adopted"] is False, code
    assert "voorstel" in provinces["GE"]["summary"]["overdue"]  # planned for 1 July 2023


async def test_after_the_bol_of_june_2025_eleven_signed_and_groningen_has_a_procesafspraak(
    demo: Any,
) -> None:
    api, _ = demo
    provinces = _provinces(await _board(api, "2025-07-01"))
    assert Counter(r["phase"] for r in provinces.values()) == {"getekend": 11, "procesafspraak": 1}
    assert provinces["GR"]["phase"] == "procesafspraak"
    before = _provinces(await _board(api, "2025-06-09"))  # the day before the BOL
    assert Counter(r["phase"] for r in before.values()) == {"arrangement": 12}


async def test_a_province_page_as_of_a_past_date_shows_its_past(demo: Any) -> None:
    api, _ = demo
    headers = api.auth("viewer")
    then = await api.http.get("/api/provinces/NH", params={"as_of": "2023-06-01"}, headers=headers)
    assert then.status_code == 200, then.text
    friction = then.json()["view"]["frictions"][0]
    assert friction["status"] == "geëscaleerd"
    now = (await api.http.get("/api/provinces/NH", headers=headers)).json()
    decided = now["view"]["frictions"][0]
    assert decided["status"] == "besloten" and "bestuurlijk duo" in decided["history"][-1]["note"]
    escalation = escalation_workflow_id(province_workflow_id("NH", api.services.label), 1)
    assert await api.services.store.stream_version(escalation) == 0  # decided in the history
    nb = await api.http.get("/api/provinces/NB", params={"as_of": "2024-03-01"}, headers=headers)
    proposal = nb.json()["view"]["proposal"]
    assert proposal["delivered"] == {
        "de-peel": "OP-de-peel-v1.pdf",
        "stedelijk-brabant": "OP-stedelijk-brabant-v1.pdf",
    }
    assert proposal["builds_on"] == ["stedelijk-brabant", "de-peel"]
    assert proposal["adopted"] is False


async def test_today_an_escalation_waits_for_an_answer_and_perspectives_for_reviews(
    demo: Any,
) -> None:
    api, _ = demo
    board = await _board(api)
    escalation = board["escalation-province-ZH~1"]["summary"]
    assert escalation["open"] and escalation["level"] == 1
    assert [p["by"] for p in escalation["proposals"]] == ["accountmanager-zh"]
    assert board["province-ZH"]["phase"] == "arrangement"  # the amendment of 2026
    perspective = board["area-groene-hart"]["summary"]["perspective"]
    assert perspective["version"] == 2 and "rijk" in perspective["missing_reviews"]
    agenda = board["area-lelylijn"]["summary"]["agenda"]
    assert agenda["critical_path"] == ["mirt", "trace", "bouw"] and "bouw" in agenda["late"]


async def test_a_second_demo_records_nothing_new(demo: Any) -> None:
    api, _ = demo
    before = await api.services.store.stream_version(province_workflow_id("GE", api.services.label))
    again = await run_demo(api.services)
    assert "28 al vastgelegd: niets nieuws" in again[0], again
    after = await api.services.store.stream_version(province_workflow_id("GE", api.services.label))
    assert after == before
