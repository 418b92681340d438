"""The parts of a province's journey: its phase, its ijkmomenten and its voorstel."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Literal

from domain.shared.base import Frozen
from domain.shared.models import Review


class Phase(StrEnum):
    """Where a province's journey stands."""

    NOT_STARTED = "niet gestart"
    CHECKPOINT_1 = "ijkmoment 1"
    CHECKPOINT_2 = "ijkmoment 2"
    CHECKPOINT_3 = "ijkmoment 3"
    PROPOSAL = "ruimtelijk voorstel"
    ARRANGEMENT = "arrangement"
    SIGNED = "getekend"
    PROCESS_AGREEMENT = "procesafspraak"


CheckpointStatus = Literal["open", "in_review", "revision", "blocked", "passed", "closed"]


class CheckpointState(Frozen):
    """One ijkmoment: its drafts, who was asked to review, and what they said."""

    number: int
    name: str
    status: CheckpointStatus = "open"
    draft_no: int = 0
    document_ref: str | None = None
    requested: tuple[str, ...] = ()
    respond_by: datetime | None = None
    reviews: tuple[Review, ...] = ()
    decision: str | None = None
    reason: str | None = None

    @property
    def done(self) -> bool:
        return self.status in ("passed", "closed")

    @property
    def missing_reviews(self) -> tuple[str, ...]:
        given = {r.party for r in self.reviews}
        return tuple(p for p in self.requested if p not in given)


class ProposalState(Frozen):
    """The provinciaal ruimtelijk voorstel and the perspectives it builds on."""

    document_ref: str | None = None
    summary: str = ""
    builds_on: tuple[str, ...] = ()
    adopted: bool = False
    adopted_at: datetime | None = None
