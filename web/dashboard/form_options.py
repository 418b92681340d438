"""The options and conditions of the dashboard's forms, read from a process's page view: which
ijkmomenten wait for a review, which schuurpunten and deadlines can change, whether the holder
may sign, which proposals and afspraken wait for them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from web.dashboard.form_model import Context
from web.dashboard.words import datum

OUTCOMES = [(o, o) for o in ("akkoord", "akkoord met opmerkingen", "aanvullen", "schuurpunt")]
DECISION_KINDS = [
    (k, k)
    for k in (
        "schuurpunt beslecht",
        "reviewuitkomst herzien",
        "termijn verzet",
        "opgave herverdeeld",
    )
]
OPEN_STATES = ("open", "in behandeling")


def reviewable(ctx: Context) -> list[dict[str, Any]]:
    """The ijkmomenten in review that still wait for the holder's party (any party for others)."""
    return [
        c
        for c in ctx.view.get("checkpoints", [])
        if c["missing_reviews"]
        and (ctx.who.role != "reviewer" or ctx.who.scope in c["missing_reviews"])
    ]


def missing_parties(ctx: Context) -> list[tuple[str, str]]:
    if ctx.detail["kind"] == "area":
        return [(p, p) for p in ctx.s["perspective"]["missing_reviews"]]
    parties = {p for c in reviewable(ctx) for p in c["missing_reviews"]}
    return [(p, p) for p in sorted(parties)]


def frictions(*states: str) -> Callable[[Context], list[tuple[str, str]]]:
    def options(ctx: Context) -> list[tuple[str, str]]:
        found = ctx.view.get("frictions", [])
        return [
            (f["id"], f"{f['id']}: {f['description'][:80]} ({f['status']})")
            for f in found
            if f["status"] in states
        ]

    return options


def deadlines(ctx: Context) -> list[tuple[str, str]]:
    return [
        (d["target"], f"{d['target']} (nu {datum(d['due'])})") for d in ctx.s.get("deadlines", [])
    ]


def signing(ctx: Context) -> bool:
    a = ctx.s.get("arrangement") or {}
    return bool(
        a.get("text_hash")
        and not a.get("signed")
        and not a.get("refused")
        and ctx.who.scope in ctx.s.get("signatories", [])
        and ctx.who.scope not in a.get("signed_by", [])
    )


def proposals(ctx: Context) -> list[tuple[str, str]]:
    s = ctx.s
    return [
        (p["id"], f"{p['id']} van {p['by']}: {p['text'][:80]}")
        for p in s.get("proposals", [])
        if p["level"] == s.get("level") and p["status"] == "open" and p["by"] != ctx.who.scope
    ]


def member(ctx: Context) -> bool:
    return bool(ctx.s.get("open")) and ctx.who.scope in ctx.s.get("members", [])


def agreements(ctx: Context) -> list[tuple[str, str]]:
    return [
        (a["id"], f"{a['id']}: {a['text'][:80]}")
        for a in ctx.s.get("agreements_open", [])
        if ctx.who.scope not in a["confirmed_by"]
    ]


def programmes(ctx: Context) -> list[tuple[str, str]]:
    """The national programmes of the catalog, a schuurpunt's possible themes."""
    return [(p.id, p.name) for p in ctx.catalog.programmes] if ctx.catalog else []
