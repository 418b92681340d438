"""Identifiers: a source of new ids, the id of a process's stream, the target of a deadline."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from uuid import UUID

NewId = Callable[[], UUID]


@dataclass(frozen=True)
class StreamId:
    """The id of one process's event stream, which is also its workflow id.

    Written ``<kind>-<subject>[.<label>]``: ``province-GE``, ``area-de-peel.rehearsal``,
    ``escalation-province-GE~1``. A label names a separate run of the programme (a rehearsal);
    the real run has none. The kind holds no ``-``, kind and subject hold no ``.``.
    """

    kind: str
    subject: str
    label: str | None = None

    def __post_init__(self) -> None:
        if not self.kind or "-" in self.kind or "." in self.kind:
            raise ValueError(f"a stream kind is one word without '-' or '.': {self.kind!r}")
        if not self.subject or "." in self.subject:
            raise ValueError(f"a stream subject is not empty and holds no '.': {self.subject!r}")
        if self.label == "":
            raise ValueError("a stream label is None or not empty")

    @classmethod
    def parse(cls, text: str) -> StreamId:
        """The stream id written in ``text``; ValueError when it is not one."""
        head, dot, label = text.partition(".")
        kind, dash, subject = head.partition("-")
        if not dash or (dot and not label):
            raise ValueError(f"not a stream id (<kind>-<subject>[.<label>]): {text!r}")
        return cls(kind, subject, label if dot else None)

    def __str__(self) -> str:
        return f"{self.kind}-{self.subject}" + (f".{self.label}" if self.label else "")

    @classmethod
    def province(cls, code: str, label: str | None = None) -> StreamId:
        """``province-GE`` (or ``province-GE.<label>``)."""
        return cls("province", code, label or None)

    @classmethod
    def area(cls, area_id: str, label: str | None = None) -> StreamId:
        """``area-de-peel`` (or ``area-de-peel.<label>``)."""
        return cls("area", area_id, label or None)

    def escalation(self, number: int) -> StreamId:
        """The n-th escalation of this process, in the same run: ``escalation-province-GE~1``."""
        return StreamId("escalation", f"{self.kind}-{self.subject}~{number}", self.label)

    @classmethod
    def of_escalation(cls, text: str) -> StreamId:
        """An escalation's stream id, written in full (``escalation-area-de-peel~1``) or as
        lists show it (``area-de-peel~1``); ValueError when it is neither."""
        stream = cls.parse(text.strip())
        if stream.kind != "escalation":
            stream = cls("escalation", f"{stream.kind}-{stream.subject}", stream.label)
        parent, tilde, number = stream.subject.rpartition("~")
        if not tilde or not number.isdigit() or "-" not in parent:
            raise ValueError(
                f"not an escalation id (area-de-peel~1 or escalation-area-de-peel~1): {text!r}"
            )
        return stream

    def in_run(self, label: str | None) -> bool:
        """Whether this stream belongs to the run with this label (None: the real run)."""
        return self.label == (label or None)


_NUMBERED = re.compile(r"(?P<step>.+)-(?P<number>0|[1-9][0-9]*)")


@dataclass(frozen=True)
class Target:
    """What a deadline is for: a step of a process, numbered when the step repeats.

    Stored (in events, deadlines and commands) as its string form: ``voorstel``,
    ``ijkmoment-2``, ``ijkpunt-1``.
    """

    step: str
    number: int | None = None

    def __post_init__(self) -> None:
        if not self.step:
            raise ValueError("a target names a step")
        if self.number is None and _NUMBERED.fullmatch(self.step):
            raise ValueError(f"a numbered step is written as step and number: {self.step!r}")
        if self.number is not None and self.number < 0:
            raise ValueError(f"a target's number is not negative: {self.number}")

    @classmethod
    def parse(cls, text: str) -> Target:
        """The target written in ``text`` (every non-empty string is one)."""
        numbered = _NUMBERED.fullmatch(text)
        if numbered is None:
            return cls(text)
        return cls(numbered["step"], int(numbered["number"]))

    def __str__(self) -> str:
        return self.step if self.number is None else f"{self.step}-{self.number}"
