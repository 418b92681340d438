"""The demo's history, generated: the story (service/demo_story.py) told in the commands the
processes take — per process a block in the format `novex import` reads (service/history_file.py),
with the parties, signatories and areas the catalog gives each process. Provinces come first:
an area's adopted perspective is in the history of every province it spans, so the area's own
delivery, when it is imported after them, finds it there and records nothing new."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from domain.catalog.model import Catalog, Province
from domain.catalog.planning import area_review_parties, end_of_day
from domain.shared.models import Agreement, Arrangement
from service.demo_story import BOL, PROVINCES, STARTPAKKET, Line, ProvinceStory, Revision
from service.demo_story_areas import AREAS, AreaStory

OPGAVEN = (
    ("W1", "woningbouw", "concreet", "Woningbouw tot 2030"),
    ("E1", "peh", "richtinggevend", "Ruimte voor de energiehoofdstructuur"),
    ("L1", "nplg", "concreet", "Doelen voor het landelijk gebied"),
    ("K1", "delta", "onzeker", "Klimaatadaptatie na 2050"),
)
"""The opgaven every startpakket holds in the demo (id suffix, programme, kind, title)."""


def _line(when: date, type_: str, **fields: Any) -> Line:
    return {"date": when, "type": type_, **fields}


def _days(on: date, n: int) -> date:
    return on + timedelta(days=n)


def perspective_document(area_id: str) -> str:
    """The document of an area's first perspective (the one a province is delivered)."""
    return f"OP-{area_id}-v1.pdf"


def _reviews(
    parties: tuple[str, ...], on: date, checkpoint: int, revision: Revision | None
) -> Iterator[Line]:
    """Every party's review a week or two after a draft; one may ask for a revision."""
    for i, party in enumerate(parties):
        asks = revision is not None and revision.party == party
        yield _line(
            _days(on, 7 + i),
            "SubmitReview",
            checkpoint=checkpoint,
            party=party,
            outcome="aanvullen" if asks else "akkoord",
            **({"remarks": revision.remarks} if asks and revision else {}),
        )


def _checkpoint(province: Province, story: ProvinceStory, number: int) -> list[Line]:
    """One ijkmoment: its draft and reviews (and a redraft when sent back), or its closing."""
    code, parties = province.code, province.review_parties
    if story.closed is not None and story.closed[0] == number:
        _, on, decision, reason = story.closed
        return [_line(on, "CloseCheckpoint", checkpoint=number, decision=decision, reason=reason)]
    drafted = story.drafts[number - 1]
    assert drafted is not None, f"{code}: ijkmoment {number} has neither a draft nor a closing"
    revision = story.revision if story.revision and story.revision.checkpoint == number else None
    lines = [
        _line(
            drafted,
            "SubmitDraft",
            checkpoint=number,
            document_ref=f"{code}-ijkmoment-{number}.pdf",
            summary=f"Ruimtelijke puzzel {province.name}, versie voor ijkmoment {number}",
        ),
        *_reviews(parties, drafted, number, revision),
    ]
    if revision is not None:
        lines.append(
            _line(
                revision.redraft,
                "SubmitDraft",
                checkpoint=number,
                document_ref=f"{code}-ijkmoment-{number}-v2.pdf",
                summary=f"Aangevuld: {revision.remarks.lower()}",
            )
        )
        lines += _reviews(parties, revision.redraft, number, None)
    return lines


def _adopted_areas(catalog: Catalog, code: str) -> list[tuple[str, date]]:
    """The areas in a province whose perspective the story adopts, with the date."""
    found = []
    for area in catalog.areas_in(code):
        story = AREAS.get(area.id)
        if story is not None and story.adopted is not None:
            found.append((area.id, story.adopted))
    return found


def _voorstel(catalog: Catalog, province: Province, story: ProvinceStory) -> list[Line]:
    """Perspectives delivered as their areas adopt them, the voorstel built on the ones there by
    then (and on any it waives), its adoption by the Rijk."""
    adopted = _adopted_areas(catalog, province.code)
    lines = [
        _line(on, "DeliverPerspective", area=area_id, document_ref=perspective_document(area_id))
        for area_id, on in adopted
    ]
    builds_on = [a for a, on in adopted if on <= story.voorstel] + list(story.waived)
    lines.append(
        _line(
            story.voorstel,
            "SubmitProposal",
            document_ref=f"{province.code}-ruimtelijk-voorstel.pdf",
            summary=f"Provinciaal ruimtelijk voorstel {province.name}",
            builds_on=builds_on,
        )
    )
    lines += [
        _line(
            _days(story.adopted, -14),
            "WaivePerspective",
            area=area_id,
            reason="Het ontwikkelperspectief volgt later; het voorstel gaat uit van de concepten",
        )
        for area_id in story.waived
    ]
    lines.append(_line(story.adopted, "AdoptProposal"))
    return lines


