"""The board's query parameters, as the API and the dashboard read them (one BoardQuery), and
the links to the page before and after."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Query
from pydantic import ValidationError

from domain.catalog.ids import province_code
from domain.catalog.model import Catalog, CatalogError
from domain.views.board import SORTS, BoardQuery
from web.deps import AppServices
from web.problems import Problem


def parse_board_query(catalog: Catalog, **fields: Any) -> BoardQuery:
    """A BoardQuery from request values (empty ones left out, a province code in any case);
    422 naming what is wrong."""
    given = {k: v for k, v in fields.items() if v not in (None, "")}
    if "province" in given:
        try:
            given["province"] = province_code(catalog, str(given["province"]))
        except CatalogError as exc:
            raise Problem(422, "Unprocessable Content", f"province: {exc}") from None
    try:
        return BoardQuery(**given)
    except ValidationError as exc:
        detail = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise Problem(422, "Unprocessable Content", detail) from None


def board_query(
    services: AppServices,
    kind: Annotated[str | None, Query(description="province, area or escalation")] = None,
    province: Annotated[
        str | None, Query(description="province code: its journey, its areas, their escalations")
    ] = None,
    phase: Annotated[str | None, Query(description="the phase exactly as the rows show it")] = None,
    programme: Annotated[
        str | None, Query(description="national programme of an opgave in the startpakket")
    ] = None,
    overdue: Annotated[bool, Query(description="only processes with something overdue")] = False,
    stuck: Annotated[bool, Query(description="only processes that say they are stuck")] = False,
    sort: Annotated[
        str, Query(description=f"one of {', '.join(SORTS)}; a leading '-' sorts descending")
    ] = "kind",
    page: Annotated[int, Query(description="page number, from 1")] = 1,
    per_page: Annotated[int, Query(description="rows per page, at most 500")] = 50,
) -> BoardQuery:
    """The board's filters, sort and page from the query string."""
    return parse_board_query(
        services.catalog,
        kind=kind,
        province=province,
        phase=phase,
        programme=programme,
        overdue=overdue,
        stuck=stuck,
        sort=sort,
        page=page,
        per_page=per_page,
    )


def page_link(path: str, query: BoardQuery, page: int, **extra: Any) -> str:
    """The address of another page of the same query (only what differs from the defaults)."""
    fields = query.model_dump(exclude_defaults=True) | {"page": page}
    if page == 1:
        fields.pop("page")
    params = {k: str(v).lower() if isinstance(v, bool) else v for k, v in fields.items()}
    params |= {k: v for k, v in extra.items() if v}
    return f"{path}?{urlencode(params)}" if params else path


def pages(total: int, query: BoardQuery) -> int:
    """How many pages the rows fill (at least one)."""
    return max(1, -(-total // query.per_page))
