"""Search attributes that make journeys filterable in the Temporal UI and CLI."""

from __future__ import annotations

from temporalio.api.enums.v1 import IndexedValueType
from temporalio.api.operatorservice.v1 import AddSearchAttributesRequest
from temporalio.client import Client
from temporalio.common import SearchAttributeKey
from temporalio.service import RPCError, RPCStatusCode

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


async def register(client: Client, namespace: str) -> None:
    """Register the attributes on a server that lacks them (test server, fresh cluster)."""
    types = {
        PROVINCE.name: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
        PHASE.name: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
        NEXT_DUE.name: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
        OVERDUE.name: IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
    }
    await client.operator_service.add_search_attributes(
        AddSearchAttributesRequest(namespace=namespace, search_attributes=types)
    )


async def ensure_registered(client: Client, namespace: str) -> None:
    """Register the attributes unless they exist; a server that refuses is logged, not fatal."""
    import logging

    try:
        await register(client, namespace)
    except RPCError as exc:
        if exc.status is not RPCStatusCode.ALREADY_EXISTS:
            logging.getLogger(__name__).warning("search attributes not registered: %s", exc)
