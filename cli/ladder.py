"""`novex ladder apply`: give running processes the catalog's current escalation ladder (a
coordinator's token)."""

from __future__ import annotations

import typer

from cli.client import call
from cli.common import KEY, checked_key, console

app = typer.Typer(help="The escalation ladder of running processes.")


@app.command("apply")
def ladder_apply(
    reason: str = typer.Option(..., help="why the ladder changes"),
    key: str | None = KEY,
) -> None:
    """Give every running journey and area the catalog's current escalation ladder."""
    answer = call("POST", "/api/programme/ladder", body={"reason": reason}, key=checked_key(key))
    for line in answer["lines"]:
        console().print(line)
