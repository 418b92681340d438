"""Identifiers the domain is handed: a source of new ids."""

from __future__ import annotations

from collections.abc import Callable
from uuid import UUID

NewId = Callable[[], UUID]
