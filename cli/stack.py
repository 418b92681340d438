"""`novex up`, and the parts one by one for production: `api`, `worker`, `migrate` (server
administration: they run where the database and Temporal are)."""

from __future__ import annotations

import typer

from cli.common import console, fail

app = typer.Typer()


@app.command()
def up() -> None:
    """Start everything on the embedded default (or the configured services); Ctrl-C stops it."""
    from cli.local import run, settings
    from runtime.children import DataDirInUse
    from runtime.stack import run_until_signalled

    try:
        run(run_until_signalled(settings()))
    except DataDirInUse as exc:
        fail(str(exc))


@app.command("api")
def serve_api() -> None:
    """Serve the HTTP API and dashboard against configured services (NOVEX_API_PORT)."""
    from cli.local import run, settings
    from runtime.web_server import serve_api

    run(serve_api(settings()))


@app.command()
def worker() -> None:
    """Run only a worker against configured services (NOVEX_DATABASE_URL, …_TEMPORAL_ADDRESS)."""
    import worker as worker_module
    from cli.local import run

    run(worker_module.main())


@app.command()
def migrate() -> None:
    """Bring the database to the newest schema."""
    from cli.local import settings
    from runtime.embedded_pg import database_url
    from store.migrate import upgrade

    upgrade(database_url(settings()))
    console().print("database is at the newest schema")
