"""A webhook receiver as a subscriber would write one: it checks the signature, acts once per
CloudEvent id (a redelivery is acknowledged and not acted on again), takes a moment before it
answers, and can be taken down and brought back on the same port."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import json
from collections import Counter
from dataclasses import dataclass, field


@dataclass
class Receiver:
    """Listens on 127.0.0.1:``port`` while up; remembers what arrived."""

    port: int
    secret: str
    acted: dict[str, dict[str, object]] = field(default_factory=dict)
    """Each CloudEvent acted on, by id: once, whatever the number of deliveries."""
    received: Counter[str] = field(default_factory=Counter)
    """Deliveries per CloudEvent id, redeliveries included."""
    bad_signatures: int = 0
    latency: float = 0.25
    """How long it works on a delivery before it answers (the dispatcher waits meanwhile)."""
    working: asyncio.Event = field(default_factory=asyncio.Event)
    """Set while a delivery is being worked on (the dispatcher waits for the answer)."""
    _busy: int = 0
    _server: asyncio.Server | None = None
    _open: set[asyncio.StreamWriter] = field(default_factory=set)

    @property
    def is_up(self) -> bool:
        return self._server is not None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/novex"

    async def up(self) -> None:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", self.port)

    async def down(self) -> None:
        """Refuse connections, and drop the ones that are open."""
        if self._server is not None:
            self._server.close()
            for writer in list(self._open):
                writer.close()
            await self._server.wait_closed()
            self._server = None

    @property
    def duplicates(self) -> int:
        """Deliveries beyond the first of a CloudEvent (which the dedup absorbed)."""
        return sum(self.received.values()) - len(self.received)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._open.add(writer)
        try:
            while True:
                status = await self._one_request(reader)
                if status is None:
                    return
                writer.write(f"HTTP/1.1 {status} X\r\nContent-Length: 0\r\n\r\n".encode())
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            return
        finally:
            self._open.discard(writer)
            writer.close()
            with contextlib.suppress(ConnectionError):
                await writer.wait_closed()

    async def _one_request(self, reader: asyncio.StreamReader) -> int | None:
        """Read one request (keep-alive); the status to answer, None when the peer is done."""
        head = await reader.readuntil(b"\r\n\r\n")
        headers = {}
        for line in head.decode("latin-1").split("\r\n")[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        body = await reader.readexactly(int(headers.get("content-length", "0")))
        expected = "sha256=" + hmac.new(self.secret.encode(), body, hashlib.sha256).hexdigest()
        if headers.get("x-novex-signature") != expected:
            self.bad_signatures += 1
            return 401
        event = json.loads(body)
        self.received[event["id"]] += 1
        self.acted.setdefault(event["id"], event)  # the dedup: act once per id
        self._busy += 1
        self.working.set()
        try:
            await asyncio.sleep(self.latency)
        finally:
            self._busy -= 1
            if not self._busy:
                self.working.clear()
        return 204
