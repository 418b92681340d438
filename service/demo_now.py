"""What `novex demo` does today, after the history (undated: it happens now): Zuid-Holland's
amendment meets a schuurpunt that goes to the hoog-ambtelijk duo, whose rijk member proposes a
decision; Het Groene Hart and North Sea Port District put a new version of their perspective up
for review. Every command carries a fixed idempotency key, so a second demo records it once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from domain.area import commands as ac
from domain.escalation.commands import ProposeDecision
from domain.escalation.events import Decision
from domain.shared.commands import ChangeFriction, Command, RaiseFriction
from service.commands import (
    CommandRefused,
    send_area_command,
    send_command,
    send_escalation_command,
)
from service.rehearsal import status_when
from workflows.ids import escalation_workflow_id, province_workflow_id

if TYPE_CHECKING:
    from service.demo import Demo

ACTOR = "regieteam"
KEY = "demo:vandaag:"
SCHUURPUNT = "Woningbouw in de geluidszone van Rotterdam The Hague Airport"
PROPOSAL = Decision(kind="schuurpunt beslecht", text="Woningbouw buiten de 50 dB(A)-contour")
PERSPECTIVES = {
    "groene-hart": (
        "Ontwikkelperspectief Het Groene Hart, versie 2: bodemdaling en waterpeil uitgewerkt",
        80,
        ("province:ZH", "province:NH"),
    ),
    "north-sea-port-district": (
        "Ontwikkelperspectief North Sea Port District, versie 2: met de Kanaalzone",
        70,
        ("province:ZE",),
    ),
}
"""Per area: the new version's summary, its readiness and who reviewed it already today."""


async def _to_zh(demo: Demo, name: str, command: Command) -> dict[str, object]:
    services = demo.services
    result = await send_command(
        services.temporal, "ZH", command, services.label, key=f"{KEY}ZH:{name}"
    )
    return result.status


async def escalate_today(demo: Demo) -> list[str]:
    """A schuurpunt in Zuid-Holland's amendment round, escalated; the rijk member of the
    hoog-ambtelijk duo proposes a decision, the regio member has yet to answer."""
    services = demo.services
    try:
        raised = await _to_zh(
            demo,
            "schuurpunt",
            RaiseFriction(actor="rijk-accountteam", description=SCHUURPUNT, theme="woningbouw"),
        )
        friction = str(raised["open_frictions"][-1])  # type: ignore[index]
        escalated = await _to_zh(
            demo,
            "escaleren",
            ChangeFriction(
                actor=ACTOR,
                friction_id=friction,
                status="geëscaleerd",
                note="Niet op te lossen tussen accountteam en provincie",
            ),
        )
        number = int(escalated["escalations_requested"])  # type: ignore[call-overload]
        stream = province_workflow_id("ZH", services.label)
        escalation = escalation_workflow_id(stream, number)
        await status_when(services.temporal, escalation, lambda s: bool(s["level"]))
        member = services.catalog.province("ZH").civil_duo.rijk.id  # type: ignore[union-attr]
        await send_escalation_command(
            services.temporal,
            escalation,
            ProposeDecision(actor=member, member=member, decision=PROPOSAL),
            key=f"{KEY}{escalation}:voorstel",
        )
    except CommandRefused as exc:
        return [f"Zuid-Holland: escalatie overgeslagen ({exc})"]
    return [
        f"vandaag: Zuid-Holland, schuurpunt {friction} geëscaleerd naar het hoog-ambtelijk duo; "
        f"voorstel van {member} ligt er"
    ]


async def _to_area(demo: Demo, area_id: str, name: str, command: Command) -> None:
    services = demo.services
    await send_area_command(
        services.temporal, area_id, command, services.label, key=f"{KEY}{area_id}:{name}"
    )


async def perspectives_today(demo: Demo) -> list[str]:
    """A new version of two areas' perspectives, in review; some partners answered already."""
    services, done = demo.services, []
    for area_id, (summary, readiness, reviewed) in PERSPECTIVES.items():
        area = services.catalog.area(area_id)
        try:
            await _to_area(
                demo,
                area.id,
                "versie-2",
                ac.DraftPerspective(
                    actor=f"platform-{area.id}",
                    document_ref=f"OP-{area.id}-v2.pdf",
                    summary=summary,
                    readiness=readiness,
                ),
            )
            for party in reviewed:
                review = ac.ReviewPerspective(actor=party, party=party, outcome="akkoord")
                await _to_area(demo, area.id, f"review-{party}", review)
        except CommandRefused as exc:
            done.append(f"{area.name}: overgeslagen ({exc})")
            continue
        done.append(f"vandaag: {area.name}, ontwikkelperspectief versie 2 in review")
    return done
