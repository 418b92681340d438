"""Idempotency keys as clients send them (an sf-string, or bare text) and request fingerprints."""

from __future__ import annotations

import pytest

from service.idempotency import InvalidKey, KeyConflict, check_same, fingerprint, parse_key


def test_a_key_is_read_from_an_sf_string_or_from_bare_text() -> None:
    assert parse_key('"8e03978e-40d5-43e8-bc93-6894a57f9324"') == (
        "8e03978e-40d5-43e8-bc93-6894a57f9324"
    )
    assert parse_key("opdracht 17") == "opdracht 17"
    assert parse_key('"met \\"aanhalingstekens\\""') == 'met "aanhalingstekens"'
    assert parse_key(None) is None


@pytest.mark.parametrize("raw", ["", '""', "x" * 256, "sleutel\u00e9", "regel\neinde"])
def test_an_empty_overlong_or_non_ascii_key_is_refused_by_name(raw: str) -> None:
    with pytest.raises(InvalidKey, match="Idempotency-Key"):
        parse_key(raw)


def test_equal_content_has_one_fingerprint_whatever_its_key_order() -> None:
    assert fingerprint({"a": 1, "b": [1, 2]}) == fingerprint({"b": [1, 2], "a": 1})
    assert fingerprint({"a": 1}) != fingerprint({"a": 2})


def test_a_key_answered_for_other_content_is_a_conflict_naming_the_key() -> None:
    check_same("k1", "print-a", "print-a", "a start")
    check_same(None, "print-a", "print-b", "a start")  # no key: nothing to compare
    with pytest.raises(KeyConflict, match="'k1' was used before for a start"):
        check_same("k1", "print-a", "print-b", "a start")
