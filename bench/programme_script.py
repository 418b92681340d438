"""The whole programme as one script, phase by phase: 12 journeys and 16 areas from their start to
signed arrangements and amendments, with the process time skipped between phases."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from temporalio.testing import WorkflowEnvironment

from domain.area import commands as ac
from domain.catalog.model import Catalog
from domain.escalation.commands import AgreeToProposal, ProposeDecision
from domain.escalation.events import Decision
from domain.province import commands as cmd
from domain.shared.commands import ChangeFriction, Command
from service.commands import send_escalation_command
from service.rehearsal import AGREEMENTS, Area, Journey, status_when
from workflows.ids import escalation_workflow_id

REVISE = ("FR", "DR", "ZE")  # a reviewer asks for more at ijkmoment 1: a second draft
RESOLVED = ("NH",)  # a schuurpunt at ijkmoment 2 the parties solve themselves
DUO_DECIDES = ("ZH",)  # escalated; the hoog-ambtelijk duo decides at level 1
CLIMBS = ("UT", "LI")  # escalated; level 1 lets its deadline pass, level 2 decides
PROCESS_AGREEMENT = ("GR",)  # a procesafspraak instead of an arrangement
AMENDED = ("GE", "ZH")  # signed, then amended: a second round, signed again
DECISION = Decision(kind="schuurpunt beslecht", text="Woningbouw buiten de geluidscontour")
PHASE_DAYS = 100
YEARS_OF_PROCESS = 3


@dataclass
class Programme:
    """Drivers of every process under one label, and a tally of the calls each phase made per
    process (the bare run repeats that shape)."""

    env: WorkflowEnvironment
    catalog: Catalog
    queue: str
    label: str
    journeys: dict[str, Journey] = field(default_factory=dict)
    areas: dict[str, Area] = field(default_factory=dict)
    phase: str = "start"
    tally: dict[str, Counter[str]] = field(default_factory=dict)
    skipped: timedelta = timedelta()

    def __post_init__(self) -> None:
        client, queue, catalog, tag = self.env.client, self.queue, self.catalog, self.label
        for code in catalog.province_codes:
            self.journeys[code] = Journey(client, queue, code, catalog, tag)
        for area in catalog.areas:
            self.areas[area.id] = Area(client, queue, area.id, catalog, tag)

    def count(self, stream: str) -> None:
        self.tally.setdefault(self.phase, Counter())[stream] += 1

    async def send(self, process: Journey | Area, command: Command) -> dict[str, Any]:
        self.count(process.stream_id)
        return (await process.send(command)).status

    async def escalation(self, escalation_id: str, command: Command) -> None:
        self.count(escalation_id)
        await send_escalation_command(self.env.client, escalation_id, command)

    async def skip(self, days: int) -> None:
        await self.env.sleep(timedelta(days=days))
        self.skipped += timedelta(days=days)


async def reviews(p: Programme, journey: Journey, number: int, first: str = "akkoord") -> None:
    """A draft for an ijkmoment, then every review it asks (the first says ``first``)."""
    draft = cmd.SubmitDraft(actor="gs", checkpoint=number, document_ref=f"d{number}", summary="s")
    status = await p.send(journey, draft)
    for i, party in enumerate(status["checkpoints"][str(number)]["missing_reviews"]):
        outcome = first if i == 0 else "akkoord"
        remarks = "" if outcome == "akkoord" else "Woningbouw in de geluidszone"
        review = cmd.SubmitReview(
            actor=party, checkpoint=number, party=party, outcome=outcome, remarks=remarks
        )
        await p.send(journey, review)


async def start(p: Programme) -> None:
    async def one(process: Journey | Area) -> None:
        p.count(process.stream_id)
        await process.start()

    await asyncio.gather(*(one(j) for j in p.journeys.values()))
    await asyncio.gather(*(one(a) for a in p.areas.values()))


async def first_ijkmoment(p: Programme) -> None:
    async def one(code: str, journey: Journey) -> None:
        await reviews(p, journey, 1, "aanvullen" if code in REVISE else "akkoord")
        if code in REVISE:  # the revise round: a second draft, reviewed again
            await reviews(p, journey, 1)

    await asyncio.gather(*(one(c, j) for c, j in p.journeys.items()))


async def _decide(p: Programme, escalation_id: str, level: int) -> None:
    status = await status_when(p.env.client, escalation_id, lambda s: s["level"] == level)
    a, b = status["members"][:2]
    await p.escalation(escalation_id, ProposeDecision(actor=a, member=a, decision=DECISION))
    status = await status_when(p.env.client, escalation_id, lambda s: bool(s["proposals"]))
    proposal = status["proposals"][-1]["id"]
    await p.escalation(escalation_id, AgreeToProposal(actor=b, member=b, proposal_id=proposal))


async def second_ijkmoment(p: Programme) -> None:
    """Schuurpunten: one solved by the parties, three escalated; two of those climb a level."""
    frictions = RESOLVED + DUO_DECIDES + CLIMBS

    async def one(code: str, journey: Journey) -> None:
        await reviews(p, journey, 2, "schuurpunt" if code in frictions else "akkoord")
        if code in frictions:
            status = "opgelost" if code in RESOLVED else "geëscaleerd"
            change = ChangeFriction(actor="regieteam", friction_id="S1", status=status, note="n")
            await p.send(journey, change)

    await asyncio.gather(*(one(c, j) for c, j in p.journeys.items()))
    ids = {c: escalation_workflow_id(p.journeys[c].stream_id, 1) for c in DUO_DECIDES + CLIMBS}
    await asyncio.gather(*(_decide(p, ids[c], 1) for c in DUO_DECIDES))
    for code in CLIMBS:  # level 1 proposes, but the other member never agrees
        status = await status_when(p.env.client, ids[code], lambda s: s["level"] == 1)
        a = status["members"][0]
        await p.escalation(ids[code], ProposeDecision(actor=a, member=a, decision=DECISION))
    await p.skip(15)  # level 1 decides within 14 days
    await asyncio.gather(*(_decide(p, ids[c], 2) for c in CLIMBS))
    for code in DUO_DECIDES + CLIMBS:  # a decided schuurpunt lets its ijkmoment pass (0.2)
        journey = p.journeys[code]
        await status_when(
            p.env.client, journey.stream_id, lambda s: s["checkpoints"]["2"]["status"] == "passed"
        )


async def perspectives(p: Programme) -> None:
    """Every area drafts, has reviewed and adopts its perspective, delivered to its provinces;
    each also plans an action of its uitvoeringsagenda."""

    async def one(area: Area) -> None:
        draft = ac.DraftPerspective(actor="regio", document_ref="op", summary="s", readiness=95)
        status = await p.send(area, draft)
        for party in status["perspective"]["missing_reviews"]:
            await p.send(area, ac.ReviewPerspective(actor=party, party=party, outcome="akkoord"))
        await p.send(area, ac.AdoptPerspective(actor="duo"))

    await asyncio.gather(*(one(a) for a in p.areas.values()))


async def third_ijkmoment(p: Programme) -> None:
    await asyncio.gather(*(reviews(p, j, 3) for j in p.journeys.values()))


async def proposals(p: Programme) -> None:
    async def one(journey: Journey) -> None:
        await p.send(journey, cmd.SubmitProposal(actor="gs", document_ref="v", summary="v"))
        await p.send(journey, cmd.AdoptProposal(actor="minister-vro"))

    await asyncio.gather(*(one(j) for j in p.journeys.values()))


async def sign(p: Programme, journey: Journey) -> None:
    draft = cmd.DraftArrangement(actor="regieteam", text="Arrangement", agreements=AGREEMENTS)
    text_hash = (await p.send(journey, draft))["arrangement"]["text_hash"]
    for who in ("minister-vro", f"gedeputeerde-{journey.code.lower()}"):
        await p.send(journey, cmd.SignArrangement(actor=who, signatory=who, text_hash=text_hash))


async def arrangements(p: Programme) -> None:
    """Eleven arrangements signed, a procesafspraak for the twelfth."""

    async def one(code: str, journey: Journey) -> None:
        if code not in PROCESS_AGREEMENT:
            await sign(p, journey)
            return
        agreement = cmd.ConcludeProcessAgreement(actor="regieteam", text="t", reason="tijd")
        await p.send(journey, agreement)

    await asyncio.gather(*(one(c, j) for c, j in p.journeys.items()))


async def amendments(p: Programme) -> None:
    """Signed arrangements amended: a second round (a new run), drafted and signed again."""

    async def one(journey: Journey) -> None:
        await p.send(journey, cmd.StartAmendment(actor="regieteam", reason="Nieuwe opgave"))
        await sign(p, journey)

    await asyncio.gather(*(one(p.journeys[c]) for c in AMENDED))


Phase = Callable[[Programme], Awaitable[None]]
PHASES: list[tuple[str, Phase]] = [
    ("start", start),
    ("ijkmoment 1", first_ijkmoment),
    ("ijkmoment 2", second_ijkmoment),
    ("perspectives", perspectives),
    ("ijkmoment 3", third_ijkmoment),
    ("proposals", proposals),
    ("arrangements", arrangements),
    ("amendments", amendments),
]


async def run_programme(p: Programme) -> None:
    """Every phase, each followed by process time passing; then on to three years in all."""
    for name, phase in PHASES:
        p.phase = name
        await phase(p)
        await p.skip(PHASE_DAYS)
    rest = timedelta(days=365 * YEARS_OF_PROCESS) - p.skipped
    if rest > timedelta():
        await p.skip(rest.days)
