"""Commands (imperative) to a province journey; each is validated once, at the edge."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field, TypeAdapter

from domain.shared import events as ev
from domain.shared.commands import (
    ChangeEscalationLadder,
    ChangeFriction,
    Command,
    IssueReminder,
    MarkOverdue,
    MoveDueDate,
    RaiseFriction,
    RecordEscalationDecision,
    ShortText,
    Text,
)
from domain.shared.ladder import LadderRung
from domain.shared.models import Agreement, ReviewOutcome, Signatory, Task, TaskKind
from domain.shared.plausible import Moment


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


class CloseCheckpoint(Command):
    type: Literal["CloseCheckpoint"] = "CloseCheckpoint"
    checkpoint: int
    decision: ShortText
    reason: Text


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
    due: Moment | None = None


ProvinceCommands = (
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
    | ChangeEscalationLadder
)
"""Every command a journey takes (a plain union: ProvinceCommand is it, discriminated)."""

ProvinceCommand = Annotated[ProvinceCommands, Field(discriminator="type")]

province_command_adapter: TypeAdapter[ProvinceCommand] = TypeAdapter(ProvinceCommand)


class ProvinceHistory(Command):
    """A journey's history: dated commands recorded in one go, all or nothing (novex import)."""

    type: Literal["RecordHistory"] = "RecordHistory"
    commands: tuple[ProvinceCommand, ...] = Field(min_length=1)


ProvinceRequest = Annotated[ProvinceCommands | ProvinceHistory, Field(discriminator="type")]
"""What a journey's command update takes: any command, or a history (one discriminated union,
so a refusal of pydantic names the command's own field)."""


class StartJourney(Command):
    """Start (or restart for a new round) a province's journey with its catalog data."""

    type: Literal["StartJourney"] = "StartJourney"
    province: str = Field(pattern=r"^[A-Z]{2}$")
    name: str
    round: int = Field(default=1, ge=1)
    tasks: tuple[Task, ...] = ()
    checkpoints: tuple[ev.PlannedCheckpoint, ...] = Field(min_length=1)
    proposal_due: datetime  # the catalog's plan: checked where the catalog is read
    arrangement_due: datetime
    reminder_lead_days: int = Field(ge=0)
    review_days: int = Field(ge=1)
    review_parties: tuple[str, ...] = Field(min_length=1)
    signatories: tuple[Signatory, ...] = Field(min_length=2)
    areas: tuple[str, ...] = ()
    escalation_ladder: tuple[LadderRung, ...] = ()
