"""Search attributes that make journeys filterable in the Temporal UI and CLI."""

from __future__ import annotations

from temporalio.common import SearchAttributeKey

PROVINCE = SearchAttributeKey.for_keyword("NovexProvince")
PHASE = SearchAttributeKey.for_keyword("NovexPhase")
NEXT_DUE = SearchAttributeKey.for_datetime("NovexNextDue")
OVERDUE = SearchAttributeKey.for_bool("NovexOverdue")

ALL = (PROVINCE, PHASE, NEXT_DUE, OVERDUE)


def dev_server_args() -> list[str]:
    """``--search-attribute`` flags that register them on a Temporal dev server."""
    kinds = [(PROVINCE.name, "Keyword"), (PHASE.name, "Keyword")]
    kinds += [(NEXT_DUE.name, "Datetime"), (OVERDUE.name, "Bool")]
    args: list[str] = []
    for name, kind in kinds:
        args += ["--search-attribute", f"{name}={kind}"]
    return args
