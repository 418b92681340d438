"""Starting processes from the catalog: journeys, area processes, the programme. A start
that already runs is reported, not duplicated; under an idempotency key a retried start gets
the first answer again."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any, TypeVar

from temporalio.client import Client
from temporalio.common import WorkflowIDConflictPolicy, WorkflowIDReusePolicy
from temporalio.exceptions import WorkflowAlreadyStartedError
from temporalio.service import RPCError, RPCStatusCode

from domain.catalog.model import Catalog
from domain.catalog.planning import area_start, journey_start
from domain.shared.commands import Command
from domain.shared.effective import Clock, effective_moment
from domain.shared.errors import DomainError
from service.commands import CommandRefused
from service.idempotency import check_same, fingerprint
from workflows.area import NovexAreaWorkflow
from workflows.ids import area_workflow_id, province_workflow_id
from workflows.messages import AreaInput, Keyed, ProcessInput, ProvinceJourneyInput
from workflows.province import ProvinceWorkflow

S = TypeVar("S", bound=Command)


def on_date(begin: S, occurred_on: date | None) -> S:
    """A start command taking effect on a past date (None: when it is recorded)."""
    return begin if occurred_on is None else begin.model_copy(update={"occurred_on": occurred_on})


def check_start_date(occurred_on: date | None) -> None:
    """A start may be dated in the past, never in the future (CommandRefused, nothing starts)."""
    if occurred_on is None:
        return
    try:
        effective_moment(
            Clock(), Command(type="start", actor="-", occurred_on=occurred_on), datetime.now(UTC)
        )
    except DomainError as exc:
        raise CommandRefused(str(exc), type(exc).__name__) from None


async def _start_each(
    client: Client,
    workflow: Any,
    inputs: dict[str, tuple[str, ProcessInput[Any, Any]]],
    task_queue: str,
) -> dict[str, str]:
    """Start one workflow per key; one that already runs is reported, not duplicated — unless
    it was started under this request's idempotency key: then it is reported started again."""
    outcome: dict[str, str] = {}
    for name, (workflow_id, request) in inputs.items():
        key = request.idempotency_key
        memo = {"idempotency_key": key, "fingerprint": request.fingerprint} if key else None
        try:
            await client.start_workflow(
                workflow,
                request,
                id=workflow_id,
                task_queue=task_queue,
                id_reuse_policy=WorkflowIDReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
                id_conflict_policy=WorkflowIDConflictPolicy.FAIL,
                memo=memo,
            )
            outcome[name] = "started"
        except WorkflowAlreadyStartedError:
            same = (
                key is not None
                and (await _start_memo(client, workflow_id)).get("idempotency_key") == key
            )
            outcome[name] = "started" if same else "already running"
    return outcome


async def _start_memo(client: Client, workflow_id: str) -> Mapping[str, Any]:
    """The key and fingerprint a process was started under (empty when none, or not there)."""
    try:
        description = await client.get_workflow_handle(workflow_id).describe()
    except RPCError as exc:
        if exc.status is RPCStatusCode.NOT_FOUND:
            return {}
        raise
    return await description.memo()


async def start_journeys(
    client: Client,
    catalog: Catalog,
    *,
    actor: str,
    task_queue: str,
    codes: list[str] | None = None,
    label: str | None = None,
    keyed: Keyed | None = None,
    occurred_on: date | None = None,
) -> dict[str, str]:
    """Start the journeys of the given (default: all) provinces, codes in any case (on a past
    date, if given)."""
    selected = [catalog.province(c).code for c in codes] if codes else catalog.province_codes
    key = (keyed or Keyed()).model_dump()
    inputs: dict[str, tuple[str, ProcessInput[Any, Any]]] = {
        code: (
            province_workflow_id(code, label),
            ProvinceJourneyInput(
                start=on_date(journey_start(catalog, code, actor=actor), occurred_on), **key
            ),
        )
        for code in selected
    }
    return await _start_each(client, ProvinceWorkflow.run, inputs, task_queue)


async def start_areas(
    client: Client,
    catalog: Catalog,
    *,
    actor: str,
    task_queue: str,
    areas: list[str] | None = None,
    label: str | None = None,
    keyed: Keyed | None = None,
    occurred_on: date | None = None,
) -> dict[str, str]:
    """Start the processes of the given (default: all 16) NOVEX areas (on a past date, if
    given)."""
    selected = [catalog.area(a).id for a in areas] if areas else [a.id for a in catalog.areas]
    key = (keyed or Keyed()).model_dump()
    inputs: dict[str, tuple[str, ProcessInput[Any, Any]]] = {
        area_id: (
            area_workflow_id(area_id, label),
            AreaInput(
                start=on_date(area_start(catalog, area_id, actor=actor, label=label), occurred_on),
                **key,
            ),
        )
        for area_id in selected
    }
    return await _start_each(client, NovexAreaWorkflow.run, inputs, task_queue)


async def start_programme(
    client: Client,
    catalog: Catalog,
    *,
    actor: str,
    task_queue: str,
    provinces: list[str] | None,
    areas: list[str] | None,
    label: str | None = None,
    key: str | None = None,
    occurred_on: date | None = None,
) -> dict[str, dict[str, str]]:
    """Start journeys and area processes (``None``: all of them, ``[]``: none), on a past
    date if given (a date in the future is refused before anything starts). Under an
    idempotency key a retry answers as the first request did; the key used before for
    another selection is a conflict, found before anything starts."""
    check_start_date(occurred_on)
    keyed = Keyed()
    if key is not None:
        content = {"provinces": provinces, "areas": areas, "actor": actor}
        if occurred_on is not None:
            content["occurred_on"] = occurred_on.isoformat()
        keyed = Keyed(idempotency_key=key, fingerprint=fingerprint(content))
        await _refuse_reused_key(client, catalog, keyed, provinces, areas, label)
    journeys = await start_journeys(
        client, catalog, actor=actor, task_queue=task_queue, codes=provinces, label=label,
        keyed=keyed, occurred_on=occurred_on,
    ) if provinces != [] else {}  # fmt: skip
    started_areas = await start_areas(
        client, catalog, actor=actor, task_queue=task_queue, areas=areas, label=label,
        keyed=keyed, occurred_on=occurred_on,
    ) if areas != [] else {}  # fmt: skip
    return {"provinces": journeys, "areas": started_areas}


async def _refuse_reused_key(
    client: Client,
    catalog: Catalog,
    keyed: Keyed,
    provinces: list[str] | None,
    areas: list[str] | None,
    label: str | None,
) -> None:
    """A process of this selection started under the same key for another selection."""
    codes = catalog.province_codes if provinces is None else provinces
    codes = [catalog.province(c).code for c in codes]
    area_ids = [a.id for a in catalog.areas] if areas is None else areas
    ids = [province_workflow_id(c, label) for c in codes]
    ids += [area_workflow_id(catalog.area(a).id, label) for a in area_ids]
    for workflow_id in ids:
        memo = await _start_memo(client, workflow_id)
        if memo.get("idempotency_key") == keyed.idempotency_key:
            check_same(keyed.idempotency_key, keyed.fingerprint, memo.get("fingerprint"), "a start")
