"""The chaos suite's catalog: as many provinces as the run drives (two-letter codes made up for
the purpose), every party and province notified by webhook, planned dates far ahead (no timer
fires during the run), one hoog-ambtelijk duo for every escalation."""

from __future__ import annotations

import itertools
import string
from pathlib import Path
from typing import Any

import yaml

from config.catalog_file import default_catalog_path, load_catalog

RIJK_MEMBER = "accountmanager-chaos"
REGION_MEMBER = "ambtelijk-chaos"
PARTIES = ("rijk-accountteam", "programmes", "regieteam", "bol", "rfl")


def codes(count: int) -> list[str]:
    """``count`` province codes: AA, AB, …"""
    pairs = ("".join(p) for p in itertools.product(string.ascii_uppercase, repeat=2))
    return list(itertools.islice(pairs, count))


def _member(member_id: str, name: str, side: str) -> dict[str, str]:
    return {"id": member_id, "name": name, "side": side}


def _province(code: str, webhook: str) -> dict[str, Any]:
    lower = code.lower()
    signatory = {"id": f"gedeputeerde-{lower}", "name": f"Gedeputeerde {code}"}
    return {
        "code": code,
        "name": f"Proefprovincie {code}",
        "signatory": {**signatory, "role": "gedeputeerde", "side": "regio"},
        "webhook": webhook,
        "duo": {
            "rijk": _member(f"accounthouder-{lower}", f"Accounthouder {code}", "rijk"),
            "region": _member(signatory["id"], signatory["name"], "regio"),
        },
        "civil_duo": {
            "rijk": _member(RIJK_MEMBER, "Accountmanager Rijk (proef)", "rijk"),
            "region": _member(REGION_MEMBER, "Ambtelijk opdrachtgever (proef)", "regio"),
        },
    }


def _far_ahead(schedule: dict[str, Any]) -> dict[str, Any]:
    """The shipped schedule moved 80 years ahead: nothing is due while the suite runs."""

    def move(value: Any) -> Any:
        return value.replace(year=value.year + 80) if hasattr(value, "year") else value

    moved = {k: move(v) for k, v in schedule.items()}
    for key in ("checkpoints", "area_checkpoints"):
        moved[key] = [{**c, "due": move(c["due"])} for c in schedule.get(key) or []]
    return moved


def write_catalog(folder: Path, provinces: int, webhook: str) -> Path:
    """The catalog file for a run of ``provinces`` journeys; validated as novex reads it."""
    shipped = yaml.safe_load(default_catalog_path().read_text(encoding="utf-8"))
    parties = [{**p, "webhook": webhook} for p in shipped["parties"] if p["id"] in PARTIES]
    data = {
        **shipped,
        "parties": parties,
        "provinces": [_province(code, webhook) for code in codes(provinces)],
        "areas": [],
        "schedule": _far_ahead(shipped["schedule"]),
    }
    path = folder / "catalog.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    load_catalog(path)
    return path
