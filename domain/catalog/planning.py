"""Turns catalog data into the command that starts a province's journey."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from domain.area.commands import StartArea
from domain.catalog.model import Catalog, CatalogError, Duo
from domain.province.commands import StartJourney
from domain.shared.events import PlannedCheckpoint
from domain.shared.ladder import LadderRung
from domain.shared.models import Task

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
END_OF_DAY = time(23, 59)


def end_of_day(day: date) -> datetime:
    """A due date means the end of that day, Dutch time."""
    return datetime.combine(day, END_OF_DAY, tzinfo=AMSTERDAM)


def resolve_ladder(
    catalog: Catalog, duo: Duo | None, civil_duo: Duo | None
) -> tuple[LadderRung, ...]:
    """The catalog's ladder with each duo level's members taken from the process's duos."""
    rungs: list[LadderRung] = []
    for level in catalog.escalation_ladder:
        if level.kind == "duo":
            chosen = civil_duo if level.duo == "civil" else duo
            if chosen is None:
                continue  # this process has no such duo: the ladder skips the level
            members: tuple[str, ...] = (chosen.rijk.id, chosen.region.id)
        else:
            members = level.members
        rungs.append(
            LadderRung(
                level=len(rungs) + 1,
                name=level.name,
                kind=level.kind,
                members=members,
                decision_days=level.decision_days,
                reminder_days=level.reminder_days,
            )
        )
    return tuple(rungs)


def journey_start(
    catalog: Catalog,
    province_code: str,
    *,
    actor: str,
    tasks: tuple[Task, ...] = (),
    round_: int = 1,
) -> StartJourney:
    """The start command for one province, with its parties, signatories and planned dates."""
    province = catalog.province(province_code)
    assert province.signatory is not None  # the catalog loader guarantees it
    schedule = catalog.schedule
    return StartJourney(
        actor=actor,
        province=province.code,
        name=province.name,
        round=round_,
        tasks=tasks,
        checkpoints=tuple(
            PlannedCheckpoint(number=c.number, name=c.name, due=end_of_day(c.due))
            for c in schedule.checkpoints
        ),
        proposal_due=end_of_day(schedule.proposal_due),
        arrangement_due=end_of_day(schedule.arrangement_due),
        reminder_lead_days=schedule.reminder_lead_days,
        review_days=schedule.review_days,
        review_parties=province.review_parties,
        signatories=(catalog.rijk_signatory, province.signatory),
        areas=tuple(a.id for a in catalog.areas_in(province.code)),
        escalation_ladder=resolve_ladder(catalog, province.duo, province.civil_duo),
    )


def area_review_parties(catalog: Catalog, area_id: str) -> tuple[str, ...]:
    """Who reviews an area's perspective: the Rijk, each province it spans, its partners."""
    area = catalog.area(area_id)
    return ("rijk", *(f"province:{code}" for code in area.provinces), *area.partners)


def area_start(
    catalog: Catalog, area_key: str, *, actor: str, label: str | None = None
) -> StartArea:
    """The start command for one NOVEX area, with its duo, partners and ijkpunten."""
    area = catalog.area(area_key)
    if area.duo is None:
        raise CatalogError(f"area {area.name}: no duo in the catalog")
    schedule = catalog.schedule
    return StartArea(
        actor=actor,
        area=area.id,
        name=area.name,
        provinces=area.provinces,
        review_parties=area_review_parties(catalog, area.id),
        duo=area.duo,
        checkpoints=tuple(
            PlannedCheckpoint(number=c.number, name=c.name, due=end_of_day(c.due))
            for c in schedule.area_checkpoints
        ),
        perspective_due=end_of_day(schedule.perspective_due) if schedule.perspective_due else None,
        reminder_lead_days=schedule.reminder_lead_days,
        review_days=schedule.review_days,
        label=label,
        escalation_ladder=resolve_ladder(catalog, area.duo, area.civil_duo),
    )
