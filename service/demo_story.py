"""The story `novex demo` tells, as data: per province the dates its steps were taken (the
areas' in service/demo_story_areas.py). The milestones follow the public timeline: the
startpakketten of 12 December 2022, the voorstellen of February 2024 (planned 1 July 2023), the
first series of ruimtelijke arrangementen at the BOL of 10–11 June 2025 (planned October 2023):
eleven signed, Groningen a procesafspraak. Every other detail — the days within a month, who
asked for a revision, the schuurpunten, the amendment of 2026 — is fictional."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

Line = dict[str, Any]
"""One dated command in the history file's format: date, type and the command's fields."""

STARTPAKKET = date(2022, 12, 12)
"""The startpakketten went to the provinces on 12 December 2022 (planned: October 2022)."""
BOL = (date(2025, 6, 10), date(2025, 6, 11))
"""The BOL of 10–11 June 2025: the first series of ruimtelijke arrangementen."""


def day(text: str) -> date:
    return date.fromisoformat(text)


def line(when: str, type_: str, **fields: Any) -> Line:
    """A dated command of the story (``when``: an ISO date)."""
    return {"date": day(when), "type": type_, **fields}


@dataclass(frozen=True)
class Revision:
    """A party sent a draft back (``aanvullen``); the province redrafted on ``redraft``."""

    checkpoint: int
    party: str
    remarks: str
    redraft: date


@dataclass(frozen=True)
class Amendment:
    """A signed arrangement amended: started (its reason, its new due date), the amended text
    drafted, and signed by the province — the minister's signature is still to come."""

    started: date
    reason: str
    due: date
    drafted: date
    signed_by_province: date


@dataclass(frozen=True)
class ProvinceStory:
    """One journey: the day of each ijkmoment's draft (None: closed without one, ``closed``),
    its voorstel, the Rijk's adoption of it, the drafted arrangement and the BOL day it was
    signed (None: a procesafspraak that day)."""

    drafts: tuple[date | None, ...]
    voorstel: date
    adopted: date
    drafted: date
    signed: date | None
    revision: Revision | None = None
    closed: tuple[int, date, str, str] | None = None
    """An ijkmoment closed without a round of its own: number, date, decision, reason."""
    waived: tuple[str, ...] = ()
    """Areas the voorstel builds on whose perspective did not come in time: waived."""
    amendment: Amendment | None = None
    extra: tuple[Line, ...] = ()
    """Further dated commands, merged in by date."""


def province(
    drafts: tuple[str | None, ...], voorstel: str, adopted: str, drafted: str, **more: Any
) -> ProvinceStory:
    """A journey signed at the BOL's first day unless ``signed`` says otherwise."""
    signed = more.pop("signed", BOL[0])
    return ProvinceStory(
        tuple(day(d) if d else None for d in drafts),
        day(voorstel),
        day(adopted),
        day(drafted),
        signed,
        **more,
    )


NH_SCHUURPUNT = (
    line(
        "2023-04-20",
        "RaiseFriction",
        checkpoint=2,
        theme="woningbouw",
        description="Woningbouw in de Haarlemmermeer botst met de geluidsruimte van Schiphol",
    ),
    line(
        "2023-05-22",
        "ChangeFriction",
        friction_id="S1",
        status="geëscaleerd",
        note="Niet op te lossen tussen accountteam en provincie: naar het bestuurlijk duo",
    ),
    line(
        "2023-07-03",
        "ChangeFriction",
        friction_id="S1",
        status="besloten",
        note="Besluit bestuurlijk duo: geen nieuwe woningen binnen de 48 dB(A) Lden-contour; "
        "de bouwopgave schuift naar Hoofddorp-Noord",
    ),
)
GE_SCHUURPUNT = (
    line(
        "2023-03-20",
        "RaiseFriction",
        checkpoint=2,
        theme="nplg",
        description="Woningbouw tegen stikstofruimte in de Gelderse Vallei",
    ),
    line(
        "2023-05-02",
        "ChangeFriction",
        friction_id="S1",
        status="opgelost",
        note="Fasering afgesproken in het bestuurlijk overleg",
    ),
)
OV_UITSTEL = line(
    "2023-05-15",
    "MoveDueDate",
    target="ijkmoment-3",
    due="2023-09-30T23:59:00+02:00",
    reason="Provinciale Statenverkiezingen 2023: een nieuw college",
)
UT_HERZIENING = line(
    "2023-10-30",
    "ReclassifyTask",
    task_id="UT-E1",
    kind="concreet",
    reason="Het tracé van de netuitbreiding Utrecht-Oost is gekozen",
)
ZH_WIJZIGING = Amendment(
    day("2026-03-16"),
    "Nota Ruimte: ruimte voor energie-infrastructuur in de Rotterdamse haven",
    day("2026-12-31"),
    day("2026-06-15"),
    day("2026-06-29"),
)

PROVINCES: dict[str, ProvinceStory] = {
    "DR": province(("2023-02-06", "2023-04-11", "2023-09-25"), "2024-02-20", "2025-03-11",
                   "2025-05-13"),
    "FL": province(("2023-02-09", "2023-04-13", "2023-10-02"), "2024-02-27", "2025-03-18",
                   "2025-05-15"),
    "FR": province(("2023-02-03", "2023-04-24", "2023-10-09"), "2024-02-22", "2025-03-11",
                   "2025-05-13",
                   revision=Revision(1, "rijk-accountteam",
                                     "Opgaven Waddengebied en verzilting uitwerken",
                                     day("2023-03-13"))),
    "GE": province(("2023-02-01", "2023-04-03", "2023-09-18"), "2024-02-01", "2025-02-25",
                   "2025-05-06", extra=GE_SCHUURPUNT),
    "GR": province(("2023-02-08", None, "2023-12-04"), "2024-02-15", "2025-04-01",
                   "2025-05-20", signed=None,
                   closed=(2, day("2023-09-12"), "samengevoegd met ijkmoment 3",
                           "Vertraging door de versterkingsopgave")),
    "LI": province(("2023-02-10", "2023-04-14", "2023-09-28"), "2024-02-23", "2025-03-04",
                   "2025-05-08", signed=BOL[1]),
    "NB": province(("2023-02-02", "2023-04-06", "2023-10-16"), "2024-02-29", "2025-03-25",
                   "2025-05-20", signed=BOL[1],
                   revision=Revision(2, "programmes",
                                     "Stikstof en waterbeschikbaarheid in De Peel uitwerken",
                                     day("2023-05-15"))),
    "NH": province(("2023-02-13", "2023-04-17", "2023-10-23"), "2024-02-28", "2025-04-08",
                   "2025-05-22", signed=BOL[1], extra=NH_SCHUURPUNT),
    "OV": province(("2023-02-14", "2023-04-12", "2023-09-11"), "2024-02-08", "2025-02-25",
                   "2025-05-06", extra=(OV_UITSTEL,)),
    "UT": province(("2023-02-07", "2023-04-10", "2023-09-20"), "2024-02-14", "2025-03-04",
                   "2025-05-08", signed=BOL[1], extra=(UT_HERZIENING,)),
    "ZE": province(("2023-02-15", "2023-04-19", "2023-10-05"), "2024-02-21", "2025-03-18",
                   "2025-05-15", signed=BOL[1]),
    "ZH": province(("2023-02-06", "2023-04-05", "2023-09-27"), "2024-02-26", "2025-04-01",
                   "2025-05-22", signed=BOL[1], waived=("groene-hart",),
                   amendment=ZH_WIJZIGING),
}  # fmt: skip
"""Every voorstel was handed in in February 2024 and adopted by the Rijk in spring 2025."""
