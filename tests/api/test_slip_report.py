"""The slip report in the voortgangsrapportage, over an imported history: per milestone and
province the planned and the actual (effective) date and the months late, with the national
median — in Markdown, HTML and CSV, and as of any date."""

from __future__ import annotations

import csv
import io
from datetime import date

from domain.views.milestones import DAYS_PER_MONTH
from store.projector import Projector
from tests.api.conftest import EXAMPLE, Api, import_history


def _months(planned: date, actual: date) -> str:
    return f"{round((actual - planned).days / DAYS_PER_MONTH, 1):.1f}".replace(".", ",")


async def _report(api: Api, fmt: str, **params: str) -> str:
    answer = await api.http.get(
        "/api/report", params={"format": fmt, **params}, headers=api.auth("viewer")
    )
    assert answer.status_code == 200, answer.text
    return answer.text


async def test_the_report_gives_the_slip_per_milestone_and_province_with_the_national_median(
    shipped: Api,
) -> None:
    answer = await import_history(shipped, EXAMPLE.name, EXAMPLE.read_text(encoding="utf-8"))
    assert answer["refused"] == 0, answer
    await Projector(shipped.services.engine).catch_up()
    rows = list(csv.reader(io.StringIO(await _report(shipped, "csv"))))
    slip = {(r[1], r[2]): r[3:] for r in rows if r[0] == "vertraging per mijlpaal"}
    arrangement = date(2023, 10, 31)
    ge_signed, gr_agreed = date(2025, 6, 11), date(2025, 6, 11)
    assert slip[("arrangement", "Gelderland")] == [
        "31-10-2023",
        "11-06-2025",
        _months(arrangement, ge_signed),
    ]
    assert slip[("voorstel", "Groningen")] == [
        "01-07-2023",
        "05-03-2024",
        _months(date(2023, 7, 1), date(2024, 3, 5)),
    ]
    assert slip[("ijkmoment-3", "Gelderland")][1] == "28-09-2023"  # planned 1 June, moved
    assert slip[("ontwikkelperspectief", "NOVEX-gebied Groningen")][1] == "nog niet"
    medians = {(r[1], r[2]): r[3:] for r in rows if r[0] == "landelijke mediaan"}
    assert medians[("arrangement", "provincie")] == ["2 van 2", _months(arrangement, gr_agreed)]
    voorstel = sorted([date(2024, 2, 20), date(2024, 3, 5)])
    middle = voorstel[0] + (voorstel[1] - voorstel[0]) / 2
    assert medians[("voorstel", "provincie")][1] == _months(date(2023, 7, 1), middle)

    markdown = await _report(shipped, "md")
    assert "## Vertraging per mijlpaal (gepland tegen werkelijk)" in markdown
    assert "## Landelijke mediaan per mijlpaal" in markdown
    assert "<h2>Landelijke mediaan per mijlpaal</h2>" in await _report(shipped, "html")

    then = list(csv.reader(io.StringIO(await _report(shipped, "csv", as_of="2024-01-01"))))
    before = {(r[1], r[2]): r[3:] for r in then if r[0] == "vertraging per mijlpaal"}
    assert before[("arrangement", "Gelderland")][1:] == [
        "nog niet",
        _months(arrangement, date(2024, 1, 1)) + " (tot nu)",
    ]
