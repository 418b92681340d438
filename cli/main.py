"""The `novex` command line: the Typer app, assembled from one module per noun. Process commands
and reads are a client of the HTTP API (cli/client.py); server administration runs locally
(cli/local.py, imported only by the commands that need it), so `novex --help` loads fast."""

from __future__ import annotations

import typer

from cli import (
    area,
    audit,
    catalog,
    escalation,
    history,
    ladder,
    login,
    notifications,
    process,
    programme,
    projector,
    province,
    report,
    show,
    stack,
    status,
    tasks,
    tokens,
)

app = typer.Typer(
    help="novex: regie op de ruimte, as an event-sourced workflow engine. Log in to the API "
    "with `novex login` (or set NOVEX_URL and NOVEX_TOKEN); `up`, `migrate`, `worker`, `api`, "
    "`demo`, `projector`, `process recover`, `notifications run`, `token`, `audit` and `catalog` "
    "run on the server.",
    no_args_is_help=True,
)
for top_level in (
    stack.app,
    login.app,
    programme.app,
    status.app,
    show.app,
    tasks.app,
    report.app,
    history.app,
):
    app.add_typer(top_level)
app.add_typer(catalog.app, name="catalog")
app.add_typer(audit.app, name="audit")
app.add_typer(projector.app, name="projector")
app.add_typer(notifications.app, name="notifications")
app.add_typer(province.app, name="province")
app.add_typer(area.app, name="area")
app.add_typer(escalation.app, name="escalation")
app.add_typer(tokens.app, name="token")
app.add_typer(ladder.app, name="ladder")
app.add_typer(process.app, name="process")


def main() -> None:
    """Entry point of the ``novex`` console script."""
    app()
