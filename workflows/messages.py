"""Inputs and outputs of the workflows and their activities: one model per message."""

from __future__ import annotations

from datetime import datetime
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


class CommandResult(BaseModel):
    """What an accepted command recorded."""

    version: int
    events: list[str]
    status: dict[str, Any]
    fingerprint: str | None = None
    """The fingerprint of the request that was answered: a retry under the same idempotency
    key with another fingerprint is a conflict."""


class Answer(BaseModel):
    """An answer given under an idempotency key, kept to give it again."""

    key: str
    at: datetime
    result: CommandResult


class Keyed(BaseModel):
    """What a request may carry to be retried safely: an idempotency key (also the Update's
    id) and the fingerprint of its content."""

    idempotency_key: str | None = None
    fingerprint: str | None = None


class ProcessInput(Keyed, Generic[StartT, StateT]):
    """Start data for a new process, or the state carried over a continue-as-new (with the
    answers given under idempotency keys in the last runs)."""

    start: StartT | None = None
    carried: StateT | None = None
    answers: list[Answer] = Field(default_factory=list)


class ProvinceJourneyInput(ProcessInput[StartJourney, ProvinceJourney]):
    """Start data for a new journey, or the state carried over a continue-as-new."""


class CommandRequest(Keyed):
    """A command sent to a journey as a Temporal Update."""

    command: ProvinceCommand
    correlation_id: str | None = None


class AppendRequest(BaseModel):
    """Events for the append activity; ids and times were fixed by the workflow."""

    stream_id: str
    expected_version: int
    events: list[dict[str, Any]] = Field(min_length=1)
    actor: str
    correlation_id: str | None = None
    causation_id: str | None = None
    notifications: list[NotificationRequest] = Field(default_factory=list)
    idempotency_key: str | None = None
    fingerprint: str | None = None


class AppendResponse(BaseModel):
    """Where the events landed in the store."""

    positions: list[int]
    last_version: int


class AreaInput(ProcessInput[StartArea, AreaProcess]):
    """Start data for an area's process, or the state carried over a continue-as-new."""


class AreaCommandRequest(Keyed):
    """A command sent to an area as a Temporal Update."""

    command: AreaCommand
    correlation_id: str | None = None


class EscalationInput(ProcessInput[StartEscalation, EscalationState]):
    """Start data for an escalation, or its state carried over a continue-as-new."""


class EscalationCommandRequest(Keyed):
    """A member's command to an escalation, as a Temporal Update."""

    command: EscalationCommand
