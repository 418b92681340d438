"""An amount out of bounds sent straight to an area's workflow (past every edge) is rejected
before it reaches the history, naming the field and the bound; nothing is recorded."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from temporalio.client import WorkflowUpdateFailedError
from temporalio.exceptions import ApplicationError
from temporalio.testing import WorkflowEnvironment

from domain.area import commands as ac
from domain.area.agenda import Action
from service.commands import CommandRefused, send_area_command
from service.rehearsal import Area, start_recorded
from store.eventstore import EventStore
from workflows.messages import CommandResult


def _raw_contribution(amount: Any) -> dict[str, Any]:
    """An AddContribution as JSON, the way a client other than novex's might send it."""
    contribution = {
        "id": "c1",
        "action_id": "mirt",
        "side": "rijk",
        "amount": amount,
        "fund": "Mobiliteitsfonds",
    }
    return {"command": {"type": "AddContribution", "actor": "ienw", "contribution": contribution}}


@pytest.mark.parametrize("amount", ["1e309", "NaN", "0.001", 1e20])
async def test_an_amount_out_of_bounds_sent_to_the_workflow_is_rejected_and_records_nothing(
    temporal_env: WorkflowEnvironment, worker_queue: str, store: EventStore, amount: Any
) -> None:
    area = Area(temporal_env.client, worker_queue, "lelylijn")
    await area.start()
    await start_recorded(area.client, area.stream_id)
    action = Action(
        id="mirt",
        title="MIRT-verkenning",
        owner="IenW",
        planned_start=date(2030, 1, 1),
        planned_end=date(2030, 6, 1),
    )
    await area.send(ac.AddAction(actor="ienw", action=action))
    before = await store.read_stream(area.stream_id)
    handle = area.client.get_workflow_handle(area.stream_id)
    with pytest.raises(WorkflowUpdateFailedError) as rejected:
        await handle.execute_update("command", _raw_contribution(amount), result_type=CommandResult)
    decoding = rejected.value.cause
    assert (
        isinstance(decoding, ApplicationError) and decoding.message == "Failed decoding arguments"
    )
    assert "contribution.amount" in str(decoding.cause)
    assert await store.read_stream(area.stream_id) == before
    history = await handle.fetch_history()
    accepted = [
        e
        for e in history.events
        if e.HasField("workflow_execution_update_accepted_event_attributes")
    ]
    assert len(accepted) == 1  # the AddAction; the rejected update never reached the history


async def test_the_service_names_the_field_and_the_bound_of_an_amount_the_workflow_rejected(
    temporal_env: WorkflowEnvironment, worker_queue: str, store: EventStore
) -> None:
    """A command built past pydantic's checks (``model_construct``) is read again by the
    workflow, which rejects it; the caller is told what and why, as bad input."""
    area = Area(temporal_env.client, worker_queue, "lelylijn")
    await area.start()
    await start_recorded(area.client, area.stream_id)
    unchecked = ac.AgreeProportion.model_construct(actor="duo", rijk_share=Decimal("1e309"))
    with pytest.raises(CommandRefused) as refused:
        await send_area_command(area.client, area.area_id, unchecked, area.label)
    assert refused.value.kind == "ValidationError"
    assert str(refused.value) == (
        "AgreeProportion.rijk_share: Input should be less than or equal to 1"
    )
    assert [e.type for e in await store.read_stream(area.stream_id)] == ["AreaStarted"]
