"""Base classes shared by every domain model, command and event."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Frozen(BaseModel):
    """An immutable value: changing state means building a new one."""

    model_config = ConfigDict(frozen=True, extra="forbid")
