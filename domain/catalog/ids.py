"""How a process is named on input, on every path: province codes and area keys in any case,
stream ids written loosely — all spelled as the catalog spells them, or refused naming the
unknown code and the known ones.

The one rule: a province code is matched without regard to case or surrounding spaces (``gr``,
`` Gr `` and ``GR`` are Groningen); an area by id, number or name, also without regard to case
(``catalog.Catalog.province`` and ``area``). A stream id is ``<kind>-<subject>[.<label>]`` whose
kind is matched without regard to case and whose subject, for a province, an area or an
escalation of either, is matched as above; its label is kept as written.
"""

from __future__ import annotations

from domain.catalog.model import Catalog
from domain.shared.ids import StreamId

PROCESS_KINDS = ("province", "area", "escalation")


def province_code(catalog: Catalog, text: str) -> str:
    """The catalog's code of the province ``text`` names; CatalogError when none."""
    return catalog.province(text).code


def area_id(catalog: Catalog, text: str) -> str:
    """The catalog's id of the area ``text`` names (id, number or name); CatalogError when none."""
    return catalog.area(text).id


def _subject(catalog: Catalog, kind: str, subject: str) -> str:
    if kind == "province":
        return province_code(catalog, subject)
    return area_id(catalog, subject)


def process_stream(catalog: Catalog, text: str) -> StreamId:
    """The stream id written in ``text``, spelled as the catalog spells it: ``province-gr`` is
    ``province-GR``, ``AREA-De-Peel.oefening`` is ``area-de-peel.oefening``, an escalation in
    full or as lists show it (``province-gr~1``) is ``escalation-province-GR~1``. A stream of
    another kind (``alerts-projector``) is kept as written but for its kind's case.

    ValueError when ``text`` is no stream id; CatalogError naming an unknown province or area
    and the known ones."""
    stream = StreamId.parse(text.strip())
    stream = StreamId(stream.kind.lower(), stream.subject, stream.label)
    if stream.kind in ("province", "area") and "~" in stream.subject:
        stream = StreamId("escalation", f"{stream.kind}-{stream.subject}", stream.label)
    if stream.kind in ("province", "area"):
        return StreamId(stream.kind, _subject(catalog, stream.kind, stream.subject), stream.label)
    if stream.kind != "escalation":
        return stream
    parent, tilde, number = stream.subject.rpartition("~")
    kind, dash, subject = parent.partition("-")
    if not tilde or not number.isdigit() or not dash or kind.lower() not in ("province", "area"):
        raise ValueError(
            f"not an escalation id (area-de-peel~1 or escalation-area-de-peel~1): {text!r}"
        )
    kind = kind.lower()
    return StreamId(kind, _subject(catalog, kind, subject), stream.label).escalation(int(number))
