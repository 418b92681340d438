"""`novex demo`: start the national programme from the catalog and drive it to a living picture:
provinces at different ijkmomenten, reviews, schuurpunten, an escalation, a signed arrangement,
a procesafspraak, areas with perspectives and an agenda that slipped. One function per step."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from temporalio.client import Client

from domain.catalog.model import Catalog
from domain.escalation.commands import ProposeDecision
from domain.escalation.events import Decision
from domain.province import commands as cmd
from domain.shared.commands import ChangeFriction, MoveDueDate, RaiseFriction
from service.commands import CommandRefused, send_escalation_command
from service.demo_areas import area_work
from service.rehearsal import Area, Journey, catalog_due_from, status_when
from service.starting import start_areas, start_journeys
from workflows.ids import escalation_workflow_id

ACTOR = "regieteam"


def demo_catalog(catalog: Catalog, today: date) -> Catalog:
    """The catalog's schedule moved so the demo's deadlines lie ahead (ijkmoment 1 in a month)."""
    moved = catalog_due_from(today - timedelta(days=30), step_days=60)
    return catalog.model_copy(update={"schedule": moved.schedule})


@dataclass
class Demo:
    """The programme the demo drives: a driver per province journey and per NOVEX area."""

    client: Client
    catalog: Catalog
    task_queue: str
    label: str | None
    journeys: dict[str, Journey] = field(default_factory=dict)
    areas: dict[str, Area] = field(default_factory=dict)

    def __post_init__(self) -> None:
        tag, queue = self.label or "", self.task_queue
        for code in self.catalog.province_codes:
            self.journeys[code] = Journey(self.client, queue, code, self.catalog, tag)
        for area in self.catalog.areas:
            self.areas[area.id] = Area(self.client, queue, area.id, self.catalog, tag)


async def reviews(journey: Journey, number: int, outcome: str = "akkoord") -> None:
    """A draft for an ijkmoment, then every review it asks for (the first one says ``outcome``)."""
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


async def start_programme(demo: Demo) -> str:
    """Every journey and area from the catalog (a command may follow at once: it waits for
    the start it comes with)."""
    queue, label = demo.task_queue, demo.label
    await start_journeys(demo.client, demo.catalog, actor=ACTOR, task_queue=queue, label=label)
    await start_areas(demo.client, demo.catalog, actor=ACTOR, task_queue=queue, label=label)
    return "12 provinciale trajecten en 16 NOVEX-gebieden gestart"


async def sign_arrangement(demo: Demo) -> str:
    ge = demo.journeys["GE"]
    text_hash = await ge.to_arrangement()
    for who in ("gedeputeerde-ge", "minister-vro"):
        await ge.send(cmd.SignArrangement(actor=who, signatory=who, text_hash=text_hash))
    return "Gelderland: ruimtelijk arrangement getekend"


async def process_agreement(demo: Demo) -> str:
    gr = demo.journeys["GR"]
    await gr.to_arrangement()
    await gr.send(
        cmd.ConcludeProcessAgreement(
            actor=ACTOR,
            text="Procesafspraak onderweg naar het ruimtelijk arrangement",
            reason="Opgaven Groningen vragen meer tijd",
        )
    )
    return "Groningen: procesafspraak"


async def escalate(demo: Demo) -> str:
    """A schuurpunt in Zuid-Holland goes up the ladder; the rijk member of the duo proposes."""
    zh = demo.journeys["ZH"]
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
            theme="woningbouw",
        )
    )
    await zh.send(
        ChangeFriction(
            actor=ACTOR,
            friction_id="S1",
            status="geëscaleerd",
            note="Niet op te lossen tussen accountteam en provincie",
        )
    )
    escalation_id = escalation_workflow_id(zh.stream_id, 1)
    await status_when(demo.client, escalation_id, lambda s: bool(s["level"]))
    member = demo.catalog.province("ZH").civil_duo.rijk.id  # type: ignore[union-attr]
    decision = Decision(kind="schuurpunt beslecht", text="Woningbouw buiten de 50 dB(A)-contour")
    await send_escalation_command(
        demo.client,
        escalation_id,
        ProposeDecision(actor=member, member=member, decision=decision),
    )
    return "Zuid-Holland: schuurpunt geëscaleerd naar het hoog-ambtelijk duo, voorstel ligt er"


async def other_provinces(demo: Demo) -> str:
    journeys = demo.journeys
    for code in ("UT", "NH"):
        await reviews(journeys[code], 1)
    await reviews(journeys["NB"], 1)
    await journeys["NB"].send(
        cmd.SubmitDraft(actor="gs-nb", checkpoint=2, document_ref="NB-2.pdf", summary="s")
    )
    await reviews(journeys["FR"], 1, outcome="aanvullen")
    later = datetime.now(UTC) + timedelta(days=400)
    await journeys["OV"].send(
        MoveDueDate(actor=ACTOR, target="voorstel", due=later, reason="Afstemming met Regio Zwolle")
    )
    return (
        "Utrecht, Noord-Holland, Noord-Brabant voorbij ijkmoment 1; Fryslân moet aanvullen; "
        "termijn voorstel Overijssel verzet"
    )


async def novex_areas(demo: Demo) -> str:
    await area_work(demo.areas)
    return "De Peel: perspectief vastgesteld en geleverd aan NB en LI; Lelylijn: agenda uitgelopen"


Step = Callable[[Demo], Awaitable[str]]
STEPS: list[tuple[str, Step]] = [
    ("programma starten", start_programme),
    ("Gelderland tekent", sign_arrangement),
    ("Groningen: procesafspraak", process_agreement),
    ("Zuid-Holland escaleert", escalate),
    ("andere provincies", other_provinces),
    ("NOVEX-gebieden", novex_areas),
]


def _quiet(name: str, number: int) -> None:
    pass


async def run_demo(
    client: Client,
    catalog: Catalog,
    task_queue: str,
    label: str | None,
    on_step: Callable[[str, int], None] = _quiet,
) -> list[str]:
    """Drive the programme; returns what was done, one line per step. ``on_step`` hears each
    step's name and number as it begins."""
    demo = Demo(client, demo_catalog(catalog, datetime.now(UTC).date()), task_queue, label)
    done: list[str] = []
    for number, (name, step) in enumerate(STEPS):
        on_step(name, number)
        try:
            done.append(await step(demo))
        except CommandRefused as exc:  # a second demo on the same data: say so, carry on
            done.append(f"{name}: overgeslagen ({exc})")
    return done
