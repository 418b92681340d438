"""The catalog: provinces, NOVEX areas, programmes, schedule and escalation ladder, validated."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Literal

from pydantic import Field, ValidationError

from domain.shared.base import Frozen
from domain.shared.models import PartySide, Programme, Signatory


class CatalogError(ValueError):
    """A catalog file is refused; the message names the file, the entry and what is wrong."""


class Party(Frozen):
    """Someone who reviews, decides or is notified: accountteam, programme, area, forum."""

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    side: PartySide = PartySide.RIJK
    email: str | None = None
    webhook: str | None = None


class Contact(Frozen):
    """Where notifications for one recipient go; no channel means the log."""

    id: str
    name: str
    email: str | None = None
    webhook: str | None = None


class DuoMember(Frozen):
    """One of the two administrators of a NOVEX area."""

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    side: PartySide
    email: str | None = None


class Duo(Frozen):
    """The rijk-regio duo of an area: a bewindspersoon and a regional administrator."""

    rijk: DuoMember
    region: DuoMember


class Province(Frozen):
    """One of the twelve provinces, with who reviews its drafts and who signs its arrangement."""

    code: str = Field(pattern=r"^[A-Z]{2}$")
    name: str = Field(min_length=1)
    review_parties: tuple[str, ...] = ()
    signatory: Signatory | None = None
    email: str | None = None
    webhook: str | None = None
    duo: Duo | None = None
    civil_duo: Duo | None = None


class NovexArea(Frozen):
    """A NOVEX area: spans one or more provinces and may have partners that are not provinces."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    number: int = Field(ge=1)
    name: str = Field(min_length=1)
    provinces: tuple[str, ...] = Field(min_length=1)
    partners: tuple[str, ...] = ()
    duo: Duo | None = None
    civil_duo: Duo | None = None
    cross_border: bool = False


class CheckpointPlan(Frozen):
    """The planned due date of one ijkmoment."""

    number: int = Field(ge=1)
    name: str
    due: date


class Schedule(Frozen):
    """Planned dates and lead times; coordinators move them for running processes by command."""

    checkpoints: tuple[CheckpointPlan, ...] = Field(min_length=1)
    proposal_due: date
    arrangement_due: date
    reminder_lead_days: int = Field(ge=0, le=365)
    review_days: int = Field(ge=1, le=365)
    area_checkpoints: tuple[CheckpointPlan, ...] = ()
    perspective_due: date | None = None


class EscalationLevel(Frozen):
    """One rung of the escalation ladder; a duo level needs both members to decide.

    A duo level names which duo of the province or area it is (``civil``: the hoog-ambtelijk
    duo, ``administrative``: the bestuurlijke duo); a forum lists its members.
    """

    level: int = Field(ge=1)
    name: str
    kind: Literal["duo", "forum"]
    duo: Literal["civil", "administrative"] | None = None
    members: tuple[str, ...] = ()
    decision_days: int = Field(ge=1)
    reminder_days: tuple[int, ...] = ()


class Catalog(Frozen):
    """Everything the process needs to know that is data, not code."""

    rijk_signatory: Signatory
    default_review_parties: tuple[str, ...] = ()
    parties: tuple[Party, ...] = ()
    provinces: tuple[Province, ...]
    areas: tuple[NovexArea, ...]
    programmes: tuple[Programme, ...]
    schedule: Schedule
    escalation_ladder: tuple[EscalationLevel, ...] = Field(min_length=1)

    def province(self, code: str) -> Province:
        """The province with this code in any case (``gr`` is ``GR``), or an error naming the
        unknown code and the known ones (the rule every path follows: ``catalog/ids.py``)."""
        needle = code.strip().upper()
        for province in self.provinces:
            if province.code == needle:
                return province
        raise CatalogError(f"unknown province {code!r}; known: {', '.join(self.province_codes)}")

    def area(self, key: str) -> NovexArea:
        """The area by id, number or name in any case, or an error naming the unknown key and
        the known ids."""
        needle = key.strip().lower()
        for area in self.areas:
            if needle in (area.id, str(area.number), area.name.lower()):
                return area
        known = ", ".join(a.id for a in self.areas)
        raise CatalogError(f"unknown NOVEX area {key!r}; known: {known}")

    @property
    def province_codes(self) -> tuple[str, ...]:
        """All province codes in catalog order."""
        return tuple(p.code for p in self.provinces)

    def areas_in(self, code: str) -> tuple[NovexArea, ...]:
        """The areas that span (part of) a province."""
        return tuple(a for a in self.areas if code in a.provinces)

    def party(self, party_id: str) -> Party | None:
        """A party by id, if the catalog describes it."""
        return next((p for p in self.parties if p.id == party_id), None)

    def contact(self, recipient: str) -> Contact:
        """Name, e-mail and webhook of anyone notifications go to: a party, a province, a duo
        member or a signatory. Unknown recipients get a contact with no channels (log only)."""
        party = self.party(recipient)
        if party is not None:
            return Contact(id=recipient, name=party.name, email=party.email, webhook=party.webhook)
        if recipient.startswith("province:"):
            code = recipient.split(":", 1)[1]
            for p in self.provinces:
                if p.code == code:
                    return Contact(
                        id=recipient, name=f"Provincie {p.name}", email=p.email, webhook=p.webhook
                    )
        duos = [d for p in self.provinces for d in (p.duo, p.civil_duo) if d]
        duos += [d for a in self.areas for d in (a.duo, a.civil_duo) if d]
        for duo in duos:
            for member in (duo.rijk, duo.region):
                if member.id == recipient:
                    return Contact(id=recipient, name=member.name, email=member.email)
        for signatory in (
            self.rijk_signatory,
            *(p.signatory for p in self.provinces if p.signatory),
        ):
            if signatory.id == recipient:
                return Contact(id=recipient, name=signatory.name)
        return Contact(id=recipient, name=recipient)


