"""Stream ids and deadline targets: value objects parsed from, and written as, their strings."""

from __future__ import annotations

import pytest

from domain.shared.ids import StreamId, Target

STREAM_IDS = [
    "province-GE",
    "province-GE.rehearsal",
    "area-de-peel",
    "area-de-peel.label_with_underscores",
    "escalation-province-GE~1",
    "escalation-area-de-peel~2.rehearsal",
    "alerts-notifications",
    "province-GE.a.b",
]


@pytest.mark.parametrize("text", STREAM_IDS)
def test_a_stream_id_is_written_back_exactly_as_it_was_read(text: str) -> None:
    assert str(StreamId.parse(text)) == text


def test_a_stream_id_has_a_kind_a_subject_and_maybe_a_label() -> None:
    assert StreamId.parse("province-GE") == StreamId("province", "GE")
    assert StreamId.parse("area-de-peel.rehearsal") == StreamId("area", "de-peel", "rehearsal")
    assert StreamId.parse("escalation-area-de-peel~1") == StreamId("escalation", "area-de-peel~1")


def test_the_label_is_everything_after_the_first_dot() -> None:
    assert StreamId.parse("province-GE.a.b").label == "a.b"


def test_a_province_and_an_area_stream_are_named_by_their_code_and_run() -> None:
    assert str(StreamId.province("GE")) == "province-GE"
    assert str(StreamId.province("GE", "oefen")) == "province-GE.oefen"
    assert str(StreamId.area("de-peel", "")) == "area-de-peel"


def test_an_escalation_is_numbered_within_its_parent_and_keeps_the_parents_run() -> None:
    parent = StreamId.province("NH", "oefen")
    assert str(parent.escalation(1)) == "escalation-province-NH~1.oefen"
    assert str(StreamId.area("de-peel").escalation(3)) == "escalation-area-de-peel~3"


def test_a_stream_belongs_only_to_the_run_of_its_own_label() -> None:
    assert StreamId.parse("province-GE").in_run(None)
    assert not StreamId.parse("province-GE").in_run("oefen")
    assert StreamId.parse("province-GE.oefen").in_run("oefen")
    assert not StreamId.parse("province-GE.oefen").in_run(None)
    assert not StreamId.parse("province-GE.a_b").in_run("axb")


@pytest.mark.parametrize("text", ["", "province", "province-", "-GE", "province-GE.", ".x"])
def test_a_string_without_kind_and_subject_is_not_a_stream_id(text: str) -> None:
    with pytest.raises(ValueError):
        StreamId.parse(text)


def test_a_stream_id_cannot_be_built_from_parts_its_string_would_not_give_back() -> None:
    with pytest.raises(ValueError):
        StreamId("pro-vince", "GE")
    with pytest.raises(ValueError):
        StreamId("province", "G.E")
    with pytest.raises(ValueError):
        StreamId("province", "GE", "")


@pytest.mark.parametrize(
    "text", ["voorstel", "arrangement", "ijkmoment-1", "ijkpunt-12", "x-0", "a-1-2", "ijkmoment-01"]
)
def test_a_target_is_written_back_exactly_as_it_was_read(text: str) -> None:
    assert str(Target.parse(text)) == text


def test_a_numbered_target_has_its_step_and_number() -> None:
    assert Target.parse("ijkmoment-3") == Target("ijkmoment", 3)
    assert Target.parse("ontwikkelperspectief") == Target("ontwikkelperspectief")
    assert Target.parse("ijkmoment-01") == Target("ijkmoment-01")  # not a number as written


def test_a_target_is_numbered_by_its_number_not_by_its_name() -> None:
    with pytest.raises(ValueError):
        Target("ijkmoment-1")
    with pytest.raises(ValueError):
        Target("")
