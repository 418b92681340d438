"""Clients as careful integrators write them: every command under an idempotency key of its own,
retried with the same key (and body) until the API gives an answer — through dropped
connections, 5xx answers and timeouts. The ledger keeps what was finally acknowledged."""

from __future__ import annotations

import asyncio
import contextlib
import random
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import httpx

from tests.chaos.catalog import REGION_MEMBER, RIJK_MEMBER

RETRIED = frozenset({500, 502, 503, 504})
"""Answers a client tries again (with the same key): the server or a part behind it failed."""


@dataclass(frozen=True)
class Sent:
    """One command, and how it ended: 200 with the events recorded, a refusal, or no answer."""

    stream: str
    key: str
    type: str
    status: int | None
    events: tuple[str, ...]
    tries: int
    seconds: float
    """From the first try to the answer."""
    detail: str = ""


@dataclass
class Ledger:
    """Every command sent, and every answer (or error) seen on the way."""

    sent: list[Sent] = field(default_factory=list)
    seen: Counter[str] = field(default_factory=Counter)
    resent: int = 0
    mismatches: list[str] = field(default_factory=list)
    """Commands sent again after their answer whose second answer differed."""

    @property
    def acknowledged(self) -> list[Sent]:
        return [s for s in self.sent if s.status == 200]

    @property
    def retries(self) -> int:
        return sum(s.tries - 1 for s in self.sent)


@dataclass
class Driver:
    """Sends commands to the API for one run, retrying each until it is answered or
    ``patience`` seconds have passed."""

    http: httpx.AsyncClient
    base: str
    ledger: Ledger
    patience: float
    calm: asyncio.Event = field(default_factory=asyncio.Event)
    """Set once every fault has been injected and undone: the clients stop pacing themselves."""
    resend_every: int = 4
    """Every n-th acknowledged command is sent once more under its key, as a client that
    crashed before it kept the answer would: it must get the same answer, nothing recorded."""

    async def pause(self, gap: float) -> None:
        """About ``gap`` seconds between two commands while faults may come; none after."""
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.calm.wait(), timeout=random.uniform(0, 2 * gap))

    async def send(
        self,
        path: str,
        body: dict[str, Any],
        token: str,
        stream: str,
        *,
        until_running: bool,
        resend: bool = False,
    ) -> dict[str, Any] | None:
        """POST one command under a fresh key, the same key on every retry. A 404 is retried
        too while the process may still be starting (``until_running``). Once answered it is
        sent again if ``resend`` (or its turn came)."""
        key = uuid.uuid4().hex
        headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": key}
        begin = asyncio.get_running_loop().time()
        status, result, tries, detail = await self._answered(path, body, headers, until_running)
        events = tuple(result["events"]) if result is not None else ()
        took = asyncio.get_running_loop().time() - begin
        sent = Sent(stream, key, body["type"], status, events, tries, took, detail)
        self.ledger.sent.append(sent)
        if result is not None and (resend or len(self.ledger.sent) % self.resend_every == 0):
            await self._resend(sent, path, body, headers)
        return result

    async def _resend(
        self, sent: Sent, path: str, body: dict[str, Any], headers: dict[str, str]
    ) -> None:
        status, result, _, detail = await self._answered(path, body, headers, False)
        self.ledger.resent += 1
        again = tuple(result["events"]) if result is not None else ()
        if status != 200 or again != sent.events:
            self.ledger.mismatches.append(f"{sent}: sent again, {status} {again} {detail}")

    async def _answered(
        self, path: str, body: dict[str, Any], headers: dict[str, str], until_running: bool
    ) -> tuple[int | None, dict[str, Any] | None, int, str]:
        """(status, result, tries, detail) once answered, or once patience ran out."""
        loop = asyncio.get_running_loop()
        deadline, tries, pause = loop.time() + self.patience, 0, 0.25
        status, detail = None, "no answer"
        while loop.time() < deadline:
            tries += 1
            try:
                response = await self.http.post(self.base + path, json=body, headers=headers)
            except httpx.HTTPError as exc:
                self.ledger.seen[type(exc).__name__] += 1
            else:
                status, detail = response.status_code, response.text[:300]
                self.ledger.seen[str(status)] += 1
                if status == 200:
                    return status, response.json(), tries, ""
                if status not in RETRIED and not (status == 404 and until_running):
                    break
            await asyncio.sleep(pause * random.uniform(0.5, 1.5))
            pause = min(pause * 2, 4.0)
        return status, None, tries, detail


def journey_commands(code: str) -> list[dict[str, Any]]:
    """What a journey gets: a draft for ijkmoment 1 (the first command starts the journey), a
    schuurpunt, both reviews and an opgave."""
    return [
        {
            "type": "SubmitDraft",
            "checkpoint": 1,
            "document_ref": f"{code}-ijkmoment-1",
            "summary": "eerste puzzel",
        },
        {"type": "RaiseFriction", "description": "ruimte voor woningbouw", "checkpoint": 1},
        *(
            {"type": "SubmitReview", "checkpoint": 1, "party": party, "outcome": "akkoord"}
            for party in ("rijk-accountteam", "programmes")
        ),
        {
            "type": "AddTask",
            "task": {"id": "T1", "title": "Woningbouw", "programme": "nplg", "kind": "concreet"},
        },
    ]


ESCALATE = {"type": "ChangeFriction", "friction_id": "S1", "status": "geëscaleerd"}
PROPOSE = {
    "type": "ProposeDecision",
    "member": RIJK_MEMBER,
    "decision": {"kind": "schuurpunt beslecht", "text": "woningbouw gaat voor"},
}
AGREE = {"type": "AgreeToProposal", "member": REGION_MEMBER, "proposal_id": "P1"}


@dataclass(frozen=True)
class Tokens:
    """The tokens the clients act with: the regieteam's and the duo's two members'."""

    coordinator: str
    rijk_member: str
    region_member: str


async def drive_journey(
    driver: Driver, code: str, tokens: Tokens, *, escalate: bool, gap: float
) -> None:
    """One province's journey, command after command (a pause of about ``gap`` between them);
    an escalated schuurpunt is decided by the duo through its escalation."""
    stream = f"province-{code}"
    commands = journey_commands(code) + ([ESCALATE] if escalate else [])
    for command in commands:
        await driver.pause(gap)
        body = {"actor": "client", **command}
        path = f"/api/provinces/{code}/commands"
        if await driver.send(path, body, tokens.coordinator, stream, until_running=False) is None:
            return  # refused or unanswered: noted in the ledger; the rest would be refused too
    if not escalate:
        return
    escalation = f"escalation-province-{code}~1"
    path = f"/api/escalations/{escalation}/commands"
    for command, token in ((PROPOSE, tokens.rijk_member), (AGREE, tokens.region_member)):
        await driver.pause(gap)
        body = {"actor": "client", **command}
        closing = command is AGREE  # it ends the escalation: sent again to a closed process
        sent = await driver.send(path, body, token, escalation, until_running=True, resend=closing)
        if sent is None:
            return
