"""`novex projector …`: the read models: rebuild them, keep them current, see and retry the
events the projector parked."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import typer

from cli.common import AS_JSON, console, fail, print_json, table

if TYPE_CHECKING:
    from service.context import Services
    from store.projector import Projector

app = typer.Typer(help="Read models.")


def _projector(s: Services) -> Projector:
    from notify.wiring import projector_from

    return projector_from(s.settings, s.store, s.catalog)


@app.command("rebuild")
def projector_rebuild() -> None:
    """Rebuild the read models from the event store, aside, and swap them in at once."""
    from cli.local import with_services
    from store.rebuild import RebuildBusy

    try:
        applied = with_services(lambda s: _projector(s).rebuild())
    except RebuildBusy as exc:
        fail(str(exc))
    console().print(f"rebuilt from {applied} events")


@app.command("run")
def projector_run() -> None:
    """Follow the event store and keep the read models current (Ctrl-C stops)."""
    from cli.local import run, settings
    from runtime.parts import run_projector

    run(run_projector(settings()))


@app.command("parked")
def projector_parked(as_json: bool = AS_JSON) -> None:
    """Events the projector could not fold, and those of their streams waiting behind them."""
    from cli.local import with_services
    from store.parking import list_parked

    parked = with_services(lambda s: list_parked(s.engine))
    if as_json:
        print_json([dataclasses.asdict(p) for p in parked])
        return
    shown = table(
        "geparkeerde gebeurtenissen", "positie", "stroom", "soort", "pogingen", "fout", "geparkeerd"
    )
    for p in parked:
        when = f"{p.parked_at:%d-%m-%Y %H:%M}" if p.parked_at else ""
        shown.add_row(str(p.position), p.stream_id, p.type, str(p.attempts), p.error, when)
    console().print(shown)
    if not parked:
        console().print("nothing parked")


@app.command("retry")
def projector_retry(
    ids: list[str] = typer.Argument(None, help="positions or event ids; none: every parked event"),
) -> None:
    """Fold parked events again (after a fix); each stream from its first parked event on."""
    from cli.local import with_services
    from store.parking import UnknownParked, retry_parked

    try:
        outcome = with_services(lambda s: retry_parked(_projector(s), ids or None))
    except UnknownParked as exc:
        fail(str(exc))
    console().print(f"{len(outcome.applied)} event(s) folded, {len(outcome.parked)} still parked")
    for p in outcome.parked:
        console().print(f"  [red]parked[/red] {p.position} {p.stream_id} {p.type}: {p.error}")
    if outcome.parked:
        raise typer.Exit(1)
