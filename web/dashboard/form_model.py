"""What a dashboard form is: its fields (with their options from the process's state), the
command it gives, when it is offered, and how posted values become that command and the lines
the confirmation shows."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

from domain.catalog.model import Catalog
from domain.shared.plausible import FIRST_DAY, LAST_DAY, check_day
from service.authorization import RULES, SCOPED_FIELDS, Role
from store.tokens import TokenHolder
from web.dashboard.words import datum

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
Kind = Literal["select", "text", "textarea", "date", "fixed"]


@dataclass(frozen=True)
class Context:
    """Who looks at which process (its detail as the page shows it), with the catalog."""

    who: TokenHolder
    detail: Mapping[str, Any]
    catalog: Catalog | None = None

    @property
    def s(self) -> Mapping[str, Any]:
        summary: Mapping[str, Any] = self.detail["summary"]
        return summary

    @property
    def view(self) -> Mapping[str, Any]:
        view: Mapping[str, Any] = self.detail.get("view") or {}
        return view


Options = Callable[[Context], list[tuple[str, str]]]


@dataclass(frozen=True)
class Field:
    """One input: its command field, its label, its kind and (for a select) its options; a
    ``fixed`` field shows a value the form does not let one change. ``blank`` is what the
    confirmation says of an empty field (None: it leaves the line out); ``when`` marks the fields
    that say when it happened (web/dashboard/dating.py)."""

    name: str
    label: str
    kind: Kind = "text"
    required: bool = True
    options: Options | None = None
    value: Callable[[Context], str] | None = None
    hint: str | Callable[[Context], str] = ""
    convert: Literal["text", "int", "date", "day"] = "text"
    blank: str | None = "—"
    when: bool = False

    def choices(self, ctx: Context) -> list[tuple[str, str]]:
        return self.options(ctx) if self.options else []

    def fixed_value(self, ctx: Context) -> str | None:
        """The value a fixed field carries (a scoped holder's own party, member, signatory)."""
        if self.value is not None:
            return self.value(ctx)
        role = Role(ctx.who.role) if ctx.who.role in set(Role) else None
        if role is not None and SCOPED_FIELDS.get(role) == self.name:
            return ctx.who.scope or ""
        return None

    def kind_for(self, ctx: Context) -> Kind:
        return "fixed" if self.fixed_value(ctx) is not None else self.kind

    def hint_for(self, ctx: Context) -> str:
        return self.hint(ctx) if callable(self.hint) else self.hint


@dataclass(frozen=True)
class Action:
    """A form that gives one command to one kind of process."""

    slug: str
    process: str
    command: str
    title: str
    button: str
    fields: tuple[Field, ...]
    offered: Callable[[Context], bool] = lambda ctx: True
    fixed: Mapping[str, Any] = field(default_factory=dict)
    nest: str | None = None
    """The command field that holds the form's values (a proposal's ``decision``), if any."""
    nested: tuple[str, ...] = ()
    intro: str = ""

    def allowed(self, who: TokenHolder) -> bool:
        """Whether the holder's role may give this command at all."""
        return who.role in {r.value for r in RULES[self.process].get(self.command, set())}


def _converted(f: Field, raw: str) -> Any:
    if f.convert == "int":
        return int(raw)
    if f.convert == "date":
        day = check_day(date.fromisoformat(raw))
        return datetime(day.year, day.month, day.day, tzinfo=AMSTERDAM).isoformat()
    if f.convert == "day":
        return check_day(date.fromisoformat(raw)).isoformat()
    return raw


def _wrong(f: Field, raw: str) -> str:
    """What is wrong with a value that does not convert, in Dutch."""
    if f.convert == "int":
        return f"‘{f.label}’ moet een getal zijn."
    try:
        date.fromisoformat(raw)
    except ValueError:
        return f"‘{f.label}’ moet een datum zijn."
    window = f"{datum(FIRST_DAY)} en {datum(LAST_DAY)}"
    return f"‘{f.label}’ moet tussen {window} liggen ({datum(raw)}: een tikfout?)."


def values_of(
    action: Action, ctx: Context, form: Mapping[str, str]
) -> tuple[dict[str, str], dict[str, str]]:
    """The posted values of the action's fields (fixed ones from the holder), and per field
    what is wrong with its value, in Dutch. A select's value is not held against its options:
    the state may have moved on (a second submit of one form), and the rules judge it."""
    values: dict[str, str] = {}
    errors: dict[str, str] = {}
    for f in action.fields:
        fixed = f.fixed_value(ctx)
        raw = (fixed if fixed is not None else str(form.get(f.name, ""))).strip()
        values[f.name] = raw
        if not raw:
            if f.required:
                errors[f.name] = f"Vul ‘{f.label.lower()}’ in."
            continue
        try:
            _converted(f, raw)
        except ValueError:
            errors[f.name] = _wrong(f, raw)
    return values, errors


def command_of(action: Action, ctx: Context, values: Mapping[str, str]) -> dict[str, Any]:
    """The command (as the API takes it) that the checked values make."""
    given = {f.name: _converted(f, values[f.name]) for f in action.fields if values.get(f.name)}
    if action.nest:
        inner = {k: v for k, v in given.items() if k in action.nested}
        given = {k: v for k, v in given.items() if k not in action.nested}
        given[action.nest] = inner
    return {"type": action.command, "actor": ctx.who.actor, **action.fixed, **given}


def shown(action: Action, ctx: Context, values: Mapping[str, str]) -> list[tuple[str, str]]:
    """What the confirmation says will be recorded: each field's label and value in words."""
    lines = []
    for f in action.fields:
        value = values.get(f.name, "")
        if not value and f.blank is None:
            continue
        label = dict(f.choices(ctx)).get(value, value) if f.kind == "select" else value
        label = datum(value) if f.convert in ("date", "day") and value else label
        lines.append((f.label, label or f.blank or "—"))
    return lines
