"""Every command a role may give from the dashboard, as a form: reviews, schuurpunten (raise,
change, escalate), due dates, signing and refusing the arrangement, a perspective's delivery,
afspraken to confirm, and an escalation's proposals (propose, agree, disagree); each with the
date it happened and a correction's reason."""

from __future__ import annotations

from web.dashboard.dating import dated
from web.dashboard.form_model import Action, Context, Field
from web.dashboard.form_options import (
    DECISION_KINDS,
    OPEN_STATES,
    OUTCOMES,
    agreements,
    deadlines,
    frictions,
    member,
    missing_parties,
    programmes,
    proposals,
    reviewable,
    signing,
)

REMARKS = Field(
    "remarks",
    "Opmerkingen",
    "textarea",
    required=False,
    hint="verplicht bij de uitkomst schuurpunt",
)
OUTCOME = Field("outcome", "Oordeel", "select", options=lambda ctx: OUTCOMES)
PARTY = Field("party", "Namens partij", "select", options=missing_parties)
NOTE = Field("note", "Toelichting", "textarea", required=False)
DUE = Field("due", "Nieuwe datum", "date", convert="date")


CHECKPOINT = Field(
    "checkpoint",
    "Bij ijkmoment",
    "select",
    required=False,
    convert="int",
    options=lambda ctx: [(str(n), f"ijkmoment {n}") for n in (1, 2, 3)],
)
FRICTION = Field("friction_id", "Schuurpunt", "select", options=frictions(*OPEN_STATES))
STATUS = Field(
    "status",
    "Nieuwe stand",
    "select",
    options=lambda ctx: [("in behandeling", "in behandeling"), ("opgelost", "opgelost")],
)
THEME = Field(
    "theme",
    "Nationaal programma",
    "select",
    required=False,
    options=programmes,
    hint="het programma dat het schuurpunt raakt; zonder keuze: onbekend",
)
REASON = Field("reason", "Reden", "textarea", hint="verplicht: waarom de termijn verschuift")


def _frictions_open(ctx: Context) -> bool:
    return bool(frictions(*OPEN_STATES)(ctx))


def _shared(process: str) -> tuple[Action, ...]:
    """What provinces and areas both take: schuurpunten and due dates."""
    raise_fields: tuple[Field, ...] = (Field("description", "Omschrijving", "textarea"),)
    raise_fields += (CHECKPOINT,) if process == "province" else ()
    raise_fields += (THEME,)
    return (
        Action(
            "schuurpunt",
            process,
            "RaiseFriction",
            "Schuurpunt inbrengen",
            "Schuurpunt inbrengen",
            raise_fields,
        ),
        Action(
            "schuurpunt-wijzigen",
            process,
            "ChangeFriction",
            "Stand van een schuurpunt wijzigen",
            "Stand wijzigen",
            (FRICTION, STATUS, NOTE),
            offered=_frictions_open,
        ),
        Action(
            "escaleren",
            process,
            "ChangeFriction",
            "Schuurpunt escaleren",
            "Escaleren",
            (FRICTION, NOTE),
            offered=_frictions_open,
            fixed={"status": "geëscaleerd"},
            intro="Het eerste niveau van de escalatieladder krijgt het schuurpunt voorgelegd.",
        ),
        Action(
            "termijn",
            process,
            "MoveDueDate",
            "Termijn verzetten",
            "Termijn verzetten",
            (Field("target", "Termijn", "select", options=deadlines), DUE, REASON),
            offered=lambda ctx: bool(deadlines(ctx)),
        ),
    )


