"""A programme's history as data over HTTP, through the real workflows: the shipped example
imports (deadlines passed in it recorded missed on their due dates, nobody notified); a second
run records nothing new; a refused line names the file, the line, the process and the rule and
records nothing of its block; a history round-trips (import → export → import into a fresh run
→ the same events, but for when and under which ids they were recorded); coordinators only."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.testing import WorkflowEnvironment

from config.catalog_file import load_catalog
from notify.outbox import list_notifications
from tests.api.conftest import EXAMPLE, Api, import_history, open_api

PROCESSES = ["province-GE", "province-GR", "area-groningen"]


async def _events(api: Api, process: str) -> list[Any]:
    return await api.services.store.read_stream(f"{process}.{api.services.label}")


def _comparable(event: Any) -> dict[str, Any]:
    """An event as two runs of the same history record it: all but its id, when novex
    decided and recorded it, and the run's label."""
    data = {k: v for k, v in event.data.items() if k not in ("event_id", "decided_at", "label")}
    return {"type": event.type, "version": event.version, "data": data}


async def test_the_example_history_imports_and_a_second_run_records_nothing_new(
    shipped: Api,
) -> None:
    answer = await import_history(shipped, EXAMPLE.name, EXAMPLE.read_text(encoding="utf-8"))
    assert answer["refused"] == 0, answer
    assert [(p["process"], p["status"]) for p in answer["processes"]] == [
        (p, "recorded") for p in PROCESSES
    ]
    ge = await _events(shipped, "province-GE")
    types = [e.type for e in ge]
    assert types[0] == "JourneyStarted" and types[-1] == "ArrangementConcluded"
    missed = [(e.data["target"], e.data["occurred_on"]) for e in ge if e.type == "DeadlineMissed"]
    assert missed == [
        ("ijkmoment-1", "2023-02-15"),
        ("ijkmoment-2", "2023-04-15"),
        ("voorstel", "2023-07-01"),
        ("arrangement", "2023-10-31"),
    ]
    assert "EscalationRequested" not in types and "ReminderIssued" not in types
    corrected = [e for e in await _events(shipped, "province-GR") if e.data["correction_reason"]]
    assert [e.data["occurred_on"] for e in corrected] == ["2023-04-20"]
    notified = await list_notifications(shipped.services.engine, limit=10_000)
    assert not [n for n in notified if n["stream_id"].endswith(f".{shipped.services.label}")]

    versions = {p: len(await _events(shipped, p)) for p in PROCESSES}
    again = await import_history(shipped, EXAMPLE.name, EXAMPLE.read_text(encoding="utf-8"))
    assert [p["status"] for p in again["processes"]] == ["nothing new"] * 3
    assert {p: len(await _events(shipped, p)) for p in PROCESSES} == versions


BAD = """\
history:
  - process: province-ZE
    started: 2023-01-02
    commands:
      - {date: 2023-01-20, type: SubmitDraft, checkpoint: 1, document_ref: d1, summary: s}
      - {date: 2023-02-01, type: SubmitReview, checkpoint: 1, party: programmes, outcome: akkoord}
      - {date: 2023-01-25, type: SubmitReview, checkpoint: 1, party: rijk, outcome: akkoord}
  - process: province-UT
    started: 2023-01-02
    commands:
      - {date: 2023-01-20, type: SubmitDraft, checkpoint: 1, document_ref: d1, summary: s}
"""


async def test_a_refused_line_names_file_line_process_and_rule_and_records_nothing_of_its_block(
    shipped: Api,
) -> None:
    answer = await import_history(shipped, "bad.yaml", BAD)
    ze, ut = answer["processes"]
    assert ze["status"] == "refused" and answer["refused"] == 1
    assert ze["refusal"].startswith(
        "bad.yaml:7: province-ZE: SubmitReview refused by rule BackdatedWithoutReason:"
    )
    assert await _events(shipped, "province-ZE") == []  # not even its start
    assert ut["status"] == "recorded"  # every other process is judged on its own
    assert [e.type for e in await _events(shipped, "province-UT")][:2] == [
        "JourneyStarted",
        "DraftSubmitted",
    ]
    unknown = BAD.replace(
        "2023-01-25, type: SubmitReview, checkpoint: 1, party: rijk,",
        "2023-02-03, type: SubmitReview, checkpoint: 1, party: rijk,",
    )
    refused = (await import_history(shipped, "bad.yaml", unknown))["processes"][0]["refusal"]
    assert refused.startswith("bad.yaml:7: province-ZE: SubmitReview refused by rule NotAuthorized")
    forbidden = await shipped.http.post(
        "/api/history/import", json={"content": BAD}, headers=shipped.auth("province_ge")
    )
    assert forbidden.status_code == 403
    broken = await shipped.http.post(
        "/api/history/import",
        json={"name": "kapot.yaml", "content": "history: [\n"},
        headers=shipped.auth("coordinator"),
    )
    assert broken.status_code == 422 and "kapot.yaml:" in broken.json()["detail"]


async def test_a_history_round_trips_through_export_into_a_fresh_run(
    shipped: Api, engine: AsyncEngine, temporal_env: WorkflowEnvironment, worker_queue: str
) -> None:
    first = await import_history(shipped, EXAMPLE.name, EXAMPLE.read_text(encoding="utf-8"))
    assert first["refused"] == 0, first
    exported = await shipped.http.get("/api/history/export", headers=shipped.auth("viewer"))
    assert exported.status_code == 200 and exported.text.startswith("# novex history")
    async with open_api(engine, temporal_env.client, worker_queue, load_catalog()) as fresh:
        second = await import_history(fresh, "export.yaml", exported.text)
        assert second["refused"] == 0, second
        for process in PROCESSES:
            before = [_comparable(e) for e in await _events(shipped, process)]
            after = [_comparable(e) for e in await _events(fresh, process)]
            assert after == before, process
        again = await fresh.http.get("/api/history/export", headers=fresh.auth("viewer"))
        assert again.text == exported.text


CSV = """\
process,date,type,checkpoint,document_ref,summary,party,outcome
province-NB,2023-01-02,start,,,,,
province-NB,2023-01-20,SubmitDraft,1,NB-1.pdf,Eerste puzzel,,
province-NB,2023-02-01,SubmitReview,1,,,rijk-accountteam,akkoord
"""


async def test_a_simple_history_imports_from_csv_as_well(shipped: Api) -> None:
    answer = await import_history(shipped, "simpel.csv", CSV)
    assert answer["processes"][0]["status"] == "recorded", answer
    stored = await _events(shipped, "province-NB")
    assert [(e.type, e.data["occurred_on"]) for e in stored] == [
        ("JourneyStarted", "2023-01-02"),
        ("DraftSubmitted", "2023-01-20"),
        ("ReviewRequested", "2023-01-20"),
        ("ReviewSubmitted", "2023-02-01"),
        ("DeadlineMissed", "2023-02-15"),  # the history ends with ijkmoment 1 still open
        ("DeadlineMissed", "2023-04-15"),
        ("DeadlineMissed", "2023-06-01"),
        ("DeadlineMissed", "2023-07-01"),
        ("DeadlineMissed", "2023-10-31"),
    ]
