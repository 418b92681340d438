"""`novex tasks`: what waits for someone (Mijn werk), by token or by role and scope."""

from __future__ import annotations

from datetime import datetime

import typer
from rich.table import Table

from cli.common import console, fail, print_json, utc, with_services
from service.authorization import token_refusal
from service.context import Services
from service.tasks import MyTasks, my_tasks
from store.tokens import TokenHolder, lookup_token

app = typer.Typer()


async def _tasks(
    services: Services, token: str | None, who: TokenHolder, as_of: datetime | None
) -> MyTasks | None:
    if token:
        found = await lookup_token(services.engine, token)
        if found is None:
            return None
        who = found
    return await my_tasks(services, who, as_of)


@app.command()
def tasks(
    token: str | None = typer.Option(
        None, envvar="NOVEX_TOKEN", help="an API token: its actor, role and scope"
    ),
    role: str | None = typer.Option(None, help="without a token: the role asking"),
    scope: str | None = typer.Option(None, help="province code, party, member or signatory id"),
    actor: str | None = typer.Option(None, help="who asks (shown only)"),
    as_of: datetime | None = typer.Option(None, "--as-of", help="as it stood at this instant"),
    as_json: bool = typer.Option(False, "--json", help="print JSON"),
) -> None:
    """What waits for a token's holder (or a role and scope): reviews, signatures, afspraken,
    escalation proposals and decisions, drafts, overdue items and deadlines within 14 days."""
    if not token:
        if role is None:
            fail("give a --token (or NOVEX_TOKEN), or a --role (and --scope)")
        refusal = token_refusal(role or "", scope)
        if refusal:
            fail(refusal)
    who = TokenHolder(actor=actor or role or "", role=role or "", scope=scope)
    found = with_services(lambda s: _tasks(s, token, who, utc(as_of)))
    if found is None:
        fail("unknown or revoked token")
        return
    if as_json:
        print_json(found.model_dump(mode="json"))
        return
    scope_text = f" ({found.scope})" if found.scope else ""
    table = Table(title=f"Mijn werk: {found.actor}, {found.role}{scope_text}")
    for column in ("termijn", "te laat", "soort", "proces", "wat"):
        table.add_column(column)
    for t in found.tasks:
        table.add_row(
            f"{t.due:%d-%m-%Y}" if t.due else "",
            "[red]ja[/red]" if t.overdue else "",
            t.kind,
            t.process,
            t.title,
        )
    console.print(table)
    if not found.tasks:
        console.print("Er wacht nu niets op u.")
