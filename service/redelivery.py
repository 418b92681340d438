"""Redelivery of dead-lettered notifications as the edges ask for it: under an idempotency key a
retry gets the first answer again and asks for no second redelivery."""

from __future__ import annotations

from collections.abc import Sequence

from domain.shared.alerts import ALERT_STREAM
from notify.outbox import redeliver, requeue_dead
from service.idempotency import check_same, fingerprint
from store.eventstore import EventMetadata, EventStore


async def redeliver_once(
    store: EventStore, ids: Sequence[str] | None, actor: str, key: str | None = None
) -> list[str]:
    """Queue dead-lettered notifications again (the given ones, or all); returns their ids."""
    if key is None:
        return await redeliver(store, ids, actor)
    sent = fingerprint({"ids": sorted(ids) if ids is not None else None, "actor": actor})
    for earlier in await store.appended_under(ALERT_STREAM, key):
        if earlier.type != "NotificationRedeliveryRequested":
            continue
        check_same(key, sent, earlier.metadata.get("fingerprint"), "a redelivery")
        chosen = list(earlier.data["notification_ids"])
        await requeue_dead(store, chosen)  # the first request may have stopped before it did
        return chosen
    metadata = EventMetadata(actor=actor, idempotency_key=key, fingerprint=sent)
    return await redeliver(store, ids, actor, metadata)
