"""Inputs and outputs of the workflows and their activities: one model per message."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field

from domain.area.commands import AreaCommand, AreaRequest, StartArea
from domain.area.state import AreaProcess
from domain.escalation.commands import EscalationCommand, StartEscalation
from domain.escalation.state import EscalationState
from domain.province.commands import ProvinceCommand, ProvinceRequest, StartJourney
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


class ChildEscalation(BaseModel):
    """An escalation a process requested whose child workflow still has to be started."""

    number: int
    actor: str
    subject: str
    reason: str
    friction_id: str | None = None


class ProcessInput(Keyed, Generic[StartT, StateT]):
    """How a run begins: start data for a new process, the state carried over a
    continue-as-new, or ``recover``: fold the state from the event store.

    What a run received or owed and had not done yet goes with the carried state: the answers
    given under idempotency keys in the last runs, the messages in its inbox, what it already
    announced, the escalations it still has to start."""

    start: StartT | None = None
    carried: StateT | None = None
    answers: list[Answer] = Field(default_factory=list)
    recover: bool = False
    inbox: list[Any] = Field(default_factory=list)
    announced: list[str] = Field(default_factory=list)
    children: list[ChildEscalation] = Field(default_factory=list)


class ProvinceJourneyInput(ProcessInput[StartJourney, ProvinceJourney]):
    """Start data for a new journey, or the state carried over a continue-as-new."""

    inbox: list[ProvinceCommand] = Field(default_factory=list)


class CommandRequest(Keyed):
    """A command sent to a journey as a Temporal Update (or its history, recorded in one go)."""

    command: ProvinceRequest
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

    inbox: list[AreaCommand] = Field(default_factory=list)


class AreaCommandRequest(Keyed):
    """A command sent to an area as a Temporal Update (or its history, recorded in one go)."""

    command: AreaRequest
    correlation_id: str | None = None


class EscalationInput(ProcessInput[StartEscalation, EscalationState]):
    """Start data for an escalation, or its state carried over a continue-as-new."""


class EscalationCommandRequest(Keyed):
    """A member's command to an escalation, as a Temporal Update."""

    command: EscalationCommand


class LoadRequest(BaseModel):
    """Which process's state to fold from the event store."""

    stream_id: str


class LoadedProcess(BaseModel):
    """A process's state folded from the store (None: the stream has no events), and the
    escalations it requested that never started."""

    version: int
    state: dict[str, Any] | None = None
    unstarted: list[ChildEscalation] = Field(default_factory=list)


class MilestonesRequest(BaseModel):
    """Which external milestones an area's agenda waits for: were they reached (in its run)?"""

    stream_id: str
    refs: list[str] = Field(min_length=1)


class ReachedMilestone(BaseModel):
    """An external milestone the store holds as reached: on which day, told by which process."""

    ref: str
    on: date
    by: str


class MilestonesReached(BaseModel):
    """The milestones asked for that were reached; the others are not (yet)."""

    reached: list[ReachedMilestone] = Field(default_factory=list)
