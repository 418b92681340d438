"""The dashboard's words: codes of the read model in the users' Dutch, and dates as they write
them (template filters)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")

ROLES = {
    "coordinator": "coördinator (regieteam)",
    "province_official": "provinciaal ambtenaar",
    "rijk_official": "rijksambtenaar",
    "reviewer": "reviewer",
    "duo_member": "lid van een duo of forum",
    "signatory": "ondertekenaar",
    "viewer": "meelezer",
}
KINDS = {"province": "Provincie", "area": "NOVEX-gebied", "escalation": "Escalatie"}
CHECKPOINT_STATUS = {
    "open": "open: wacht op een concept",
    "in_review": "in review",
    "revision": "aanvullen gevraagd",
    "blocked": "wacht op schuurpunten",
    "passed": "gepasseerd",
    "closed": "afgesloten",
}
PROPOSAL_STATUS = {"open": "open", "agreed": "akkoord", "disagreed": "niet akkoord"}
RUNG_KIND = {"duo": "duo (beslist samen)", "forum": "forum (beslist alleen)"}
TASK_KIND = {
    "review": "Review",
    "signature": "Ondertekenen",
    "agreement": "Afspraak bevestigen",
    "proposal": "Voorstel beoordelen",
    "decision": "Besluit nemen",
    "draft": "Concept indienen",
    "friction": "Schuurpunten",
    "overdue": "Te laat",
    "deadline": "Termijn",
}
SORTS = {
    "kind": "standaard",
    "name": "naam",
    "phase": "fase",
    "next_due": "volgende termijn",
    "updated": "laatst bijgewerkt",
    "overdue": "aantal te laat",
}


def _moment(value: object) -> datetime | date | None:
    if isinstance(value, datetime | date):
        return value
    if isinstance(value, str) and value:
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            return None
    return None


def datum(value: object) -> str:
    """A date as Dutch users write it (dd-mm-jjjj), in Dutch time; '' when there is none."""
    moment = _moment(value)
    if moment is None:
        return ""
    if isinstance(moment, datetime) and moment.tzinfo is not None:
        moment = moment.astimezone(AMSTERDAM)
    return f"{moment:%d-%m-%Y}"


def tijdstip(value: object, seconds: bool = False) -> str:
    """A date and time (dd-mm-jjjj uu:mm, with seconds if asked), in Dutch time."""
    moment = _moment(value)
    if not isinstance(moment, datetime):
        return datum(value)
    if moment.tzinfo is not None:
        moment = moment.astimezone(AMSTERDAM)
    return f"{moment:%d-%m-%Y %H:%M:%S}" if seconds else f"{moment:%d-%m-%Y %H:%M}"


def bedrag(value: object) -> str:
    """An amount in euros with Dutch thousands separators: € 3.000.000."""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return str(value)
    whole = f"{amount:,.0f}".replace(",", ".")
    return f"€ {whole}"


def procent(value: object) -> str:
    """A share (0.4) as a percentage (40,0%); '' when there is none."""
    if value in (None, ""):
        return ""
    return f"{float(str(value)) * 100:.1f}%".replace(".", ",")


FILTERS = {"datum": datum, "tijdstip": tijdstip, "bedrag": bedrag, "procent": procent}
WORDS = {
    "ROLES": ROLES,
    "KINDS": KINDS,
    "CHECKPOINT_STATUS": CHECKPOINT_STATUS,
    "PROPOSAL_STATUS": PROPOSAL_STATUS,
    "RUNG_KIND": RUNG_KIND,
    "TASK_KIND": TASK_KIND,
    "SORTS": SORTS,
}
