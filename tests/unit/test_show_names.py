"""`novex show` finds a process by any name the lists and users give it (the server spells
codes as the catalog does)."""

from __future__ import annotations

import pytest

from cli.show import api_path


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("province-ZH", "/api/provinces/ZH"),
        ("zh", "/api/provinces/zh"),
        ("Province-gr", "/api/provinces/gr"),
        ("area-de-peel", "/api/areas/de-peel"),
        ("de-peel", "/api/areas/de-peel"),
        ("De Peel", "/api/areas/De%20Peel"),
        ("province-ZH~1", "/api/escalations/province-ZH~1"),
        ("escalation-area-de-peel~2", "/api/escalations/escalation-area-de-peel~2"),
    ],
)
def test_a_name_as_the_lists_show_it_leads_to_its_process(name: str, path: str) -> None:
    assert api_path(name) == path
