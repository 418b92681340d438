"""What a command names that only the catalog knows (a schuurpunt's theme: a national
programme); the edges check it before they send the command."""

from __future__ import annotations

from domain.catalog.model import Catalog
from domain.shared.commands import Command, RaiseFriction
from domain.shared.errors import UnknownReference


def check_references(catalog: Catalog, command: Command) -> None:
    """Refuse a command that names a programme the catalog does not hold."""
    if isinstance(command, RaiseFriction) and command.theme is not None:
        known = [p.id for p in catalog.programmes]
        if command.theme not in known:
            raise UnknownReference(
                f"theme: unknown national programme {command.theme!r}; known: {', '.join(known)}"
            )
