"""The demo's NOVEX areas: De Peel adopts its perspective, Groene Hart drafts one, the Lelylijn's
agenda slips."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from domain.area import commands as ac
from domain.area.agenda import Action, Dependency
from domain.area.events import Contribution
from service.rehearsal import Area

# (action, planned start and end in days from today, deadline in days from today)
LELYLIJN_ACTIONS = [
    ("mirt", 0, 200, None),
    ("trace", 200, 500, None),
    ("bouw", 500, 2000, 2100),
]


async def adopt_perspective(peel: Area) -> None:
    """Drafted, reviewed by every party asked, adopted (and so delivered to NB and LI)."""
    result = await peel.send(
        ac.DraftPerspective(
            actor="stuurgroep",
            document_ref="OP-De-Peel.pdf",
            summary="Ontwikkelperspectief De Peel",
            readiness=95,
        )
    )
    for party in result.status["perspective"]["missing_reviews"]:
        await peel.send(ac.ReviewPerspective(actor=party, party=party, outcome="akkoord"))
    await peel.send(ac.AdoptPerspective(actor="duo"))


async def draft_perspective(hart: Area) -> None:
    await hart.send(
        ac.DraftPerspective(
            actor="platform",
            document_ref="OP-Groene-Hart-v1.pdf",
            summary="Eerste versie",
            readiness=60,
        )
    )


async def slip_agenda(lely: Area, start: date) -> None:
    """Three actions in a row, a contribution, then the first action takes longer."""
    for action_id, a, b, deadline in LELYLIJN_ACTIONS:
        action = Action(
            id=action_id,
            title=action_id,
            owner="IenW",
            budget=Decimal(1_000_000),
            planned_start=start + timedelta(days=a),
            planned_end=start + timedelta(days=b),
            deadline=start + timedelta(days=deadline) if deadline is not None else None,
        )
        await lely.send(ac.AddAction(actor="ienw", action=action))
    for before, after in (("mirt", "trace"), ("trace", "bouw")):
        dependency = Dependency(before=before, after=after)
        await lely.send(ac.AddDependency(actor="ienw", dependency=dependency))
    contribution = Contribution(
        id="c1", action_id="mirt", side="rijk", amount=Decimal(3_000_000), fund="Mobiliteitsfonds"
    )
    await lely.send(ac.AddContribution(actor="ienw", contribution=contribution))
    await lely.send(
        ac.RescheduleAction(
            actor="ienw",
            action_id="mirt",
            planned_start=start,
            planned_end=start + timedelta(days=400),
            reason="Extra onderzoek",
        )
    )


async def area_work(areas: dict[str, Area]) -> None:
    await adopt_perspective(areas["de-peel"])
    await draft_perspective(areas["groene-hart"])
    await slip_agenda(areas["lelylijn"], date.today())
