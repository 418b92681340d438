"""What a process workflow takes from its room of the domain, and how a refusal reaches a caller."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Generic, Protocol, TypeVar

from temporalio import workflow
from temporalio.exceptions import ApplicationError

with workflow.unsafe.imports_passed_through():
    from domain.shared import commands as cmd
    from domain.shared.errors import DomainError
    from domain.shared.events import Event
    from domain.shared.ids import NewId
    from domain.shared.state import Versioned

S = TypeVar("S", bound=Versioned)
S_contra = TypeVar("S_contra", contravariant=True)

SYSTEM_ACTOR = "novex"


class Decide(Protocol[S_contra]):
    """A room's ``start`` or ``decide``: the events a command produces, or a DomainError."""

    def __call__(
        self, state: S_contra, command: Any, /, *, now: datetime, new_id: NewId
    ) -> list[Event]: ...


@dataclass(frozen=True)
class ProcessRules(Generic[S]):
    """What a process workflow takes from its room of the domain."""

    state: Callable[[], S]
    """The state before the first event."""
    load: Callable[[dict[str, Any]], S]
    """The state from its JSON form (as the store's fold gives it)."""
    start: Decide[S]
    decide: Decide[S]
    evolve: Callable[[S, Event], S]
    summarize: Callable[[S], dict[str, Any]]
    alarm: Callable[[S], tuple[datetime, cmd.Command] | None]
    """When the process must act by itself next, and with which command."""


def dry_run_id() -> uuid.UUID:
    """Ids for a validator's dry run: it must not draw from the workflow's random sequence."""
    return uuid.UUID(int=0)


def refused(exc: DomainError) -> ApplicationError:
    """A rule's refusal as the error a caller of an Update sees."""
    return ApplicationError(str(exc), type=type(exc).__name__, non_retryable=True)
