"""`novex start` and `novex demo`: start the programme from the catalog, or drive it to a
living picture."""

from __future__ import annotations

import typer
from rich.progress import Progress

from cli.common import KEY, checked_key, console, fail, run, settings
from config.catalog_file import load_catalog
from domain.catalog.model import CatalogError

app = typer.Typer()


@app.command()
def demo() -> None:
    """Start the programme from the catalog and drive it to a living picture (needs `novex up`)."""
    from runtime.connections import connect_temporal
    from service.demo import STEPS, run_demo

    found = settings()

    async def main() -> list[str]:
        client = await connect_temporal(found)
        catalog = load_catalog(found.catalog)
        with Progress() as progress:
            bar = progress.add_task("demo", total=len(STEPS))

            def on_step(name: str, number: int) -> None:
                progress.update(bar, description=name, completed=number)

            done = await run_demo(client, catalog, found.task_queue, found.label, on_step)
            progress.update(bar, completed=len(STEPS))
        return done

    for line in run(main()):
        console.print(f"• {line}")


@app.command()
def start(
    province: list[str] = typer.Option(
        None, "--province", "-p", help="province code; default: all"
    ),
    actor: str = typer.Option("regieteam", help="who starts the journeys"),
    key: str | None = KEY,
) -> None:
    """Start the province journeys from the catalog; running ones are reported, not duplicated."""
    from runtime.connections import connect_temporal
    from service.idempotency import KeyConflict
    from service.starting import start_programme

    found = settings()
    key = checked_key(key)
    try:
        catalog = load_catalog(found.catalog)
        for code in province or []:
            catalog.province(code)
    except CatalogError as exc:
        fail(str(exc))
        return

    async def main() -> dict[str, dict[str, str]]:
        client = await connect_temporal(found)
        return await start_programme(
            client,
            catalog,
            actor=actor,
            task_queue=found.task_queue,
            provinces=province or None,
            areas=[],
            label=found.label,
            key=key,
        )

    try:
        started = run(main())
    except KeyConflict as exc:
        fail(str(exc))
        return
    for code, outcome in started["provinces"].items():
        console.print(f"{code}: {outcome}")
