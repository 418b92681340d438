"""`novex ladder apply`: give running processes the catalog's current escalation ladder."""

from __future__ import annotations

import typer

from cli.common import console, with_services
from service.ladder import apply_ladder

app = typer.Typer(help="The escalation ladder of running processes.")


@app.command("apply")
def ladder_apply(
    reason: str = typer.Option(..., help="why the ladder changes"),
    actor: str = typer.Option("regieteam"),
) -> None:
    """Give every running journey and area the catalog's current escalation ladder."""
    lines = with_services(lambda s: apply_ladder(s, actor=actor, reason=reason), temporal=True)
    for line in lines:
        console.print(line)
