"""A rule's refusal in the users' Dutch: the rules speak English (as the API does); the
dashboard says the same in Dutch, pattern by pattern, and falls back to a Dutch sentence per
kind of refusal with the rule's own words after it."""

from __future__ import annotations

import re

from web.dashboard.words import ROLES, datum

PATTERNS: tuple[tuple[str, str], ...] = (
    # who may do what (service/authorization.py)
    (r"role '(?P<role>[^']*)' may not give \w+ to an? \w+", "Als {role} mag u dit niet doen."),
    (
        r"(?P<actor>.+) acts as '(?P<scope>[^']*)' only, not as (?P<other>.+)",
        "U handelt alleen namens {scope}, niet namens {other}.",
    ),
    (
        r"(?P<actor>.+) acts for province (?P<scope>\S+), not for (?P<other>.+)",
        "U handelt alleen voor provincie {scope}, niet voor {other}.",
    ),
    # ijkmomenten and reviews
    (
        r"unknown ijkmoment (?P<n>\d+): this journey has ijkmomenten 1\.\.(?P<m>\d+)",
        "IJkmoment {n} bestaat niet; dit traject heeft ijkmomenten 1 tot en met {m}.",
    ),
    (r"ijkmoment (?P<n>\d+) is closed \((?P<s>[^)]*)\)", "IJkmoment {n} is al afgesloten."),
    (
        r"ijkmoment (?P<n>\d+) is not open yet: ijkmoment (?P<m>\d+) comes first",
        "IJkmoment {n} is nog niet aan de beurt: eerst ijkmoment {m}.",
    ),
    (
        r"ijkmoment (?P<n>\d+) has no draft in review \((?P<s>[^)]*)\)",
        "Op ijkmoment {n} ligt geen concept ter review.",
    ),
    (
        r"every party asked has reviewed draft (?P<k>\d+) of ijkmoment (?P<n>\d+); it waits for "
        r"its open schuurpunten \((?P<s>[^)]*)\) .+",
        "Alle gevraagde partijen hebben concept {k} van ijkmoment {n} gereviewd; het wacht op "
        "de open schuurpunten ({s}).",
    ),
    (
        r"party '(?P<p>[^']*)' was not asked to review ijkmoment (?P<n>\d+); asked: (?P<a>.*)",
        "{p} is niet gevraagd om ijkmoment {n} te reviewen; gevraagd zijn: {a}.",
    ),
    (
        r"party '(?P<p>[^']*)' already reviewed draft (?P<n>\d+)",
        "{p} heeft concept {n} al gereviewd; een review wordt maar één keer vastgelegd.",
    ),
    (
        r"'(?P<p>[^']*)' already reviewed version (?P<n>\d+)",
        "{p} heeft versie {n} al gereviewd; een review wordt maar één keer vastgelegd.",
    ),
    (
        r"a schuurpunt needs a description in the remarks",
        "Een review met de uitkomst schuurpunt heeft een omschrijving in de opmerkingen nodig.",
    ),
    (
        r"there is no ontwikkelperspectief in review \((?P<s>[^)]*)\)",
        "Er ligt geen ontwikkelperspectief ter review.",
    ),
    # schuurpunten and deadlines
    (r"unknown schuurpunt '(?P<f>[^']*)'", "Schuurpunt {f} bestaat niet."),
    (
        r"schuurpunt (?P<f>\S+) cannot go from (?P<a>.+) to (?P<b>.+)",
        "Schuurpunt {f} kan niet van ‘{a}’ naar ‘{b}’.",
    ),
    (r"unknown deadline '(?P<t>[^']*)'(; known: (?P<k>.*))?", "Termijn {t} bestaat niet."),
    (
        r"(?P<t>\S+) is already complete; its due date no longer applies",
        "{t} is al afgerond; die termijn geldt niet meer.",
    ),
    (r"(?P<t>\S+) is already due on (?P<d>\S+)", "{t} staat al op {d}."),
    (
        r"theme: unknown national programme '(?P<t>[^']*)'; known: (?P<k>.*)",
        "Het nationale programma {t} bestaat niet; bekend zijn: {k}.",
    ),
    # the arrangement
    (
        r"'(?P<s>[^']*)' is not a signatory of this arrangement \((?P<n>[^)]*)\)",
        "{s} is geen ondertekenaar van dit arrangement ({n}).",
    ),
    (
        r"the arrangement of (?P<p>\S+) was signed on (?P<d>\S+) and cannot .+; amend it .+",
        "Het arrangement van {p} is op {d} getekend en verandert niet meer; "
        "begin een wijziging om het aan te passen.",
    ),
    (
        r"the journey of (?P<p>\S+) is at (?P<f>[^;]+); there is no arrangement yet .+",
        "Er is nog geen arrangement (fase: {f}); dat volgt op het vastgestelde voorstel.",
    ),
    (
        r"no arrangement of (?P<p>\S+) is drafted yet .+",
        "Er is nog geen arrangement opgesteld; stel eerst een tekst op.",
    ),
    (
        r"(?P<p>\S+) concluded a procesafspraak( on (?P<d>\S+))? instead of an arrangement, .+",
        "{p} heeft een procesafspraak in plaats van een arrangement; "
        "stel eerst weer een arrangement op.",
    ),
    (
        r"the arrangement was refused; it cannot .+ until a new text is drafted",
        "Het arrangement is geweigerd; eerst moet er een nieuwe tekst komen.",
    ),
    (r"(?P<s>\S+) already signed this arrangement", "{s} heeft dit arrangement al getekend."),
    (
        r"signature on an outdated text: signed (?P<a>\S+), current text is (?P<b>\S+)",
        "De handtekening geldt een oudere tekst ({a}); de huidige tekst heeft kenmerk {b}.",
    ),
    # the voorstel's perspectives
    (
        r"the perspective of (?P<a>\S+) \((?P<d>[^)]*)\) was already delivered",
        "Het ontwikkelperspectief van {a} ({d}) is al geleverd.",
    ),
    (
        r"area '(?P<a>[^']*)' does not lie in (?P<p>\S+)",
        "Gebied {a} ligt niet in provincie {p}.",
    ),
    # escalations
    (
        r"the escalation of (?P<s>.+) is closed: decided \((?P<d>.*)\)",
        "Over de escalatie van {s} is al besloten ({d}).",
    ),
    (
        r"'(?P<m>[^']*)' is not a member of level (?P<n>\d+) \((?P<l>[^)]*)\); members: (?P<ms>.*)",
        "{m} is geen lid van niveau {n} ({l}); leden: {ms}.",
    ),
    (r"no proposal '(?P<p>[^']*)' at level (?P<n>\d+)", "Voorstel {p} bestaat niet op niveau {n}."),
    (r"proposal (?P<p>\S+) is (?P<s>.+)", "Voorstel {p} is al afgehandeld ({s})."),
    (
        r"(?P<m>\S+) proposed (?P<p>\S+); the other member must agree",
        "U deed voorstel {p} zelf; het andere lid van het duo moet akkoord gaan.",
    ),
    (
        r"(?P<m>\S+) cannot disagree with their own proposal",
        "U kunt het niet oneens zijn met uw eigen voorstel.",
    ),
    # agreements
    (
        r"(?P<m>\S+) already confirmed uitvoeringsafspraak (?P<a>\S+)",
        "U hebt uitvoeringsafspraak {a} al bevestigd.",
    ),
    (
        r"uitvoeringsafspraak (?P<a>\S+) is already agreed",
        "Uitvoeringsafspraak {a} is al afgesproken.",
    ),
    (r"(?P<w>\S+) is not running: .*", "Dit proces loopt niet (meer): het is afgesloten."),
    # when it happened (domain/shared/effective.py)
    (
        r"occurred_on (?P<on>\S+) lies in the future: today is (?P<today>\S+)",
        "De datum waarop het gebeurde ({on}) ligt in de toekomst; vandaag is het {today}. "
        "Kies vandaag (laat het veld leeg) of een eerdere datum.",
    ),
    (
        r"occurred_on (?P<on>\S+) lies before this process's last effective date (?P<last>\S+): "
        r".+ needs a correction_reason",
        "De datum waarop het gebeurde ({on}) ligt vóór {last}, de laatste datum in dit proces: "
        "dat is een correctie. Vul de reden van correctie in.",
    ),
    (
        r"a correction_reason goes with a date before this process's last effective date "
        r"\((?P<last>\d{4}-\d\d-\d\d)\); (?P<on>\S+) is not",
        "Een reden van correctie hoort alleen bij een datum vóór {last}, de laatste datum in dit "
        "proces; {on} is dat niet. Laat de reden leeg.",
    ),
    (
        r"a correction_reason goes with a date before this process's last effective date .+",
        "Een reden van correctie hoort alleen bij een datum vóór de laatste datum in dit "
        "proces. Laat de reden leeg.",
    ),
    (
        r"occurred_on (?P<on>\S+) lies before this process began \((?P<began>[^)]*)\)",
        "De datum waarop het gebeurde ({on}) ligt vóór het begin van dit proces ({began}).",
    ),
)
KINDS = {
    "InvalidTransition": "Dit past niet bij de fase waarin het proces nu is",
    "UnknownReference": "Dit verwijst naar iets dat er niet is",
    "NotAuthorized": "U mag dit hier niet doen",
    "NotRunning": "Dit proces loopt niet (meer)",
    "AlreadyDone": "Dit is al gebeurd",
}
COMPILED = tuple((re.compile(p), text) for p, text in PATTERNS)
ASKED = re.compile(r"(?P<command>[A-Z]\w*) refused: (?P<why>.*)", re.DOTALL)
"""The rules name the command they refuse; the Dutch sentence is about why."""


DATES = ("d", "on", "today", "last", "began")
"""The parts of a rule's words that are ISO dates or instants."""


def _words(fields: dict[str, str]) -> dict[str, str]:
    """Roles in Dutch, ISO dates and instants as Dutch users write dates."""
    out = dict(fields)
    if "role" in out:
        out["role"] = ROLES.get(out["role"], out["role"])
    for name in DATES:
        value = out.get(name, "")
        if len(value) >= 10 and value[4] == "-":
            out[name] = datum(value) or value
    return out


def in_dutch(message: str, kind: str | None = None) -> str:
    """The refusal in Dutch: a known rule in its own sentence, otherwise the kind of refusal
    in Dutch followed by the rule's words."""
    asked = ASKED.fullmatch(message.strip())
    message = asked["why"] if asked else message
    for pattern, text in COMPILED:
        found = pattern.fullmatch(message.strip())
        if found:
            values = {k: v or "" for k, v in found.groupdict().items()}
            return text.format(**_words(values))
    lead = KINDS.get(kind or "", "De regels staan dit niet toe")
    return f"{lead} (de regel zegt: {message})."
