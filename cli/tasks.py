"""`novex tasks`: what waits for the token's holder (Mijn werk), through the API."""

from __future__ import annotations

from datetime import datetime

import typer

from cli.client import call
from cli.common import AS_JSON, AS_KNOWN_AT, AS_OF, console, day, iso, print_json, table
from cli.words import ROLES

app = typer.Typer()


@app.command()
def tasks(
    as_of: datetime | None = AS_OF,
    known_at: datetime | None = AS_KNOWN_AT,
    as_json: bool = AS_JSON,
) -> None:
    """What waits for you (the token's holder): reviews, signatures, afspraken, escalation
    proposals and decisions, drafts, overdue items and deadlines within 14 days."""
    found = call("GET", "/api/me/tasks", params={"as_of": iso(as_of), "as_known_at": iso(known_at)})
    if as_json:
        print_json(found)
        return
    scope = f" ({found['scope']})" if found["scope"] else ""
    role = ROLES.get(found["role"], found["role"])
    shown = table(
        f"Mijn werk: {found['actor']}, {role}{scope}",
        "termijn",
        "te laat",
        "soort",
        "proces",
        "wat",
    )
    for t in found["tasks"]:
        overdue = "[red]ja[/red]" if t["overdue"] else ""
        shown.add_row(day(t["due"]), overdue, t["kind"], t["process"], t["title"])
    console().print(shown)
    if not found["tasks"]:
        console().print("Er wacht nu niets op u.")
