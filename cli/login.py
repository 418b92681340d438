"""`novex login` and `novex logout`: the API's address and your token, kept in a file only you
may read (0600); every other command then speaks to the API as the token's holder."""

from __future__ import annotations

import os

import typer

from cli.client import DEFAULT_URL, Login, call_as, config_file, forget_login, save_login
from cli.common import console

app = typer.Typer()


@app.command()
def login(
    url: str = typer.Option(
        None, "--url", help=f"the API's address (default: NOVEX_URL, else {DEFAULT_URL})"
    ),
    token: str = typer.Option(
        None, "--token", help="the token (default: NOVEX_TOKEN, else asked without echo)"
    ),
) -> None:
    """Check a token against the API and remember it with the API's address."""
    address = (url or os.environ.get("NOVEX_URL") or DEFAULT_URL).rstrip("/")
    secret = token or os.environ.get("NOVEX_TOKEN") or typer.prompt("token", hide_input=True)
    given = Login(address, secret.strip())
    who = call_as(given, "GET", "/api/me")
    path = save_login(given)
    scope = f", {who['scope']}" if who.get("scope") else ""
    console().print(
        f"logged in to {address} as {who['actor']} ({who['role']}{scope}); kept in {path}"
    )


@app.command()
def logout() -> None:
    """Forget the stored login (the token itself stays valid until it is revoked)."""
    if forget_login():
        console().print(f"logged out: removed {config_file()}")
    else:
        console().print("not logged in")
