"""`novex export-history`: every province's and area's history read back from the store as the
file `novex import` reads (service/history_file.py): when it started and each command given to
it since, dated — so a history round-trips (escalations and the processes' own work, such as
reminders and missed deadlines, are not in it: the processes make them again)."""

from __future__ import annotations

from typing import Any

from domain.shared.history import Entry
from domain.shared.ids import StreamId
from service.context import Services
from service.history_file import write_yaml
from service.rooms import ROOMS, Room
from store.projections import domain_event

OMITTED = frozenset({"type", "actor", "schema_version", "occurred_on", "correction_reason"})


def _line(room: Room, entry: Entry) -> dict[str, Any]:
    """One command as a file holds it: its date and type, then its fields (defaults left out)."""
    command = room.adapter.validate_python({"type": entry.type, "actor": "-", **entry.fields})
    fields = command.model_dump(mode="json", exclude=set(OMITTED), exclude_defaults=True)
    line: dict[str, Any] = {"date": entry.on, "type": entry.type, **fields}
    if entry.correction_reason:
        line["correction_reason"] = entry.correction_reason
    return line


async def history_blocks(services: Services) -> list[dict[str, Any]]:
    """Per province and area of the run, in name order: process, started, commands."""
    blocks = []
    for stream_id in await services.store.streams_of_run(services.label, tuple(ROOMS)):
        stream = StreamId.parse(stream_id)
        room = ROOMS[stream.kind]
        events = [domain_event(s) for s in await services.store.read_stream(stream_id)]
        started, found = room.read(events)
        block: dict[str, Any] = {"process": str(StreamId(stream.kind, stream.subject))}
        if started is not None:
            block["started"] = started
        block["commands"] = [_line(room, entry) for entry in found]
        blocks.append(block)
    return blocks


async def export_history(services: Services) -> str:
    """The run's history as YAML, ready for `novex import`."""
    return write_yaml(await history_blocks(services))