def agreements_of(province: Province, more: tuple[str, ...] = ()) -> list[Agreement]:
    """The afspraken of a province's arrangement: one per opgave of its startpakket."""
    texts = [f"{title} in {province.name}: ruimte en fasering" for *_, title in OPGAVEN]
    return [Agreement(id=f"A{i}", text=t) for i, t in enumerate([*texts, *more], start=1)]


def _arrangement(on: date, text: str, agreements: list[Agreement]) -> Line:
    listed = [a.model_dump() for a in agreements]
    return _line(on, "DraftArrangement", text=text, agreements=listed)


def _signature(on: date, who: str, text: str, agreements: list[Agreement]) -> Line:
    text_hash = Arrangement.hash_text(text, tuple(agreements))
    return _line(on, "SignArrangement", signatory=who, text_hash=text_hash)


def _signed(catalog: Catalog, province: Province, story: ProvinceStory) -> list[Line]:
    """The arrangement drafted and signed at the BOL, or a procesafspraak there; then any
    amendment: started, the amended text drafted and signed by the province."""
    text = f"Ruimtelijk arrangement {province.name}"
    agreements = agreements_of(province)
    lines = [_arrangement(story.drafted, text, agreements)]
    signers = (province.signatory.id if province.signatory else "", catalog.rijk_signatory.id)
    if story.signed is None:
        return [
            *lines,
            _line(
                BOL[1],
                "ConcludeProcessAgreement",
                text=f"Procesafspraak op weg naar het ruimtelijk arrangement {province.name}",
                reason="De opgaven van de provincie vragen meer tijd",
            ),
        ]
    lines += [_signature(story.signed, who, text, agreements) for who in signers]
    change = story.amendment
    if change is None:
        return lines
    text = f"Ruimtelijk arrangement {province.name}, gewijzigd"
    agreements = agreements_of(province, (change.reason,))
    return [
        *lines,
        _line(
            change.started,
            "StartAmendment",
            reason=change.reason,
            due=end_of_day(change.due).isoformat(),
        ),
        _arrangement(change.drafted, text, agreements),
        _signature(change.signed_by_province, signers[0], text, agreements),
    ]


def _by_date(lines: list[Line]) -> list[Line]:
    """The lines in the order they happened (on one day: in the order given)."""
    return sorted(lines, key=lambda line: line["date"])


def province_block(catalog: Catalog, code: str, story: ProvinceStory) -> dict[str, Any]:
    """A province's history: its startpakket, its ijkmomenten, voorstel and arrangement."""
    province = catalog.province(code)
    lines = [
        _line(
            STARTPAKKET,
            "AddTask",
            task={
                "id": f"{province.code}-{suffix}",
                "title": f"{title} ({province.name})",
                "programme": programme,
                "kind": kind,
            },
        )
        for suffix, programme, kind, title in OPGAVEN
    ]
    for number in (1, 2, 3):
        lines += _checkpoint(province, story, number)
    lines += _voorstel(catalog, province, story)
    lines += _signed(catalog, province, story)
    lines += list(story.extra)
    return {
        "process": f"province-{province.code}",
        "started": STARTPAKKET,
        "commands": _by_date(lines),
    }


def area_block(catalog: Catalog, area_id: str, story: AreaStory) -> dict[str, Any]:
    """An area's history: its ijkpunten, its perspective drafted, reviewed and adopted."""
    area = catalog.area(area_id)
    first, second = story.ijkpunten
    lines = [
        _line(first, "ReachCheckpoint", checkpoint=1, note="Opgaven en ambitie besproken"),
        _line(second, "ReachCheckpoint", checkpoint=2, note="Perspectief en investeringen"),
        _line(
            story.drafted,
            "DraftPerspective",
            document_ref=perspective_document(area.id),
            summary=f"Ontwikkelperspectief {area.name}",
            readiness=story.readiness,
        ),
    ]
    asker, remarks = story.revision or ("", "")
    for i, party in enumerate(area_review_parties(catalog, area.id)):
        said = {"outcome": "aanvullen", "remarks": remarks} if party == asker else {}
        review = {"party": party, "outcome": "akkoord", **said}
        lines.append(_line(_days(story.drafted, 7 + i), "ReviewPerspective", **review))
    if story.adopted is not None:
        lines.append(_line(story.adopted, "AdoptPerspective"))
    lines += list(story.extra)
    return {"process": f"area-{area.id}", "started": STARTPAKKET, "commands": _by_date(lines)}


def demo_history(catalog: Catalog) -> list[dict[str, Any]]:
    """The whole story as history blocks, provinces first (for the processes the catalog holds:
    the story is told of the shipped catalog's programme)."""
    codes = set(catalog.province_codes)
    areas = {a.id for a in catalog.areas}
    return [
        *(province_block(catalog, c, s) for c, s in PROVINCES.items() if c in codes),
        *(area_block(catalog, a, s) for a, s in AREAS.items() if a in areas),
    ]
