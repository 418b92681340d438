"""A programme's history as a file: per process, the date it started and its dated commands in
order — YAML, or CSV for the simple cases (one command per row, one field per column). Read
with the line of every entry, so a refusal can name it; written back by export-history."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import yaml

LINE = "__line__"
RESERVED = ("date", "type", "correction_reason")
"""Keys of a command entry that are no field of the command."""


class HistoryFileError(ValueError):
    """The file is no history: the message names the file and the line."""


@dataclass(frozen=True)
class Line:
    """One dated command as the file holds it."""

    number: int
    on: date | None
    type: str
    fields: dict[str, Any]
    correction_reason: str | None = None


@dataclass
class Block:
    """One process's history in the file."""

    process: str
    number: int
    started: date | None = None
    started_line: int = 0
    lines: list[Line] = field(default_factory=list)


class _WithLines(yaml.SafeLoader):
    """YAML's safe loader that notes the line of every mapping."""


def _mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    value = loader.construct_mapping(node, deep=True)
    return {**value, LINE: node.start_mark.line + 1}


_WithLines.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)


def _plain(value: Any) -> Any:
    """A value without the noted lines of the mappings inside it."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if k != LINE}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _day(name: str, number: int, value: Any, what: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise HistoryFileError(
            f"{name}:{number}: {what} is no date (YYYY-MM-DD): {value!r}"
        ) from None


def _line(name: str, entry: Any) -> Line:
    if not isinstance(entry, dict) or not entry.get("type"):
        raise HistoryFileError(f"{name}:{_number(entry)}: a command needs a type")
    number = entry[LINE]
    on = _day(name, number, entry["date"], "date") if entry.get("date") is not None else None
    fields = {
        "on" if k is True else k: _plain(v)  # YAML 1.1 reads a bare `on:` key as true
        for k, v in entry.items()
        if k not in (*RESERVED, LINE)
    }
    return Line(number, on, str(entry["type"]), fields, entry.get("correction_reason"))


def _number(entry: Any) -> int:
    return int(entry.get(LINE, 0)) if isinstance(entry, dict) else 0


def _block(name: str, entry: Any) -> Block:
    if not isinstance(entry, dict) or not isinstance(entry.get("process"), str):
        raise HistoryFileError(f"{name}:{_number(entry)}: a block names its process")
    number = entry[LINE]
    block = Block(str(entry["process"]), number)
    if entry.get("started") is not None:
        block.started = _day(name, number, entry["started"], "started")
        block.started_line = number
    commands = entry.get("commands") or []
    if not isinstance(commands, list):
        raise HistoryFileError(f"{name}:{number}: commands is a list of dated commands")
    block.lines = [_line(name, c) for c in commands]
    unknown = set(entry) - {"process", "started", "commands", LINE}
    if unknown:
        raise HistoryFileError(f"{name}:{number}: unknown keys {', '.join(sorted(unknown))}")
    return block


def read_yaml(name: str, text: str) -> list[Block]:
    """The blocks of a YAML history (``history:`` a list of ``process``, ``started``,
    ``commands``)."""
    try:
        data = yaml.load(text, Loader=_WithLines)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        raise HistoryFileError(f"{name}{where}: not valid YAML: {exc}") from None
    history = data.get("history") if isinstance(data, dict) else None
    if not isinstance(history, list):
        raise HistoryFileError(f"{name}:1: a history file holds 'history:', a list of processes")
    return [_block(name, entry) for entry in history]


def read_csv(name: str, text: str) -> list[Block]:
    """The blocks of a CSV history: columns ``process``, ``date``, ``type`` and one per field
    (empty cells are left out); a row of type ``start`` says when the process started."""
    reader = csv.DictReader(io.StringIO(text))
    missing = {"process", "date", "type"} - set(reader.fieldnames or ())
    if missing:
        raise HistoryFileError(f"{name}:1: columns missing: {', '.join(sorted(missing))}")
    blocks: dict[str, Block] = {}
    for row in reader:
        number = reader.line_num
        process = (row.get("process") or "").strip()
        if not process:
            raise HistoryFileError(f"{name}:{number}: a row names its process")
        block = blocks.setdefault(process, Block(process, number))
        values = {k: v for k, v in row.items() if k and v not in (None, "")}
        if values.get("type") == "start":
            block.started = _day(name, number, values.get("date"), "date")
            block.started_line = number
            continue
        entry = {k: v for k, v in values.items() if k != "process"} | {LINE: number}
        block.lines.append(_line(name, entry))
    return list(blocks.values())


def read_history(name: str, text: str) -> list[Block]:
    """The blocks of a history file: CSV when its name ends in .csv, else YAML."""
    if name.lower().endswith(".csv"):
        return read_csv(name, text)
    return read_yaml(name, text)


def write_yaml(blocks: list[dict[str, Any]]) -> str:
    """A history in the YAML the import reads (``blocks``: process, started, commands)."""
    head = (
        "# novex history: per process, the date it started and its dated commands in order.\n"
        "# `novex import FILE` records it; a second run records nothing new.\n"
    )
    return head + yaml.safe_dump({"history": blocks}, sort_keys=False, allow_unicode=True)
