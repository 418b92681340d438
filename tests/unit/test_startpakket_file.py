"""A startpakket file: opgaven with known programmes load; bad ones are refused by entry."""

from __future__ import annotations

from pathlib import Path

import pytest

from config.catalog_file import load_catalog
from config.startpakket_file import load_startpakket
from domain.catalog.model import CatalogError


def test_opgaven_load_with_their_programme_and_kind(tmp_path: Path) -> None:
    path = tmp_path / "ge.yaml"
    path.write_text(
        "opgaven:\n"
        "  - {id: T1, title: Woningbouw Arnhem-Nijmegen, programme: woningbouw, kind: concreet}\n"
        "  - {id: T2, title: Stikstofruimte Gelderse Vallei, programme: nplg, kind: onzeker}\n",
        encoding="utf-8",
    )
    tasks = load_startpakket(path, load_catalog())
    assert [(t.id, t.kind.value) for t in tasks] == [("T1", "concreet"), ("T2", "onzeker")]


def test_an_unknown_programme_or_kind_is_refused_naming_the_entry(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "- {id: T1, title: a, programme: onbekend, kind: concreet}\n"
        "- {id: T2, title: b, programme: nplg, kind: misschien}\n",
        encoding="utf-8",
    )
    with pytest.raises(CatalogError) as err:
        load_startpakket(path, load_catalog())
    message = str(err.value)
    assert "opgaven[0] (T1): unknown programme 'onbekend'" in message
    assert "opgaven[1].kind" in message
