"""The CLI speaks Dutch time, as the dashboard does: instants typed without a zone mean Dutch
time, and instants show as the Dutch wall clock read them."""

from __future__ import annotations

from datetime import datetime

from cli.common import day, iso, moment


def test_an_instant_typed_without_a_zone_means_dutch_time() -> None:
    assert iso(datetime(2025, 1, 1, 0, 0)) == "2025-01-01T00:00:00+01:00"
    assert iso(datetime(2025, 7, 1, 12, 0)) == "2025-07-01T12:00:00+02:00"
    assert iso(datetime(1900, 1, 1, 0, 0)) == "1899-12-31T23:40:28+00:00"  # +00:19:32 then


def test_a_recorded_instant_shows_on_the_dutch_clock_and_day() -> None:
    assert moment("2026-11-28T04:41:00+00:00") == "28-11-2026 05:41"
    assert day("2025-06-30T22:30:00+00:00") == "01-07-2025"  # already 1 July in The Hague
    assert day("2025-06-30") == "30-06-2025" and day(None) == ""
