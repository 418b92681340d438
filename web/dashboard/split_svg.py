"""The Rijk–regio investment split as a bar (SVG, rendered on the server), against the agreed
proportion (evenredige bijdrage)."""

from __future__ import annotations

import html
from decimal import Decimal
from typing import Any

from web.dashboard.timeline_svg import _el

WIDTH, LEFT, BAR = 640, 10, 600
RIJK, REGIO, AGREED = "#1f5fa8", "#b35c00", "#111111"


def _pct(share: Decimal) -> str:
    return f"{share * 100:.1f}%".replace(".", ",")


def split_svg(investments: dict[str, Any]) -> str:
    """Blue: the Rijk's share of the contributions; orange: the regio's; black line: the
    agreed Rijk share. Nothing to draw before the first contribution."""
    total = Decimal(investments["total"])
    if not total:
        return "<p>Nog geen bijdragen vastgelegd.</p>"
    share = Decimal(investments["rijk_share"])
    agreed = investments.get("agreed_rijk_share")
    rijk_w = float(BAR * share)
    words = f"Rijk {_pct(share)}, regio {_pct(1 - share)}"
    words += (
        f"; afgesproken aandeel Rijk {_pct(Decimal(agreed))}"
        if agreed
        else "; nog geen verhouding afgesproken"
    )
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="split" '
        f'aria-labelledby="split-title" viewBox="0 0 {WIDTH} 62" width="{WIDTH}" height="62">',
        f'<title id="split-title">Verdeling Rijk–regio: {html.escape(words)}</title>',
        _el("rect", x=LEFT, y=10, width=rijk_w, height=22, fill=RIJK),
        _el("rect", x=LEFT + rijk_w, y=10, width=BAR - rijk_w, height=22, fill=REGIO),
        _el("text", f"Rijk {_pct(share)}", x=LEFT + 4, y=50, font_size=12),
        _el(
            "text",
            f"regio {_pct(1 - share)}",
            x=LEFT + BAR - 4,
            y=50,
            font_size=12,
            text_anchor="end",
        ),
    ]
    if agreed:
        ax = LEFT + float(BAR * Decimal(agreed))
        out.append(
            _el("line", x1=ax, y1=4, x2=ax, y2=38, stroke=AGREED, stroke_width=3, class_="agreed")
        )
        label = f"afgesproken {_pct(Decimal(agreed))}"
        out.append(_el("text", label, x=ax, y=60, font_size=11, text_anchor="middle"))
    out.append("</svg>")
    return "\n".join(out)
