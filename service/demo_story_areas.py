"""The story of the NOVEX areas `novex demo` tells, as data (fictional details on the public
timeline): their ijkpunten in 2023, their perspectives — planned for 1 July 2023, adopted late
2023 and early 2024, two still under way — the Lelylijn's agenda running late and an
uitvoeringsafspraak of De Peel waiting for its bewindspersoon."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from service.demo_story import Line, day, line


@dataclass(frozen=True)
class AreaStory:
    """One area: its ijkpunten, its first perspective (drafted, readiness) and when that was
    adopted (None: not yet); ``revision``: who sent it back and why."""

    ijkpunten: tuple[date, date]
    drafted: date
    readiness: int
    adopted: date | None
    revision: tuple[str, str] | None = None
    extra: tuple[Line, ...] = ()


def area(
    first: str, second: str, drafted: str, readiness: int, adopted: str | None, **more: Any
) -> AreaStory:
    return AreaStory(
        (day(first), day(second)),
        day(drafted),
        readiness,
        day(adopted) if adopted else None,
        **more,
    )


def _action(on: str, id_: str, title: str, owner: str, start: str, end: str, **more: Any) -> Line:
    fields = {"id": id_, "title": title, "owner": owner, "planned_start": start, **more}
    return line(on, "AddAction", action={**fields, "planned_end": end})


LELYLIJN_AGENDA = (
    _action("2023-09-04", "mirt", "MIRT-verkenning Lelylijn", "IenW", "2023-09-01", "2025-06-30",
            budget="12000000"),
    _action("2023-09-04", "trace", "Tracébesluit", "IenW", "2025-07-01", "2027-12-31",
            budget="25000000"),
    _action("2023-09-04", "bouw", "Aanleg", "ProRail", "2028-01-01", "2036-12-31",
            deadline="2037-06-30", budget="3000000000"),
    line("2023-09-04", "AddDependency", dependency={"before": "mirt", "after": "trace"}),
    line("2023-09-04", "AddDependency", dependency={"before": "trace", "after": "bouw"}),
    line("2023-09-04", "StartAction", action_id="mirt", on="2023-09-04"),
    line("2023-10-02", "AddContribution",
         contribution={"id": "c1", "action_id": "mirt", "side": "rijk", "amount": "3000000",
                       "fund": "Mobiliteitsfonds"}),
    line("2024-11-18", "RescheduleAction", action_id="mirt", planned_start="2023-09-01",
         planned_end="2026-12-31", reason="Extra onderzoek naar de financiering"),
)  # fmt: skip
"""The verkenning takes longer, so the whole line misses its deadline (the critical path)."""

DE_PEEL_AFSPRAAK = (
    line("2026-05-11", "ProposeAgreement",
         agreement={"id": "A1", "text": "Extensivering rond Natura 2000: 2.000 ha in 2030"}),
    line("2026-05-20", "ConfirmAgreement", agreement_id="A1", member="bestuurder-de-peel"),
)  # fmt: skip
"""Confirmed by the regio's member of the duo; the bewindspersoon's confirmation waits."""

AREAS: dict[str, AreaStory] = {
    "amsterdam-nzkg": area("2023-01-30", "2023-04-17", "2023-06-26", 90, "2023-11-13"),
    "regio-schiphol": area("2023-02-06", "2023-05-08", "2023-09-04", 70, "2024-01-22"),
    "mra": area("2023-01-31", "2023-04-18", "2023-06-19", 85, "2023-10-30"),
    "zuidelijke-randstad": area("2023-01-30", "2023-04-19", "2023-07-03", 80, "2023-12-11"),
    "rotterdamse-haven": area("2023-01-26", "2023-04-12", "2023-06-12", 95, "2023-09-25"),
    "groene-hart": area("2023-02-01", "2023-04-19", "2023-09-18", 60, None,
                        revision=("rijk", "Bodemdaling en waterpeil concreter maken")),
    "utrecht-amersfoort": area("2023-01-31", "2023-04-18", "2023-06-26", 85, "2023-11-06"),
    "arnhem-nijmegen-foodvalley": area("2023-01-30", "2023-04-17", "2023-07-10", 80,
                                       "2023-12-04"),
    "north-sea-port-district": area(
        "2023-02-14", "2023-05-22", "2024-03-18", 55, None,
        revision=("province:ZE", "Afstemming met Oost-Vlaanderen over de Kanaalzone ontbreekt"),
    ),
    "stedelijk-brabant": area("2023-02-01", "2023-04-19", "2023-07-03", 80, "2023-12-18"),
    "de-peel": area("2023-01-25", "2023-04-11", "2023-06-05", 95, "2023-11-20",
                    extra=DE_PEEL_AFSPRAAK),
    "zuid-limburg": area("2023-02-08", "2023-05-01", "2023-08-28", 75, "2024-01-29"),
    "regio-zwolle": area("2023-01-31", "2023-04-17", "2023-07-03", 85, "2023-11-27"),
    "groningen": area("2023-02-06", "2023-06-12", "2023-10-16", 65, "2024-02-05"),
    "groningen-assen": area("2023-01-30", "2023-04-17", "2023-07-10", 80, "2023-12-11"),
    "lelylijn": area("2023-02-13", "2023-05-15", "2023-10-09", 70, "2024-01-15",
                     extra=LELYLIJN_AGENDA),
}  # fmt: skip
"""Groene Hart and North Sea Port District were sent back; their second versions come today."""
