"""`novex projector …`: the read models: rebuild them, or keep them current."""

from __future__ import annotations

import typer

from cli.common import console, run, settings, with_services

app = typer.Typer(help="Read models.")


@app.command("rebuild")
def projector_rebuild() -> None:
    """Throw the read models away and rebuild them from the event store."""
    from store.projector import Projector

    applied = with_services(lambda s: Projector(s.engine).rebuild())
    console.print(f"rebuilt from {applied} events")


@app.command("run")
def projector_run() -> None:
    """Follow the event store and keep the read models current (Ctrl-C stops)."""
    from runtime.parts import run_projector

    run(run_projector(settings()))
