"""Commands (imperative) every process takes: schuurpunten, due dates, reminders, escalation."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from domain.shared.base import Frozen
from domain.shared.ladder import LadderRung
from domain.shared.models import FrictionStatus
from domain.shared.plausible import Day, Moment

Text = Annotated[str, Field(min_length=1, max_length=20_000)]
ShortText = Annotated[str, Field(min_length=1, max_length=500)]


class Command(Frozen):
    """Something someone asks the process to do; ``actor`` is who asks. ``occurred_on`` says
    when it happened (default: when it is recorded); a date before the process's last
    effective date is a correction and needs a ``correction_reason``
    (domain.shared.effective)."""

    type: str
    schema_version: int = 1
    actor: ShortText
    occurred_on: Day | None = None
    correction_reason: ShortText | None = None


class RaiseFriction(Command):
    """Raise a schuurpunt; ``theme`` names the national programme it touches (a catalog
    programme id, checked at the edge), none: ``onbekend``."""

    type: Literal["RaiseFriction"] = "RaiseFriction"
    description: Text
    checkpoint: int | None = None
    theme: ShortText | None = None


class ChangeFriction(Command):
    type: Literal["ChangeFriction"] = "ChangeFriction"
    friction_id: ShortText
    status: FrictionStatus
    note: str = Field(default="", max_length=20_000)


class MoveDueDate(Command):
    type: Literal["MoveDueDate"] = "MoveDueDate"
    target: ShortText
    due: Moment
    reason: ShortText


class IssueReminder(Command):
    type: Literal["IssueReminder"] = "IssueReminder"
    target: ShortText


class MarkOverdue(Command):
    type: Literal["MarkOverdue"] = "MarkOverdue"
    target: ShortText


class RecordEscalationDecision(Command):
    """An escalation's decision comes back to the process that escalated; it acts on it."""

    type: Literal["RecordEscalationDecision"] = "RecordEscalationDecision"
    escalation_id: ShortText
    subject: ShortText
    decision: Text
    decided_by: tuple[str, ...]
    level: int
    friction_id: str | None = None
    target: str | None = None
    new_due: Moment | None = None
    settles_checkpoint: bool = False
    """A decided schuurpunt of an ijkmoment lets that ijkmoment pass when nothing else holds it
    (set by processes from release 0.2 on; histories of before replay without it)."""


class ChangeEscalationLadder(Command):
    """Give a running process the ladder its next escalations climb (the catalog changed)."""

    type: Literal["ChangeEscalationLadder"] = "ChangeEscalationLadder"
    ladder: tuple[LadderRung, ...] = Field(min_length=1)
    reason: ShortText
