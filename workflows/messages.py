"""Inputs and outputs of the workflows and their activities: one model per message."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field

from domain.area.commands import AreaCommand, StartArea
from domain.area.state import AreaProcess
from domain.escalation.commands import EscalationCommand, StartEscalation
from domain.escalation.state import EscalationState
from domain.province.commands import ProvinceCommand, StartJourney
from domain.province.state import ProvinceJourney
from domain.shared.commands import Command
from domain.views.notifications import NotificationRequest

StartT = TypeVar("StartT", bound=Command)
StateT = TypeVar("StateT")


class ProcessInput(BaseModel, Generic[StartT, StateT]):
    """Start data for a new process, or the state carried over a continue-as-new."""

    start: StartT | None = None
    carried: StateT | None = None


class ProvinceJourneyInput(ProcessInput[StartJourney, ProvinceJourney]):
    """Start data for a new journey, or the state carried over a continue-as-new."""


class CommandRequest(BaseModel):
    """A command sent to a journey as a Temporal Update."""

    command: ProvinceCommand
    correlation_id: str | None = None


class CommandResult(BaseModel):
    """What an accepted command recorded."""

    version: int
    events: list[str]
    status: dict[str, Any]


class AppendRequest(BaseModel):
    """Events for the append activity; ids and times were fixed by the workflow."""

    stream_id: str
    expected_version: int
    events: list[dict[str, Any]] = Field(min_length=1)
    actor: str
    correlation_id: str | None = None
    causation_id: str | None = None
    notifications: list[NotificationRequest] = Field(default_factory=list)


class AppendResponse(BaseModel):
    """Where the events landed in the store."""

    positions: list[int]
    last_version: int


class AreaInput(ProcessInput[StartArea, AreaProcess]):
    """Start data for an area's process, or the state carried over a continue-as-new."""


class AreaCommandRequest(BaseModel):
    """A command sent to an area as a Temporal Update."""

    command: AreaCommand
    correlation_id: str | None = None


class EscalationInput(ProcessInput[StartEscalation, EscalationState]):
    """Start data for an escalation, or its state carried over a continue-as-new."""


class EscalationCommandRequest(BaseModel):
    """A member's command to an escalation, as a Temporal Update."""

    command: EscalationCommand
