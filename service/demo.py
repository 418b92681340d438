"""`novex demo`: the programme's real story on its real dates, then what is going on today.

The history (service/demo_history.py, told from service/demo_story.py) is recorded through the
same import as `novex import`: per process one block, judged against the rules and recorded
through its workflow all or nothing. The milestones follow the public timeline — the
startpakketten of 12 December 2022, the ijkmomenten of 2023, the voorstellen of February 2024,
the first series of ruimtelijke arrangementen at the BOL of 10–11 June 2025 (eleven signed,
Groningen a procesafspraak); the details (days, revisions, schuurpunten, an amendment in 2026)
are fictional. Then today's work (service/demo_now.py): an escalation at the duo with a
proposal, perspectives in review. One function per step."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from service.context import Services
from service.demo_history import demo_history
from service.demo_now import escalate_today, perspectives_today
from service.demo_story import BOL, PROVINCES, STARTPAKKET
from service.history_file import write_yaml
from service.importing import Outcome, import_history
from service.starting import start_areas, start_journeys

ACTOR = "regieteam"
HISTORY_FILE = "demo-geschiedenis.yaml"
"""The name the generated history is imported under (refusals name it)."""


@dataclass
class Demo:
    """What the demo's steps work with, and what the import made of the history."""

    services: Services
    outcomes: list[Outcome] | None = None


def _told(demo: Demo, outcomes: list[Outcome]) -> list[str]:
    """What the history's import recorded, in a few lines; a refused block is named."""
    kept = [o for o in outcomes if o.status != "refused"]
    old = sum(o.status == "nothing new" for o in kept)
    lines = [
        f"geschiedenis ({HISTORY_FILE}) via novex import: {len(kept)} processen, "
        f"{sum(o.recorded for o in kept)} opdrachten, {sum(o.events for o in kept)} gebeurtenissen"
        + (f" ({old} al vastgelegd: niets nieuws)" if old else "")
    ]
    lines += [f"{o.process}: overgeslagen ({o.refusal})" for o in outcomes if o not in kept]
    catalog, told = demo.services.catalog, {o.process for o in kept}
    signed = [c for c, s in PROVINCES.items() if s.signed and f"province-{c}" in told]
    agreed = [c for c, s in PROVINCES.items() if not s.signed and f"province-{c}" in told]
    lines += [
        f"startpakketten {STARTPAKKET:%d-%m-%Y}, voorstellen februari 2024",
        f"BOL {BOL[0]:%d}–{BOL[1]:%d-%m-%Y}: {len(signed)} ruimtelijke arrangementen getekend",
    ]
    lines += [f"{catalog.province(c).name}: procesafspraak" for c in agreed]
    return lines


async def import_story(demo: Demo) -> list[str]:
    """The story as a history file, recorded by `novex import`'s own machinery."""
    services = demo.services
    text = write_yaml(demo_history(services.catalog))
    demo.outcomes = await import_history(services, HISTORY_FILE, text, ACTOR)
    return _told(demo, demo.outcomes)


async def start_the_rest(demo: Demo) -> list[str]:
    """Processes the catalog holds and the story does not tell of start on the startpakket's
    date (with the shipped catalog: none)."""
    services, told = demo.services, {o.process for o in demo.outcomes or ()}
    codes = [c for c in services.catalog.province_codes if f"province-{c}" not in told]
    areas = [a.id for a in services.catalog.areas if f"area-{a.id}" not in told]
    catalog, client, label = services.catalog, services.temporal, services.label
    queue = services.settings.task_queue
    started: dict[str, str] = {}
    if codes:
        started |= await start_journeys(
            client, catalog, actor=ACTOR, task_queue=queue, codes=codes, label=label,
            occurred_on=STARTPAKKET,
        )  # fmt: skip
    if areas:
        started |= await start_areas(
            client, catalog, actor=ACTOR, task_queue=queue, areas=areas, label=label,
            occurred_on=STARTPAKKET,
        )  # fmt: skip
    return [f"zonder geschiedenis gestart: {', '.join(sorted(started))}"] if started else []


Step = Callable[[Demo], Awaitable[list[str]]]
STEPS: list[tuple[str, Step]] = [
    ("geschiedenis 2022–2026 importeren", import_story),
    ("overige processen starten", start_the_rest),
    ("vandaag: Zuid-Holland escaleert", escalate_today),
    ("vandaag: ontwikkelperspectieven in review", perspectives_today),
]


def _quiet(name: str, number: int) -> None:
    pass


async def run_demo(services: Services, on_step: Callable[[str, int], None] = _quiet) -> list[str]:
    """Tell the story, then today's work; returns what was done, a few lines per step.
    ``on_step`` hears each step's name and number as it begins."""
    demo = Demo(services)
    done: list[str] = []
    for number, (name, step) in enumerate(STEPS):
        on_step(name, number)
        done += await step(demo)
    return done