PROVINCE = (
    Action(
        "review",
        "province",
        "SubmitReview",
        "Review geven",
        "Review geven",
        (
            Field(
                "checkpoint",
                "IJkmoment",
                "select",
                convert="int",
                options=lambda ctx: [
                    (
                        str(c["number"]),
                        f"ijkmoment {c['number']}: {c['name']} (concept {c['draft']})",
                    )
                    for c in reviewable(ctx)
                ],
            ),
            PARTY,
            OUTCOME,
            REMARKS,
        ),
        offered=lambda ctx: bool(reviewable(ctx)),
    ),
    *_shared("province"),
    Action(
        "tekenen",
        "province",
        "SignArrangement",
        "Ruimtelijk arrangement tekenen",
        "Tekenen",
        (
            Field("signatory", "Ondertekenaar"),
            Field(
                "text_hash",
                "Kenmerk van de tekst (SHA-256)",
                value=lambda ctx: (ctx.s.get("arrangement") or {}).get("text_hash", ""),
            ),
        ),
        offered=signing,
        intro="U tekent de tekst hieronder, vastgelegd met zijn kenmerk.",
    ),
    Action(
        "weigeren",
        "province",
        "RefuseArrangement",
        "Tekenen weigeren",
        "Weigeren",
        (Field("signatory", "Ondertekenaar"), Field("reason", "Reden", "textarea")),
        offered=signing,
        intro="Het arrangement gaat terug naar de onderhandeling.",
    ),
    Action(
        "levering",
        "province",
        "DeliverPerspective",
        "Levering van een ontwikkelperspectief vastleggen",
        "Levering vastleggen",
        (
            Field(
                "area",
                "Gebied",
                "select",
                options=lambda ctx: [
                    (a, a) for a in ctx.s.get("perspectives", {}).get("missing", [])
                ],
            ),
            Field("document_ref", "Document"),
        ),
        offered=lambda ctx: bool(ctx.s.get("perspectives", {}).get("missing")),
    ),
)
AREA = (
    Action(
        "review",
        "area",
        "ReviewPerspective",
        "Review geven op het ontwikkelperspectief",
        "Review geven",
        (PARTY, OUTCOME, REMARKS),
        offered=lambda ctx: (
            bool(missing_parties(ctx))
            and (ctx.who.role != "reviewer" or ctx.who.scope in dict(missing_parties(ctx)))
        ),
    ),
    *_shared("area"),
    Action(
        "bevestigen",
        "area",
        "ConfirmAgreement",
        "Uitvoeringsafspraak bevestigen",
        "Bevestigen",
        (
            Field("agreement_id", "Afspraak", "select", options=agreements),
            Field("member", "Namens"),
        ),
        offered=lambda ctx: bool(agreements(ctx)) and ctx.who.scope in ctx.s.get("duo", []),
    ),
)
ESCALATION = (
    Action(
        "voorstellen",
        "escalation",
        "ProposeDecision",
        "Besluit voorstellen",
        "Voorstellen",
        (
            Field("member", "Namens"),
            Field("kind", "Soort besluit", "select", options=lambda ctx: DECISION_KINDS),
            Field("text", "Besluit", "textarea"),
            Field(
                "new_due",
                "Nieuwe termijn",
                "date",
                required=False,
                convert="date",
                hint="alleen bij ‘termijn verzet’",
            ),
        ),
        offered=member,
        nest="decision",
        nested=("kind", "text", "new_due"),
        intro="In een duo besluit u samen: het andere lid moet akkoord gaan. "
        "Een forum besluit met één voorstel.",
    ),
    Action(
        "akkoord",
        "escalation",
        "AgreeToProposal",
        "Akkoord gaan met een voorstel",
        "Akkoord",
        (Field("member", "Namens"), Field("proposal_id", "Voorstel", "select", options=proposals)),
        offered=lambda ctx: member(ctx) and bool(proposals(ctx)),
        intro="Met uw akkoord is het besluit genomen.",
    ),
    Action(
        "niet-akkoord",
        "escalation",
        "DisagreeWithProposal",
        "Niet akkoord gaan met een voorstel",
        "Niet akkoord",
        (
            Field("member", "Namens"),
            Field("proposal_id", "Voorstel", "select", options=proposals),
            Field("reason", "Reden", "textarea"),
        ),
        offered=lambda ctx: member(ctx) and bool(proposals(ctx)),
    ),
)
ACTIONS = {(a.process, a.slug): dated(a) for a in (*PROVINCE, *AREA, *ESCALATION)}
"""Every form, each also saying when it happened (``dated``)."""


def offered(ctx: Context) -> list[Action]:
    """The forms the holder's role may use on this process as it stands."""
    kind = ctx.detail["kind"]
    return [
        a for (k, _), a in ACTIONS.items() if k == kind and a.allowed(ctx.who) and a.offered(ctx)
    ]
