"""The story `novex demo` tells, as data: per province and per NOVEX area the dates its steps
were taken. The milestones follow the public timeline (startpakketten 12 December 2022,
voorstellen February 2024, the first series of ruimtelijke arrangementen at the BOL of 10–11
June 2025: eleven signed, Groningen a procesafspraak); every other detail — the days within a
month, who asked for a revision, the schuurpunten, the amendment of 2026 — is fictional."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

D = date

STARTPAKKET = D(2022, 12, 12)
"""The startpakketten went to the provinces on 12 December 2022 (planned: October 2022)."""
BOL = (D(2025, 6, 10), D(2025, 6, 11))
"""The BOL of 10–11 June 2025: the first series of ruimtelijke arrangementen."""


@dataclass(frozen=True)
class Revision:
    """A party sent a draft back (``aanvullen``); the province redrafted on ``redraft``."""

    checkpoint: int
    party: str
    remarks: str
    redraft: date


@dataclass(frozen=True)
class Amendment:
    """A signed arrangement amended: started (with its reason and new due date), the amended
    text drafted, and signed by the province (the minister's signature still to come)."""

    started: date
    reason: str
    due: date
    drafted: date
    signed_by_province: date


@dataclass(frozen=True)
class ProvinceStory:
    """One journey: the dates of its three drafts, its voorstel, the Rijk's adoption of it, the
    drafted arrangement and the BOL day it was signed (None: a procesafspraak that day)."""

    drafts: tuple[date | None, date | None, date | None]
    """A draft per ijkmoment; None: the ijkmoment was closed without one (see ``closed``)."""
    voorstel: date
    adopted: date
    drafted: date
    signed: date | None
    revision: Revision | None = None
    closed: tuple[int, date, str, str] | None = None
    """An ijkmoment closed without its own round: number, date, decision, reason."""
    builds_on_later: tuple[str, ...] = ()
    """Areas the voorstel builds on whose perspective came too late: waived before adoption."""
    amendment: Amendment | None = None
    extra: tuple[dict[str, object], ...] = ()
    """Further dated commands in the history file's format, merged in by date."""


@dataclass(frozen=True)
class AreaStory:
    """One area: its ijkpunten, its (first) perspective and when that was adopted (None: not
    yet). ``revision``: a party sent the first version back, (party, remarks)."""

    ijkpunten: tuple[date, date]
    drafted: date
    readiness: int
    adopted: date | None
    revision: tuple[str, str] | None = None
    extra: tuple[dict[str, object], ...] = field(default=())


def _line(day: date, type_: str, **fields: object) -> dict[str, object]:
    return {"date": day, "type": type_, **fields}


NH_SCHUURPUNT = (
    _line(
        D(2023, 4, 20),
        "RaiseFriction",
        checkpoint=2,
        theme="woningbouw",
        description="Woningbouw in de Haarlemmermeer botst met de geluidsruimte van Schiphol",
    ),
    _line(
        D(2023, 5, 22),
        "ChangeFriction",
        friction_id="S1",
        status="geëscaleerd",
        note="Niet op te lossen tussen accountteam en provincie: naar het bestuurlijk duo",
    ),
    _line(
        D(2023, 7, 3),
        "ChangeFriction",
        friction_id="S1",
        status="besloten",
        note="Besluit bestuurlijk duo: geen nieuwe woningen binnen de 48 dB(A) Lden-contour; "
        "de bouwopgave schuift naar Hoofddorp-Noord",
    ),
)
GE_SCHUURPUNT = (
    _line(
        D(2023, 3, 20),
        "RaiseFriction",
        checkpoint=2,
        theme="nplg",
        description="Woningbouw tegen stikstofruimte in de Gelderse Vallei",
    ),
    _line(
        D(2023, 5, 2),
        "ChangeFriction",
        friction_id="S1",
        status="opgelost",
        note="Fasering afgesproken in het bestuurlijk overleg",
    ),
)
OV_UITSTEL = (
    _line(
        D(2023, 5, 15),
        "MoveDueDate",
        target="ijkmoment-3",
        due="2023-09-30T23:59:00+02:00",
        reason="Provinciale Statenverkiezingen 2023: een nieuw college",
    ),
)
UT_HERZIENING = (
    _line(
        D(2023, 10, 30),
        "ReclassifyTask",
        task_id="UT-E1",
        kind="concreet",
        reason="Tracé van de netuitbreiding Utrecht-Oost is gekozen",
    ),
)

PROVINCES: dict[str, ProvinceStory] = {
    "DR": ProvinceStory(
        (D(2023, 2, 6), D(2023, 4, 11), D(2023, 9, 25)),
        D(2024, 2, 20), D(2025, 3, 11), D(2025, 5, 13), BOL[0],
    ),
    "FL": ProvinceStory(
        (D(2023, 2, 9), D(2023, 4, 13), D(2023, 10, 2)),
        D(2024, 2, 27), D(2025, 3, 18), D(2025, 5, 15), BOL[0],
    ),
    "FR": ProvinceStory(
        (D(2023, 2, 3), D(2023, 4, 24), D(2023, 10, 9)),
        D(2024, 2, 22), D(2025, 3, 11), D(2025, 5, 13), BOL[0],
        revision=Revision(
            1, "rijk-accountteam", "Opgaven Waddengebied en verzilting uitwerken", D(2023, 3, 13)
        ),
    ),
    "GE": ProvinceStory(
        (D(2023, 2, 1), D(2023, 4, 3), D(2023, 9, 18)),
        D(2024, 2, 1), D(2025, 2, 25), D(2025, 5, 6), BOL[0],
        extra=GE_SCHUURPUNT,
    ),
    "GR": ProvinceStory(
        (D(2023, 2, 8), None, D(2023, 12, 4)),
        D(2024, 2, 15), D(2025, 4, 1), D(2025, 5, 20), None,
        closed=(
            2, D(2023, 9, 12), "samengevoegd met ijkmoment 3",
            "Vertraging door de versterkingsopgave",
        ),
    ),
    "LI": ProvinceStory(
        (D(2023, 2, 10), D(2023, 4, 14), D(2023, 9, 28)),
        D(2024, 2, 23), D(2025, 3, 4), D(2025, 5, 8), BOL[1],
    ),
    "NB": ProvinceStory(
        (D(2023, 2, 2), D(2023, 4, 6), D(2023, 10, 16)),
        D(2024, 2, 29), D(2025, 3, 25), D(2025, 5, 20), BOL[1],
        revision=Revision(
            2, "programmes", "Stikstof en waterbeschikbaarheid in De Peel uitwerken",
            D(2023, 5, 15),
        ),
    ),
    "NH": ProvinceStory(
        (D(2023, 2, 13), D(2023, 4, 17), D(2023, 10, 23)),
        D(2024, 2, 28), D(2025, 4, 8), D(2025, 5, 22), BOL[1],
        extra=NH_SCHUURPUNT,
    ),
    "OV": ProvinceStory(
        (D(2023, 2, 14), D(2023, 4, 12), D(2023, 9, 11)),
        D(2024, 2, 8), D(2025, 2, 25), D(2025, 5, 6), BOL[0],
        extra=OV_UITSTEL,
    ),
    "UT": ProvinceStory(
        (D(2023, 2, 7), D(2023, 4, 10), D(2023, 9, 20)),
        D(2024, 2, 14), D(2025, 3, 4), D(2025, 5, 8), BOL[1],
        extra=UT_HERZIENING,
    ),
    "ZE": ProvinceStory(
        (D(2023, 2, 15), D(2023, 4, 19), D(2023, 10, 5)),
        D(2024, 2, 21), D(2025, 3, 18), D(2025, 5, 15), BOL[1],
    ),
    "ZH": ProvinceStory(
        (D(2023, 2, 6), D(2023, 4, 5), D(2023, 9, 27)),
        D(2024, 2, 26), D(2025, 4, 1), D(2025, 5, 22), BOL[1],
        builds_on_later=("groene-hart",),
        amendment=Amendment(
            D(2026, 3, 16),
            "Nota Ruimte: ruimte voor energie-infrastructuur in de Rotterdamse haven",
            D(2026, 12, 31),
            D(2026, 6, 15),
            D(2026, 6, 29),
        ),
    ),
}  # fmt: skip
"""Every voorstel was handed in in February 2024 and adopted in spring 2025."""


LELYLIJN_AGENDA = (
    _line(
        D(2023, 9, 4),
        "AddAction",
        action={
            "id": "mirt",
            "title": "MIRT-verkenning Lelylijn",
            "owner": "IenW",
            "planned_start": "2023-09-01",
            "planned_end": "2025-06-30",
            "budget": "12000000",
        },
    ),
    _line(
        D(2023, 9, 4),
        "AddAction",
        action={
            "id": "trace",
            "title": "Tracébesluit",
            "owner": "IenW",
            "planned_start": "2025-07-01",
            "planned_end": "2027-12-31",
            "budget": "25000000",
        },
    ),
    _line(
        D(2023, 9, 4),
        "AddAction",
        action={
            "id": "bouw",
            "title": "Aanleg",
            "owner": "ProRail",
            "planned_start": "2028-01-01",
            "planned_end": "2036-12-31",
            "deadline": "2037-06-30",
            "budget": "3000000000",
        },
    ),
    _line(D(2023, 9, 4), "AddDependency", dependency={"before": "mirt", "after": "trace"}),
    _line(D(2023, 9, 4), "AddDependency", dependency={"before": "trace", "after": "bouw"}),
    _line(D(2023, 9, 4), "StartAction", action_id="mirt", on="2023-09-04"),
    _line(
        D(2023, 10, 2),
        "AddContribution",
        contribution={
            "id": "c1",
            "action_id": "mirt",
            "side": "rijk",
            "amount": "3000000",
            "fund": "Mobiliteitsfonds",
        },
    ),
    _line(
        D(2024, 11, 18),
        "RescheduleAction",
        action_id="mirt",
        planned_start="2023-09-01",
        planned_end="2026-12-31",
        reason="Extra onderzoek naar de financiering",
    ),
)
"""The Lelylijn's agenda runs late: the verkenning takes longer, so the line misses its date."""

DE_PEEL_AFSPRAKEN = (
    _line(
        D(2026, 5, 11),
        "ProposeAgreement",
        agreement={"id": "A1", "text": "Extensivering rond Natura 2000: 2.000 ha in 2030"},
    ),
    _line(D(2026, 5, 20), "ConfirmAgreement", agreement_id="A1", member="bestuurder-de-peel"),
)
"""An uitvoeringsafspraak of De Peel waits for the bewindspersoon's confirmation."""

AREAS: dict[str, AreaStory] = {
    "amsterdam-nzkg": AreaStory((D(2023, 1, 30), D(2023, 4, 17)), D(2023, 6, 26), 90, D(2023, 11, 13)),
    "regio-schiphol": AreaStory((D(2023, 2, 6), D(2023, 5, 8)), D(2023, 9, 4), 70, D(2024, 1, 22)),
    "mra": AreaStory((D(2023, 1, 31), D(2023, 4, 18)), D(2023, 6, 19), 85, D(2023, 10, 30)),
    "zuidelijke-randstad": AreaStory(
        (D(2023, 1, 30), D(2023, 4, 19)), D(2023, 7, 3), 80, D(2023, 12, 11)
    ),
    "rotterdamse-haven": AreaStory(
        (D(2023, 1, 26), D(2023, 4, 12)), D(2023, 6, 12), 95, D(2023, 9, 25)
    ),
    "groene-hart": AreaStory(
        (D(2023, 2, 1), D(2023, 4, 19)), D(2023, 9, 18), 60, None,
        revision=("rijk", "Bodemdaling en waterpeil concreter maken"),
    ),
    "utrecht-amersfoort": AreaStory(
        (D(2023, 1, 31), D(2023, 4, 18)), D(2023, 6, 26), 85, D(2023, 11, 6)
    ),
    "arnhem-nijmegen-foodvalley": AreaStory(
        (D(2023, 1, 30), D(2023, 4, 17)), D(2023, 7, 10), 80, D(2023, 12, 4)
    ),
    "north-sea-port-district": AreaStory(
        (D(2023, 2, 14), D(2023, 5, 22)), D(2024, 3, 18), 55, None,
        revision=("province:ZE", "Afstemming met Oost-Vlaanderen over de Kanaalzone ontbreekt"),
    ),
    "stedelijk-brabant": AreaStory(
        (D(2023, 2, 1), D(2023, 4, 19)), D(2023, 7, 3), 80, D(2023, 12, 18)
    ),
    "de-peel": AreaStory(
        (D(2023, 1, 25), D(2023, 4, 11)), D(2023, 6, 5), 95, D(2023, 11, 20),
        extra=DE_PEEL_AFSPRAKEN,
    ),
    "zuid-limburg": AreaStory((D(2023, 2, 8), D(2023, 5, 1)), D(2023, 8, 28), 75, D(2024, 1, 29)),
    "regio-zwolle": AreaStory((D(2023, 1, 31), D(2023, 4, 17)), D(2023, 7, 3), 85, D(2023, 11, 27)),
    "groningen": AreaStory((D(2023, 2, 6), D(2023, 6, 12)), D(2023, 10, 16), 65, D(2024, 2, 5)),
    "groningen-assen": AreaStory(
        (D(2023, 1, 30), D(2023, 4, 17)), D(2023, 7, 10), 80, D(2023, 12, 11)
    ),
    "lelylijn": AreaStory(
        (D(2023, 2, 13), D(2023, 5, 15)), D(2023, 10, 9), 70, D(2024, 1, 15),
        extra=LELYLIJN_AGENDA,
    ),
}  # fmt: skip
"""The perspectives came in late 2023 and early 2024 (planned: 1 July 2023)."""
