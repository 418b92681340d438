"""`novex token create`: API tokens, shown once and stored only as a hash."""

from __future__ import annotations

import typer

from cli.common import fail, with_services
from service.authorization import token_refusal
from store.tokens import create_token

app = typer.Typer(help="API tokens.")


@app.command("create")
def token_create(
    actor: str = typer.Option(..., help="who the token stands for"),
    role: str = typer.Option(
        ...,
        help="coordinator, province_official, rijk_official, reviewer, duo_member, signatory, "
        "viewer",
    ),
    scope: str | None = typer.Option(None, help="province code, party, member or signatory id"),
) -> None:
    """Issue an API token; it is shown once and stored only as a hash."""
    refusal = token_refusal(role, scope)
    if refusal:
        fail(refusal)
    token = with_services(lambda s: create_token(s.engine, actor, role, scope))
    print(token)
