"""Commands (imperative) to a province journey; each is validated once, at the edge."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field, TypeAdapter

from domain.base import Frozen
from domain.ladder import LadderRung
from domain.models import Agreement, FrictionStatus, ReviewOutcome, Task, TaskKind

Text = Annotated[str, Field(min_length=1, max_length=20_000)]
ShortText = Annotated[str, Field(min_length=1, max_length=500)]


class Command(Frozen):
    """Something someone asks the process to do; ``actor`` is who asks."""

    type: str
    schema_version: int = 1
    actor: ShortText


class AddTask(Command):
    type: Literal["AddTask"] = "AddTask"
    task: Task


class ReclassifyTask(Command):
    type: Literal["ReclassifyTask"] = "ReclassifyTask"
    task_id: ShortText
    kind: TaskKind
    reason: ShortText


class SubmitDraft(Command):
    type: Literal["SubmitDraft"] = "SubmitDraft"
    checkpoint: int
    document_ref: ShortText
    summary: Text
    positions: dict[str, str] = Field(default_factory=dict)


class SubmitReview(Command):
    type: Literal["SubmitReview"] = "SubmitReview"
    checkpoint: int
    party: ShortText
    outcome: ReviewOutcome
    remarks: str = Field(default="", max_length=20_000)


class RaiseFriction(Command):
    type: Literal["RaiseFriction"] = "RaiseFriction"
    description: Text
    checkpoint: int | None = None


class ChangeFriction(Command):
    type: Literal["ChangeFriction"] = "ChangeFriction"
    friction_id: ShortText
    status: FrictionStatus
    note: str = Field(default="", max_length=20_000)


class CloseCheckpoint(Command):
    type: Literal["CloseCheckpoint"] = "CloseCheckpoint"
    checkpoint: int
    decision: ShortText
    reason: Text


class MoveDueDate(Command):
    type: Literal["MoveDueDate"] = "MoveDueDate"
    target: ShortText
    due: datetime
    reason: ShortText


class IssueReminder(Command):
    type: Literal["IssueReminder"] = "IssueReminder"
    target: ShortText


class MarkOverdue(Command):
    type: Literal["MarkOverdue"] = "MarkOverdue"
    target: ShortText


class SubmitProposal(Command):
    type: Literal["SubmitProposal"] = "SubmitProposal"
    document_ref: ShortText
    summary: Text
    builds_on: tuple[str, ...] = ()


class DeliverPerspective(Command):
    type: Literal["DeliverPerspective"] = "DeliverPerspective"
    area: ShortText
    document_ref: ShortText


class WaivePerspective(Command):
    type: Literal["WaivePerspective"] = "WaivePerspective"
    area: ShortText
    reason: ShortText


class AdoptProposal(Command):
    type: Literal["AdoptProposal"] = "AdoptProposal"


class DraftArrangement(Command):
    type: Literal["DraftArrangement"] = "DraftArrangement"
    text: Text
    agreements: tuple[Agreement, ...] = Field(min_length=1)


class SignArrangement(Command):
    type: Literal["SignArrangement"] = "SignArrangement"
    signatory: ShortText
    text_hash: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]


class RefuseArrangement(Command):
    type: Literal["RefuseArrangement"] = "RefuseArrangement"
    signatory: ShortText
    reason: ShortText


class WithdrawSignature(Command):
    type: Literal["WithdrawSignature"] = "WithdrawSignature"
    signatory: ShortText
    reason: ShortText


class ConcludeProcessAgreement(Command):
    type: Literal["ConcludeProcessAgreement"] = "ConcludeProcessAgreement"
    text: Text
    reason: ShortText


class StartAmendment(Command):
    type: Literal["StartAmendment"] = "StartAmendment"
    reason: ShortText
    due: datetime | None = None


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
    new_due: datetime | None = None


class ChangeEscalationLadder(Command):
    """Give a running process the ladder its next escalations climb (the catalog changed)."""

    type: Literal["ChangeEscalationLadder"] = "ChangeEscalationLadder"
    ladder: tuple[LadderRung, ...] = Field(min_length=1)
    reason: ShortText


ProvinceCommand = Annotated[
    AddTask
    | ReclassifyTask
    | SubmitDraft
    | SubmitReview
    | RaiseFriction
    | ChangeFriction
    | CloseCheckpoint
    | MoveDueDate
    | IssueReminder
    | MarkOverdue
    | SubmitProposal
    | DeliverPerspective
    | WaivePerspective
    | AdoptProposal
    | DraftArrangement
    | SignArrangement
    | RefuseArrangement
    | WithdrawSignature
    | ConcludeProcessAgreement
    | StartAmendment
    | RecordEscalationDecision
    | ChangeEscalationLadder,
    Field(discriminator="type"),
]

province_command_adapter: TypeAdapter[ProvinceCommand] = TypeAdapter(ProvinceCommand)
