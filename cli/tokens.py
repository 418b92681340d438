"""`novex token create / list / revoke`: API tokens, shown once and stored only as a hash; they
may expire and say when they were last used (server administration: runs on the server)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import typer

from cli.common import AS_JSON, console, fail, print_json, table

if TYPE_CHECKING:
    from service.context import Services

app = typer.Typer(help="API tokens (on the server): create, list, revoke.")

UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def lifetime(text: str) -> timedelta:
    """``90m``, ``12h``, ``30d`` or ``4w`` as a timedelta; the command ends on anything else."""
    found = re.fullmatch(r"\s*(\d+)\s*([mhdw])\s*", text.lower())
    if not found or int(found[1]) == 0:
        fail(f"--expires-in takes a number and a unit (m, h, d or w), e.g. 30d; not {text!r}")
    return timedelta(**{UNITS[found[2]]: int(found[1])})


@app.command("create")
def token_create(
    actor: str = typer.Option(..., help="who the token stands for"),
    role: str = typer.Option(
        ...,
        help="coordinator, province_official, rijk_official, reviewer, duo_member, signatory, "
        "viewer",
    ),
    scope: str | None = typer.Option(None, help="province code, party, member or signatory id"),
    expires_in: str | None = typer.Option(
        None, "--expires-in", help="valid for this long: 90m, 12h, 30d, 4w (default: until revoked)"
    ),
) -> None:
    """Issue an API token; it is shown once (on stdout) and stored only as a hash."""
    from cli.local import with_services
    from service.authorization import token_refusal
    from store.tokens import create_token, token_id

    refusal = token_refusal(role, scope)
    if refusal:
        fail(refusal)
    until = datetime.now(UTC) + lifetime(expires_in) if expires_in else None

    async def create(services: Services) -> str:
        own = scope
        if role == "province_official" and scope:  # a code in any case, as the catalog spells it
            own = services.catalog.province(scope).code
        return await create_token(services.engine, actor, role, own, until)

    token = with_services(create)
    note = f"token {token_id(token)} for {actor} ({role}{', ' + scope if scope else ''})"
    typer.echo(note + (f", valid until {until:%Y-%m-%d %H:%M} UTC" if until else ""), err=True)
    print(token)


def _when(value: datetime | None) -> str:
    return f"{value:%Y-%m-%d %H:%M}" if value else ""


@app.command("list")
def token_list(
    everything: bool = typer.Option(False, "--all", help="also revoked and expired tokens"),
    as_json: bool = AS_JSON,
) -> None:
    """Tokens by id (never their value): who, role, scope, created, expires, last used."""
    import dataclasses

    from cli.local import with_services
    from store.tokens import list_tokens

    found = with_services(lambda s: list_tokens(s.engine, everything))
    if as_json:
        print_json([dataclasses.asdict(t) for t in found])
        return
    columns = ("id", "actor", "rol", "scope", "aangemaakt", "verloopt", "laatst gebruikt")
    shown = table("tokens", *columns, *(("ingetrokken",) if everything else ()))
    for t in found:
        cells = [t.id, t.actor, t.role, t.scope or "", _when(t.created_at)]
        cells += [_when(t.expires_at), _when(t.last_used_at)]
        shown.add_row(*cells, *((_when(t.revoked_at) or str(t.revoked),) if everything else ()))
    console().print(shown)


@app.command("revoke")
def token_revoke(token: str = typer.Argument(..., help="the token's id (from token list)")) -> None:
    """Revoke a token: it stops working at once."""
    from cli.local import with_services
    from store.tokens import UnknownToken, revoke_token

    try:
        found = with_services(lambda s: revoke_token(s.engine, token))
    except UnknownToken as exc:
        fail(str(exc))
    console().print(f"revoked token {found.id} of {found.actor} ({found.role})")
