"""`novex demo`: start the national programme from the catalog and drive it to a living picture:
provinces at different ijkmomenten, reviews, schuurpunten, an escalation, a signed arrangement,
a procesafspraak, areas with perspectives and an agenda that slipped."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from rich.progress import Progress
from temporalio.client import Client

from api.process import CommandRefused, start_areas, start_journeys
from api.rehearsal import Area, Journey, catalog_due_from, status_when
from domain.area import commands as ac
from domain.area.agenda import Action, Dependency
from domain.area.events import Contribution
from domain.catalog.model import Catalog
from domain.escalation.commands import ProposeDecision
from domain.escalation.events import Decision
from domain.province import commands as cmd
from domain.shared.commands import ChangeFriction, MoveDueDate, RaiseFriction
from workflows.ids import escalation_workflow_id


def demo_catalog(catalog: Catalog, today: date) -> Catalog:
    """The catalog's schedule moved so the demo's deadlines lie ahead (ijkmoment 1 in a month)."""
    moved = catalog_due_from(today - timedelta(days=30), step_days=60)
    return catalog.model_copy(update={"schedule": moved.schedule})


async def run_demo(
    client: Client, catalog: Catalog, task_queue: str, label: str | None
) -> list[str]:
    """Drive the programme; returns what was done, one line per step."""
    catalog = demo_catalog(catalog, datetime.now(UTC).date())
    tag = label or ""
    journeys = {c: Journey(client, task_queue, c, catalog, tag) for c in catalog.province_codes}
    areas = {a.id: Area(client, task_queue, a.id, catalog, tag) for a in catalog.areas}
    done: list[str] = []

    async def reviews(journey: Journey, number: int, outcome: str = "akkoord") -> None:
        draft = await journey.send(
            cmd.SubmitDraft(
                actor=f"gs-{journey.code.lower()}",
                checkpoint=number,
                document_ref=f"{journey.code}-ijkmoment-{number}.pdf",
                summary=f"Ruimtelijke puzzel {journey.code}, versie voor ijkmoment {number}",
            )
        )
        for i, party in enumerate(draft.status["checkpoints"][str(number)]["missing_reviews"]):
            said = outcome if i == 0 else "akkoord"
            await journey.send(
                cmd.SubmitReview(
                    actor=party,
                    checkpoint=number,
                    party=party,
                    outcome=said,
                    remarks="Graag uitwerken" if said != "akkoord" else "",
                )
            )

    async def start_all() -> None:
        await start_journeys(client, catalog, actor="regieteam", task_queue=task_queue, label=label)
        await start_areas(client, catalog, actor="regieteam", task_queue=task_queue, label=label)
        for journey in journeys.values():
            await journey.start()
        for area in areas.values():
            await area.start()
        done.append("12 provinciale trajecten en 16 NOVEX-gebieden gestart")

    async def signed() -> None:
        ge = journeys["GE"]
        text_hash = await ge.to_arrangement()
        for who in ("gedeputeerde-ge", "minister-vro"):
            await ge.send(cmd.SignArrangement(actor=who, signatory=who, text_hash=text_hash))
        done.append("Gelderland: ruimtelijk arrangement getekend")

    async def process_agreement() -> None:
        gr = journeys["GR"]
        await gr.to_arrangement()
        await gr.send(
            cmd.ConcludeProcessAgreement(
                actor="regieteam",
                text="Procesafspraak onderweg naar het ruimtelijk arrangement",
                reason="Opgaven Groningen vragen meer tijd",
            )
        )
        done.append("Groningen: procesafspraak")

    async def escalation() -> None:
        zh = journeys["ZH"]
        await reviews(zh, 1)
        await zh.send(
            cmd.SubmitDraft(
                actor="gs-zh", checkpoint=2, document_ref="ZH-2.pdf", summary="Concretisering"
            )
        )
        await zh.send(
            RaiseFriction(
                actor="rijk-accountteam",
                checkpoint=2,
                description="Woningbouw in de geluidszone van Rotterdam The Hague Airport",
            )
        )
        await zh.send(
            ChangeFriction(
                actor="regieteam",
                friction_id="S1",
                status="geëscaleerd",
                note="Niet op te lossen tussen accountteam en provincie",
            )
        )
        escalation_id = escalation_workflow_id(zh.stream_id, 1)
        await status_when(client, escalation_id, lambda s: bool(s["level"]))
        member = catalog.province("ZH").civil_duo.rijk.id  # type: ignore[union-attr]
        from api.process import send_escalation_command

        await send_escalation_command(
            client,
            escalation_id,
            ProposeDecision(
                actor=member,
                member=member,
                decision=Decision(
                    kind="schuurpunt beslecht", text="Woningbouw buiten de 50 dB(A)-contour"
                ),
            ),
        )
        done.append(
            "Zuid-Holland: schuurpunt geëscaleerd naar het hoog-ambtelijk duo, voorstel ligt er"
        )

    async def various() -> None:
        for code in ("UT", "NH"):
            await reviews(journeys[code], 1)
        await reviews(journeys["NB"], 1)
        await journeys["NB"].send(
            cmd.SubmitDraft(actor="gs-nb", checkpoint=2, document_ref="NB-2.pdf", summary="s")
        )
        await reviews(journeys["FR"], 1, outcome="aanvullen")
        later = datetime.now(UTC) + timedelta(days=400)
        await journeys["OV"].send(
            MoveDueDate(
                actor="regieteam",
                target="voorstel",
                due=later,
                reason="Afstemming met Regio Zwolle",
            )
        )
        done.append(
            "Utrecht, Noord-Holland, Noord-Brabant voorbij ijkmoment 1; Fryslân moet aanvullen; "
            "termijn voorstel Overijssel verzet"
        )

    async def area_work() -> None:
        peel = areas["de-peel"]
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
        hart = areas["groene-hart"]
        await hart.send(
            ac.DraftPerspective(
                actor="platform",
                document_ref="OP-Groene-Hart-v1.pdf",
                summary="Eerste versie",
                readiness=60,
            )
        )
        lely = areas["lelylijn"]
        start = date.today()
        steps = [
            ("mirt", 0, 200, None),
            ("trace", 200, 500, None),
            ("bouw", 500, 2000, start + timedelta(days=2100)),
        ]
        for action_id, a, b, deadline in steps:
            await lely.send(
                ac.AddAction(
                    actor="ienw",
                    action=Action(
                        id=action_id,
                        title=action_id,
                        owner="IenW",
                        budget=Decimal(1_000_000),
                        planned_start=start + timedelta(days=a),
                        planned_end=start + timedelta(days=b),
                        deadline=deadline,
                    ),
                )
            )
        await lely.send(
            ac.AddDependency(actor="ienw", dependency=Dependency(before="mirt", after="trace"))
        )
        await lely.send(
            ac.AddDependency(actor="ienw", dependency=Dependency(before="trace", after="bouw"))
        )
        await lely.send(
            ac.AddContribution(
                actor="ienw",
                contribution=Contribution(
                    id="c1",
                    action_id="mirt",
                    side="rijk",
                    amount=Decimal(3_000_000),
                    fund="Mobiliteitsfonds",
                ),
            )
        )
        await lely.send(
            ac.RescheduleAction(
                actor="ienw",
                action_id="mirt",
                planned_start=start,
                planned_end=start + timedelta(days=400),
                reason="Extra onderzoek",
            )
        )
        done.append(
            "De Peel: perspectief vastgesteld en geleverd aan NB en LI; Lelylijn: agenda uitgelopen"
        )

    steps: list[tuple[str, Callable[[], Awaitable[None]]]] = [
        ("programma starten", start_all),
        ("Gelderland tekent", signed),
        ("Groningen: procesafspraak", process_agreement),
        ("Zuid-Holland escaleert", escalation),
        ("andere provincies", various),
        ("NOVEX-gebieden", area_work),
    ]
    with Progress() as progress:
        bar = progress.add_task("demo", total=len(steps))
        for name, step in steps:
            progress.update(bar, description=name)
            try:
                await step()
            except CommandRefused as exc:  # a second demo on the same data: say so, carry on
                done.append(f"{name}: overgeslagen ({exc})")
            progress.advance(bar)
    return done
