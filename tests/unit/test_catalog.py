"""The catalog file: the shipped one loads, and bad ones are refused naming file, entry, problem."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from config.catalog_file import default_catalog_path, load_catalog
from domain.catalog.model import CatalogError


def _write(tmp_path: Path, mutate) -> Path:
    data = yaml.safe_load(default_catalog_path().read_text(encoding="utf-8"))
    mutate(data)
    path = tmp_path / "catalog.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_the_shipped_catalog_has_twelve_provinces_and_sixteen_areas() -> None:
    catalog = load_catalog()
    assert len(catalog.provinces) == 12 and len(catalog.areas) == 16
    assert catalog.area("Het Groene Hart").provinces == ("ZH", "UT", "NH")
    assert catalog.area("Lelylijn").provinces == ("FL", "FR", "GR", "DR")
    assert catalog.area("north-sea-port-district").cross_border
    assert [lvl.kind for lvl in catalog.escalation_ladder] == ["duo", "duo", "forum", "forum"]


def test_a_province_without_its_own_review_parties_gets_defaults_and_its_areas() -> None:
    parties = load_catalog().province("LI").review_parties
    assert parties == ("rijk-accountteam", "programmes", "area:de-peel", "area:zuid-limburg")


def test_an_unknown_province_code_in_an_area_is_named_with_file_and_entry(tmp_path: Path) -> None:
    path = _write(tmp_path, lambda d: d["areas"][10]["provinces"].append("XX"))
    with pytest.raises(CatalogError) as err:
        load_catalog(path)
    message = str(err.value)
    assert str(path) in message and "areas[10] (De Peel)" in message and "'XX'" in message


def test_a_duplicate_area_id_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, lambda d: d["areas"][1].update(id=d["areas"][0]["id"]))
    with pytest.raises(CatalogError, match="duplicate area id 'amsterdam-nzkg'"):
        load_catalog(path)


def test_an_area_with_no_province_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, lambda d: d["areas"][4].update(provinces=[]))
    with pytest.raises(CatalogError, match=r"areas\[4\] \(Rotterdamse haven\).provinces"):
        load_catalog(path)


def test_a_malformed_date_is_refused_naming_the_field(tmp_path: Path) -> None:
    path = _write(tmp_path, lambda d: d["schedule"].update(proposal_due="1 juli"))
    with pytest.raises(CatalogError, match=r"schedule.proposal_due.*'1 juli'"):
        load_catalog(path)


def test_an_unknown_province_is_refused_listing_the_known_codes() -> None:
    with pytest.raises(CatalogError, match="unknown province 'XY'; known: DR, FL"):
        load_catalog().province("XY")


def test_a_file_that_is_not_yaml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "kapot.yaml"
    path.write_text("provinces: [\n", encoding="utf-8")
    with pytest.raises(CatalogError, match="not valid YAML"):
        load_catalog(path)
