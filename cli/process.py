"""`novex process recover`: a fresh run of a process (or of every process) folded from the store
(server administration: it runs where the database and Temporal are)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from cli.common import console, fail, print_json

if TYPE_CHECKING:
    from service.context import Services

app = typer.Typer(help="Processes as the event store knows them: recover them into Temporal.")


async def _recover(services: Services, stream: str | None, restart: bool) -> dict[str, str]:
    from cli.local import named_stream
    from service.recovery import recover_all, recover_process

    client, store = services.temporal, services.store
    queue, label = services.settings.task_queue, services.label
    if stream is None:
        return await recover_all(client, store, task_queue=queue, label=label, restart=restart)
    stream = named_stream(services, stream)
    outcome = await recover_process(
        client, store, stream, task_queue=queue, label=label, restart=restart
    )
    return {stream: outcome}


@app.command("recover")
def process_recover(
    stream: str | None = typer.Argument(None, help="stream id, e.g. province-GE"),
    everything: bool = typer.Option(False, "--all", help="every process the store knows"),
    restart: bool = typer.Option(
        False, "--restart", help="replace a running run too (after a reset, say)"
    ),
    as_json: bool = typer.Option(False, "--json", help="print JSON"),
) -> None:
    """Start a run whose state is folded from the store's events: after a terminate, a failed
    run, a reset or the loss of Temporal's database. Running processes are left alone."""
    from cli.local import with_services
    from service.recovery import RecoveryRefused

    if (stream is None) == (not everything):
        fail("name one stream, or give --all")
    try:
        outcomes = with_services(
            lambda s: _recover(s, None if everything else stream, restart), temporal=True
        )
    except RecoveryRefused as exc:
        fail(str(exc))
    if as_json:
        print_json(outcomes)
        return
    for stream_id, outcome in outcomes.items():
        console().print(f"{stream_id}: {outcome}")
