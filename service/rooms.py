"""What the history import and export know of each kind of process they handle: its commands,
its history command, its rules, how its subject is named and started, how its events read back
as commands."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from pydantic import TypeAdapter

from domain.area.commands import AreaHistory, area_command_adapter
from domain.area.history import area_history
from domain.catalog.model import Catalog
from domain.catalog.planning import area_start, journey_start
from domain.province.commands import ProvinceHistory, province_command_adapter
from domain.province.history import journey_history
from domain.shared.commands import Command
from domain.shared.events import Event
from domain.shared.history import Entry
from workflows import area, province
from workflows.process_rules import ProcessRules

if TYPE_CHECKING:
    from service.context import Services


@dataclass(frozen=True)
class Room:
    """One kind of process, as a history file meets it."""

    kind: str
    adapter: TypeAdapter[Any]
    history: Callable[..., Command]
    rules: ProcessRules[Any]
    subject: Callable[[Catalog, str], str]
    """The subject as the stream id spells it (a CatalogError for an unknown one)."""
    start: Callable[[Services, str, str], Command]
    """The start command from the catalog: services, subject, actor."""
    read: Callable[[Sequence[Event]], tuple[date | None, list[Entry]]]


ROOMS: dict[str, Room] = {
    "province": Room(
        "province",
        province_command_adapter,
        ProvinceHistory,
        province.RULES,
        lambda catalog, code: catalog.province(code.upper()).code,
        lambda services, code, actor: journey_start(services.catalog, code, actor=actor),
        journey_history,
    ),
    "area": Room(
        "area",
        area_command_adapter,
        AreaHistory,
        area.RULES,
        lambda catalog, key: catalog.area(key).id,
        lambda services, key, actor: area_start(
            services.catalog, key, actor=actor, label=services.label
        ),
        area_history,
    ),
}
"""The kinds of process a history file holds."""
