"""Words the CLI shows: roles in the users' Dutch."""

from __future__ import annotations

ROLES = {
    "coordinator": "coördinator",
    "province_official": "provinciaal ambtenaar",
    "rijk_official": "rijksambtenaar",
    "reviewer": "reviewer",
    "duo_member": "lid van een duo of forum",
    "signatory": "ondertekenaar",
    "viewer": "meelezer",
}
