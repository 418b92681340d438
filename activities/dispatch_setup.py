"""Builds the dispatcher's channels from settings: e-mail when SMTP is set, webhooks, the log."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine

from activities.channels import Channel, EmailChannel, LogChannel, WebhookChannel
from activities.notify import Dispatcher
from config.settings import Settings


@contextlib.asynccontextmanager
async def dispatcher_from(settings: Settings, engine: AsyncEngine) -> AsyncIterator[Dispatcher]:
    """A dispatcher with every configured channel; its HTTP client closes on exit."""
    async with httpx.AsyncClient(timeout=10) as client:
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
        yield Dispatcher(
            engine,
            channels,
            max_attempts=settings.notify_max_attempts,
            backoff_seconds=settings.notify_backoff_seconds,
        )
