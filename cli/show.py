"""`novex show NAME`: any process by the name the lists show (province-ZH, ZH, area-de-peel,
de-peel, province-ZH~1), through the API."""

from __future__ import annotations

from datetime import datetime
from urllib.parse import quote

import typer

from cli.common import AS_JSON, AS_KNOWN_AT, AS_OF

app = typer.Typer()


def api_path(name: str) -> str:
    """The API address of the process a user names as the lists show it."""
    text = name.strip()
    if "~" in text:
        return f"/api/escalations/{quote(text)}"
    if text.lower().startswith("province-"):
        return f"/api/provinces/{quote(text[len('province-') :])}"
    if text.lower().startswith("area-"):
        return f"/api/areas/{quote(text[len('area-') :])}"
    if len(text) == 2 and text.isalpha():
        return f"/api/provinces/{text}"
    return f"/api/areas/{quote(text)}"


@app.command()
def show(
    name: str = typer.Argument(..., help="province-ZH, ZH, area-de-peel, de-peel, province-ZH~1"),
    as_of: datetime | None = AS_OF,
    known_at: datetime | None = AS_KNOWN_AT,
    as_json: bool = AS_JSON,
) -> None:
    """One process — a province, an area or an escalation — as the lists name it: its phase,
    timeline and history (an escalation: level, members, proposals, deadline)."""
    path = api_path(name)
    if path.startswith("/api/escalations/"):
        from cli.escalation import escalation_show

        if as_of is not None or known_at is not None:
            typer.echo(
                "an escalation is shown as it stands now (no --as-of, --as-known-at)", err=True
            )
            raise typer.Exit(2)
        escalation_show(path.removeprefix("/api/escalations/"), as_json)
        return
    from cli.status import show_detail

    show_detail(path, as_of, as_json, known_at)
