"""What every command shares: errors, JSON and tables on the terminal, the idempotency key, dates.
Light on purpose: `novex --help` imports every command module, so heavy libraries are imported
where a command needs them (see cli/local.py for the server's own services)."""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime
from functools import cache
from typing import TYPE_CHECKING, Any, NoReturn
from zoneinfo import ZoneInfo

import typer

if TYPE_CHECKING:
    from rich.console import Console

KEY = typer.Option(
    None,
    "--idempotency-key",
    help="any text of yours (e.g. a UUID): run again with the same key and the same command, "
    "it answers as the first time and records nothing twice",
)
AS_JSON = typer.Option(False, "--json", help="print JSON")
ON = typer.Option(
    None,
    "--on",
    formats=["%Y-%m-%d"],
    help="the date it happened, e.g. 2024-02-15 (default: today); never in the future, and "
    "before the process's last effective date only as a correction",
)
CORRECTION = typer.Option(
    None,
    "--correction-reason",
    help="why something dated before the process's last effective date is recorded now",
)
AS_OF = typer.Option(
    None,
    "--as-of",
    help="how things stood at this instant (effective time: what had taken effect by then); "
    "Dutch time unless a zone is given",
)
AS_KNOWN_AT = typer.Option(
    None,
    "--as-known-at",
    help="what novex knew at this instant (recorded time); with --as-of: how things stood "
    "then as novex knew it at this instant; Dutch time unless a zone is given",
)


def dated(command: dict[str, Any], on: datetime | None, reason: str | None) -> dict[str, Any]:
    """A command with the date it happened (--on) and a correction's reason, when given."""
    extra: dict[str, Any] = {}
    if on is not None:
        extra["occurred_on"] = on.date().isoformat()
    if reason:
        extra["correction_reason"] = reason
    return {**command, **extra}


@cache
def console() -> Console:
    """The terminal, through rich (imported when something is printed)."""
    from rich.console import Console

    return Console()


def fail(message: str) -> NoReturn:
    """End the command with exit code 2 and the message on stderr (unwrapped)."""
    typer.secho("error:", fg="red", err=True, nl=False)
    typer.echo(f" {message}", err=True)
    raise typer.Exit(2)


def checked_key(raw: str | None) -> str | None:
    """The --idempotency-key as given, or the command ends naming what is wrong with it."""
    from service.idempotency import InvalidKey, parse_key

    try:
        return parse_key(raw)
    except InvalidKey as exc:
        fail(str(exc))


def print_json(value: Any) -> None:
    json.dump(value, sys.stdout, indent=2, default=str, ensure_ascii=False)
    print()


def table(title: str, *columns: str, widths: dict[str, int] | None = None) -> Any:
    """A rich table with these columns; the first (a name to copy, such as a process's) is
    never wrapped or cut short, the others give way on a narrow terminal, each no narrower than
    ``widths`` says (so that a phase's longest word or a date stays whole)."""
    from rich.box import SIMPLE_HEAD
    from rich.table import Table

    made = Table(title=title, box=SIMPLE_HEAD)
    for number, column in enumerate(columns):
        made.add_column(column, no_wrap=number == 0, min_width=(widths or {}).get(column))
    return made


def print_recorded(result: dict[str, Any]) -> None:
    """What a command recorded, and the process's version after it."""
    console().print(f"recorded: {', '.join(result['events'])} (version {result['version']})")


DUTCH = ZoneInfo("Europe/Amsterdam")
"""The programme's time: instants typed without a zone mean Dutch time, and show in it."""


def local(value: datetime | None) -> datetime | None:
    """An instant typed without a zone is taken as Dutch time (as the dashboard's picker)."""
    return value.replace(tzinfo=DUTCH) if value and value.tzinfo is None else value


def iso(value: datetime | None) -> str | None:
    """An instant for the API (Dutch time when typed without a zone); in UTC when its offset
    has seconds (Dutch time before 1937: +00:19:32), which ISO parsers refuse."""
    moment = local(value)
    if moment is None:
        return None
    offset = moment.utcoffset()
    if offset is not None and offset.seconds % 60:
        moment = moment.astimezone(UTC)
    return moment.isoformat()


def _dutch(value: Any) -> datetime | None:
    text = str(value or "")
    if len(text) <= 10:
        return None
    try:
        instant = datetime.fromisoformat(text)
    except ValueError:
        return None
    return instant.astimezone(DUTCH) if instant.tzinfo else instant


def day(value: Any) -> str:
    """An ISO date or instant as users write it (dd-mm-jjjj, the day in Dutch time)."""
    instant = _dutch(value)
    if instant is not None:
        return f"{instant:%d-%m-%Y}"
    text = str(value or "")[:10]
    return f"{text[8:10]}-{text[5:7]}-{text[:4]}" if len(text) == 10 else text


def moment(value: Any) -> str:
    """An ISO instant as dd-mm-jjjj uu:mm in Dutch time."""
    instant = _dutch(value)
    return f"{instant:%d-%m-%Y %H:%M}" if instant is not None else day(value)
