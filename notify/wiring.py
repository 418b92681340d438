"""Builds the dispatcher and its channels from settings (e-mail when SMTP is set, webhooks, the
log), and the projector with its parked-event alert."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

import httpx

from config.settings import Settings
from domain.catalog.model import Catalog
from notify.alerts import ParkingAlert
from notify.channels import Channel, EmailChannel, LogChannel, WebhookChannel
from notify.dispatcher import Dispatcher
from store.eventstore import EventStore
from store.projector import Projector


def channels_from(settings: Settings, client: httpx.AsyncClient) -> dict[str, Channel]:
    """Every configured channel; e-mail only when an SMTP host is set."""
    channels: dict[str, Channel] = {
        "log": LogChannel(),
        "webhook": WebhookChannel(
            client, secret=settings.webhook_secret, public_url=settings.public_url
        ),
    }
    if settings.smtp_host:
        channels["email"] = EmailChannel(
            host=settings.smtp_host,
            port=settings.smtp_port,
            sender=settings.smtp_sender,
            public_url=settings.public_url,
            username=settings.smtp_username,
            password=settings.smtp_password,
            starttls=settings.smtp_starttls,
        )
    return channels


@contextlib.asynccontextmanager
async def dispatcher_from(settings: Settings, store: EventStore) -> AsyncIterator[Dispatcher]:
    """A dispatcher with every configured channel; its HTTP client closes on exit."""
    async with httpx.AsyncClient(timeout=10) as client:
        yield Dispatcher(
            store,
            channels_from(settings, client),
            max_attempts=settings.notify_max_attempts,
            backoff_seconds=settings.notify_backoff_seconds,
        )


def projector_from(settings: Settings, store: EventStore, catalog: Catalog) -> Projector:
    """The read-model projector: an event that fails ``projector_max_failures`` times is parked
    and the coordinators are alerted."""
    return Projector(
        store.engine,
        max_failures=settings.projector_max_failures,
        on_parked=ParkingAlert(store, catalog, email_enabled=settings.smtp_host is not None),
    )
