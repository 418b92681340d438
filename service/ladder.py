"""Give every running journey and area the catalog's current escalation ladder."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from domain.catalog.planning import resolve_ladder
from domain.shared.commands import ChangeEscalationLadder
from service.commands import CommandRefused, send_area_command, send_command
from service.context import Services
from service.reading import status
from workflows.messages import CommandResult


async def apply_ladder(
    services: Services, *, actor: str, reason: str, key: str | None = None
) -> list[str]:
    """Send each running province journey and area its ladder; one line per process (under
    an idempotency key, each process's command goes under ``KEY/<stream id>``)."""
    catalog, lines = services.catalog, []
    send: Callable[..., Awaitable[CommandResult]]
    for row in await status(services):
        if row["kind"] == "province":
            place = catalog.province(row["subject"])
            ladder = resolve_ladder(catalog, place.duo, place.civil_duo)
            send = send_command
        elif row["kind"] == "area":
            area = catalog.area(row["subject"])
            ladder = resolve_ladder(catalog, area.duo, area.civil_duo)
            send = send_area_command
        else:
            continue
        command = ChangeEscalationLadder(actor=actor, ladder=ladder, reason=reason)
        try:
            each = f"{key}/{row['stream_id']}" if key else None
            await send(services.temporal, row["subject"], command, services.label, key=each)
            lines.append(f"{row['stream_id']}: ladder changed")
        except CommandRefused as exc:
            lines.append(f"{row['stream_id']}: {exc}")
    return lines