def _entry_name(data: Mapping[str, Any], loc: tuple[Any, ...]) -> str:
    """Describe where in the file a problem is, e.g. ``areas[3] (De Peel)``."""
    parts: list[str] = []
    node: Any = data
    for item in loc:
        if isinstance(item, int):
            label = f"[{item}]"
            try:
                node = node[item]
            except (IndexError, KeyError, TypeError):
                node = None
            name = node.get("name") or node.get("code") if isinstance(node, Mapping) else None
            parts.append(label + (f" ({name})" if name else ""))
        else:
            parts.append(("." if parts else "") + str(item))
            node = node.get(item) if isinstance(node, Mapping) else None
    return "".join(parts) or "(top level)"


def parse_catalog(data: Any, source: str) -> Catalog:
    """Validate catalog data (already parsed from YAML/JSON); errors name source, entry, problem."""
    if not isinstance(data, Mapping):
        raise CatalogError(f"{source}: the catalog must be a mapping at the top level")
    try:
        catalog = Catalog.model_validate(_with_derived_review_parties(data))
    except ValidationError as exc:
        problems = [
            f"{source}: {_entry_name(data, tuple(err['loc']))}: {err['msg']}"
            + (f" (got {err['input']!r})" if not isinstance(err["input"], dict | list) else "")
            for err in exc.errors()
        ]
        raise CatalogError("\n".join(problems)) from None
    _check_references(catalog, source)
    return catalog


def _with_derived_review_parties(data: Mapping[str, Any]) -> dict[str, Any]:
    """Provinces without their own list get the defaults plus every area that spans them."""
    result = dict(data)
    defaults = list(data.get("default_review_parties") or [])
    areas = data.get("areas") or []
    provinces = []
    for entry in data.get("provinces") or []:
        if isinstance(entry, Mapping) and "review_parties" not in entry:
            code = entry.get("code")
            spanning = [
                f"area:{a.get('id')}"
                for a in areas
                if isinstance(a, Mapping) and code in (a.get("provinces") or [])
            ]
            entry = {**entry, "review_parties": defaults + spanning}
        provinces.append(entry)
    result["provinces"] = provinces
    return result


def _duplicates(values: list[str]) -> list[str]:
    seen: set[str] = set()
    return sorted({v for v in values if v in seen or seen.add(v)})  # type: ignore[func-returns-value]


def _check_references(catalog: Catalog, source: str) -> None:
    """Cross-entry rules: unique ids, known province codes, a consistent ladder and schedule."""
    problems: list[str] = []
    codes = [p.code for p in catalog.provinces]
    for dup in _duplicates(codes):
        problems.append(f"{source}: provinces: duplicate province code {dup!r}")
    for dup in _duplicates([a.id for a in catalog.areas]):
        problems.append(f"{source}: areas: duplicate area id {dup!r}")
    for dup in _duplicates([str(a.number) for a in catalog.areas]):
        problems.append(f"{source}: areas: duplicate area number {dup}")
    for dup in _duplicates([p.id for p in catalog.programmes]):
        problems.append(f"{source}: programmes: duplicate programme id {dup!r}")
    for dup in _duplicates([p.id for p in catalog.parties]):
        problems.append(f"{source}: parties: duplicate party id {dup!r}")
    known = set(codes)
    for index, area in enumerate(catalog.areas):
        for code in area.provinces:
            if code not in known:
                problems.append(
                    f"{source}: areas[{index}] ({area.name}): unknown province code {code!r}"
                )
    numbers = [c.number for c in catalog.schedule.checkpoints]
    if numbers != list(range(1, len(numbers) + 1)):
        problems.append(f"{source}: schedule.checkpoints: numbers must run 1..n, got {numbers}")
    levels = [lvl.level for lvl in catalog.escalation_ladder]
    if levels != list(range(1, len(levels) + 1)):
        problems.append(f"{source}: escalation_ladder: levels must run 1..n, got {levels}")
    for lvl in catalog.escalation_ladder:
        if lvl.kind == "duo" and lvl.duo is None:
            problems.append(
                f"{source}: escalation_ladder[{lvl.level - 1}] ({lvl.name}): "
                "a duo level names its duo (civil or administrative)"
            )
        if lvl.kind == "forum" and not lvl.members:
            problems.append(
                f"{source}: escalation_ladder[{lvl.level - 1}] ({lvl.name}): a forum needs members"
            )
    for index, province in enumerate(catalog.provinces):
        if province.signatory is None:
            problems.append(f"{source}: provinces[{index}] ({province.name}): no signatory")
        if not province.review_parties:
            problems.append(f"{source}: provinces[{index}] ({province.name}): no review parties")
    if problems:
        raise CatalogError("\n".join(problems))
