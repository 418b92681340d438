"""Errors the domain raises when a command breaks a rule; nothing is recorded when they do."""

from __future__ import annotations


class DomainError(ValueError):
    """A command was refused by a business rule; the message says what is wrong."""


class UnknownReference(DomainError):
    """A command names something (province, party, ijkmoment, signatory) that does not exist."""


class InvalidTransition(DomainError):
    """A command does not fit the phase the process is in."""


class NotAuthorized(DomainError):
    """A command is given by someone who may not give it (not a party asked, not a signatory)."""


class AlreadyDone(DomainError):
    """A command asks for what was done already (a message repeated: a perspective delivered
    twice). Refused like any other, nothing recorded, and no cause for alarm."""
