"""Frozen value models of the process: tasks, reviews, frictions, signatures and the arrangement."""

from __future__ import annotations

import hashlib
from datetime import datetime
from enum import StrEnum

from pydantic import Field

from domain.shared.base import Frozen


class TaskKind(StrEnum):
    """How concrete an opgave in the startpakket is."""

    CONCRETE = "concreet"
    DIRECTIONAL = "richtinggevend"
    UNCERTAIN = "onzeker"


class ReviewOutcome(StrEnum):
    """What a review party says about a draft."""

    APPROVED = "akkoord"
    APPROVED_WITH_REMARKS = "akkoord met opmerkingen"
    REVISE = "aanvullen"
    FRICTION = "schuurpunt"


class FrictionStatus(StrEnum):
    """Lifecycle of a schuurpunt."""

    OPEN = "open"
    IN_PROGRESS = "in behandeling"
    RESOLVED = "opgelost"
    ESCALATED = "geëscaleerd"
    DECIDED = "besloten"


class PartySide(StrEnum):
    """Which government a signatory or duo member speaks for."""

    RIJK = "rijk"
    REGION = "regio"


class Programme(Frozen):
    """A national programme that goals in a startpakket come from."""

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    source: str = "unverified"


class Task(Frozen):
    """An opgave in a province's startpakket."""

    id: str = Field(min_length=1, max_length=80)
    title: str = Field(min_length=1, max_length=500)
    programme: str = Field(min_length=1)
    kind: TaskKind


class Signatory(Frozen):
    """Someone designated to sign an arrangement on behalf of one side."""

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    role: str = Field(min_length=1)
    side: PartySide


class Review(Frozen):
    """One party's verdict on one draft of an ijkmoment."""

    party: str
    outcome: ReviewOutcome
    remarks: str = ""
    actor: str
    submitted_at: datetime
    friction_id: str | None = None


class FrictionStep(Frozen):
    """One change in a friction's lifecycle: who did what, when."""

    status: FrictionStatus
    actor: str
    at: datetime
    note: str = ""


UNKNOWN_THEME = "onbekend"
"""The theme of a schuurpunt whose national programme nobody named (all raised before themes)."""


class Friction(Frozen):
    """A schuurpunt: something the parties do not agree on and that may be escalated; its
    theme is the national programme (catalog id) it touches."""

    id: str
    description: str
    raised_by: str
    checkpoint: int | None = None
    theme: str = UNKNOWN_THEME
    status: FrictionStatus = FrictionStatus.OPEN
    history: tuple[FrictionStep, ...] = ()

    @property
    def is_open(self) -> bool:
        """An open friction blocks its ijkmoment until it is resolved or decided."""
        return self.status not in (FrictionStatus.RESOLVED, FrictionStatus.DECIDED)


class Agreement(Frozen):
    """One afspraak in an arrangement (or an uitvoeringsafspraak of an area)."""

    id: str = Field(min_length=1, max_length=80)
    text: str = Field(min_length=1)


class InvestmentDecision(Frozen):
    """An investeringsbesluit recorded as a decision."""

    id: str = Field(min_length=1)
    action_id: str
    description: str
    decided_by: str
    decided_at: datetime


class Signature(Frozen):
    """Who signed, in which role, when, and the hash of the exact text signed."""

    signatory: str
    role: str
    side: PartySide
    actor: str
    text_hash: str
    signed_at: datetime


class Arrangement(Frozen):
    """The ruimtelijk arrangement text under negotiation or signed."""

    text: str
    agreements: tuple[Agreement, ...]
    text_hash: str
    signatures: tuple[Signature, ...] = ()
    signed: bool = False

    @staticmethod
    def hash_text(text: str, agreements: tuple[Agreement, ...]) -> str:
        """The hash a signatory signs: the text and every agreement, in order."""
        h = hashlib.sha256(text.encode())
        for agreement in agreements:
            h.update(b"\x00" + agreement.id.encode() + b"\x00" + agreement.text.encode())
        return h.hexdigest()


class ProcessAgreement(Frozen):
    """A procesafspraak: an interim agreement that keeps the journey open toward an arrangement."""

    text: str
    reason: str
    concluded_by: str
    concluded_at: datetime
