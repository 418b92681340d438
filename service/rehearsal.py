"""Drives journeys through their steps under a label of their own: demo, benchmarks, tests."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from temporalio.client import Client

from config.catalog_file import load_catalog
from domain.catalog.model import Catalog, CheckpointPlan
from domain.province import commands as cmd
from domain.shared.commands import Command
from domain.shared.models import Agreement
from service.commands import send_area_command, send_command
from service.starting import start_areas, start_journeys
from workflows.ids import area_workflow_id, province_workflow_id
from workflows.messages import CommandResult

AGREEMENTS = (Agreement(id="A1", text="Energiehoofdstructuur: tracé 380kV"),)


def catalog_due_from(start: date, step_days: int = 60) -> Catalog:
    """The shipped catalog with its schedule moved to start after ``start``."""
    catalog = load_catalog()
    area_plans = tuple(
        CheckpointPlan(
            number=c.number, name=c.name, due=start + timedelta(days=step_days * c.number)
        )
        for c in catalog.schedule.area_checkpoints
    )
    plans = tuple(
        CheckpointPlan(
            number=c.number, name=c.name, due=start + timedelta(days=step_days * c.number)
        )
        for c in catalog.schedule.checkpoints
    )
    n = len(plans)
    schedule = catalog.schedule.model_copy(
        update={
            "checkpoints": plans,
            "proposal_due": start + timedelta(days=step_days * (n + 1)),
            "arrangement_due": start + timedelta(days=step_days * (n + 3)),
            "area_checkpoints": area_plans,
            "perspective_due": start + timedelta(days=step_days * (n + 1)),
        }
    )
    return catalog.model_copy(update={"schedule": schedule})


@dataclass
class Journey:
    """Drives one province's journey under a label of its own."""

    client: Client
    queue: str
    code: str
    catalog: Catalog = field(
        default_factory=lambda: catalog_due_from(date.today() + timedelta(days=365))
    )
    label: str = field(default_factory=lambda: secrets.token_hex(3))

    @property
    def stream_id(self) -> str:
        return province_workflow_id(self.code, self.label)

    async def start(self) -> str:
        outcome = await start_journeys(
            self.client,
            self.catalog,
            actor="regieteam",
            task_queue=self.queue,
            codes=[self.code],
            label=self.label,
        )
        return outcome[self.code]

    async def send(self, command: Command) -> CommandResult:
        return await send_command(self.client, self.code, command, self.label)

    async def pass_checkpoint(self, number: int) -> None:
        result = await self.send(
            cmd.SubmitDraft(actor="gs", checkpoint=number, document_ref=f"d{number}", summary="s")
        )
        for party in result.status["checkpoints"][str(number)]["missing_reviews"]:
            await self.send(
                cmd.SubmitReview(actor=party, checkpoint=number, party=party, outcome="akkoord")
            )

    async def to_arrangement(self) -> str:
        for n in (1, 2, 3):
            await self.pass_checkpoint(n)
        await self.send(cmd.SubmitProposal(actor="gs", document_ref="voorstel", summary="v"))
        await self.send(cmd.AdoptProposal(actor="minister-vro"))
        result = await self.send(
            cmd.DraftArrangement(
                actor="regieteam", text="Ruimtelijk arrangement", agreements=AGREEMENTS
            )
        )
        return str(result.status["arrangement"]["text_hash"])

    async def history_length(self) -> int:
        history = await self.client.get_workflow_handle(self.stream_id).fetch_history()
        return len(history.events)


@dataclass
class Area:
    """Drives one NOVEX area's process under a label of its own."""

    client: Client
    queue: str
    area_id: str
    catalog: Catalog = field(
        default_factory=lambda: catalog_due_from(date.today() + timedelta(days=365))
    )
    label: str = field(default_factory=lambda: secrets.token_hex(3))

    @property
    def stream_id(self) -> str:
        return area_workflow_id(self.area_id, self.label)

    async def start(self) -> str:
        outcome = await start_areas(
            self.client,
            self.catalog,
            actor="regieteam",
            task_queue=self.queue,
            areas=[self.area_id],
            label=self.label,
        )
        return outcome[self.catalog.area(self.area_id).id]

    async def send(self, command: Command) -> CommandResult:
        return await send_area_command(self.client, self.area_id, command, self.label)

    async def status(self) -> dict[str, Any]:
        result: dict[str, Any] = await self.client.get_workflow_handle(self.stream_id).query(
            "status"
        )
        return result

    async def history_length(self) -> int:
        history = await self.client.get_workflow_handle(self.stream_id).fetch_history()
        return len(history.events)


async def status_when(
    client: Client,
    workflow_id: str,
    check: Callable[[dict[str, Any]], bool],
    within: float = 60.0,
    pause: float = 0.05,
) -> dict[str, Any]:
    """Query a workflow's status until ``check`` holds; it may not even have started yet. Gives
    up after ``within`` seconds (generous: a loaded machine may take long to start a run)."""
    status: dict[str, Any] = {}
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while loop.time() < deadline:
        try:
            status = await client.get_workflow_handle(workflow_id).query("status")
            if check(status):
                return status
        except Exception:  # not started (or not yet answering queries)
            pass
        await asyncio.sleep(pause)
    raise TimeoutError(f"{workflow_id}: condition not met; last status {status}")


async def start_recorded(client: Client, workflow_id: str) -> None:
    """Wait until a process has recorded its start — for whoever reads the store; a command
    need not wait (it waits in the process for the start it follows)."""
    await status_when(client, workflow_id, lambda s: s["phase"] != "niet gestart")
