"""`novex catalog check`: validate a catalog file."""

from __future__ import annotations

from pathlib import Path

import typer

from cli.common import console, fail

app = typer.Typer(help="The catalog of provinces, areas, schedule and ladder.")


@app.command("check")
def catalog_check(
    path: Path | None = typer.Argument(None, help="catalog file; default: the configured one"),
) -> None:
    """Validate a catalog file; errors name the file, the entry and the problem."""
    from cli.local import settings
    from config.catalog_file import load_catalog
    from domain.catalog.model import CatalogError

    found = settings()
    try:
        catalog = load_catalog(path or found.catalog)
    except CatalogError as exc:
        fail(str(exc))
    console().print(
        f"catalog ok: {len(catalog.provinces)} provinces, {len(catalog.areas)} NOVEX areas, "
        f"{len(catalog.programmes)} programmes, {len(catalog.escalation_ladder)} escalation levels"
    )
