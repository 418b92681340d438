"""Composition root: settings, logging, database engine, Temporal client and the worker."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.runtime import PrometheusConfig, Runtime, TelemetryConfig
from temporalio.worker import Worker

from activities.events import EventActivities
from config.catalog_file import load_catalog
from config.logging import configure_logging
from config.settings import Settings, to_async_url
from domain.catalog.model import Catalog
from store.eventstore import EventStore
from workflows import search
from workflows.escalation import EscalationWorkflow
from workflows.novex_area import NovexAreaWorkflow
from workflows.province import ProvinceWorkflow

WORKFLOWS: Sequence[type] = (ProvinceWorkflow, NovexAreaWorkflow, EscalationWorkflow)


def create_engine(database_url: str) -> AsyncEngine:
    """The SQLAlchemy async engine (asyncpg) for one database."""
    return create_async_engine(to_async_url(database_url), pool_size=10, max_overflow=10)


_runtime: Runtime | None = None


def telemetry_runtime(settings: Settings) -> Runtime | None:
    """One runtime per process serving the SDK's Prometheus metrics (NOVEX_METRICS_PORT)."""
    global _runtime
    if _runtime is None and settings.metrics_port:
        _runtime = Runtime(
            telemetry=TelemetryConfig(
                metrics=PrometheusConfig(bind_address=f"127.0.0.1:{settings.metrics_port}")
            )
        )
    return _runtime


def tracing_interceptors(settings: Settings) -> list[Any]:
    """OpenTelemetry tracing of workflows and activities when NOVEX_OTEL_ENDPOINT is set
    (needs the ``otel`` extra: opentelemetry-sdk and the OTLP HTTP exporter)."""
    if not settings.otel_endpoint:
        return []
    from opentelemetry import trace
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor
    from temporalio.contrib.opentelemetry import TracingInterceptor

    provider = TracerProvider(resource=Resource.create({"service.name": "novex"}))
    provider.add_span_processor(
        BatchSpanProcessor(OTLPSpanExporter(endpoint=settings.otel_endpoint))
    )
    trace.set_tracer_provider(provider)
    return [TracingInterceptor()]


async def connect_temporal(
    settings: Settings, address: str | None = None, *, metrics: bool = False
) -> Client:
    """A Temporal client with the pydantic data converter (and TLS / API key when configured);
    a worker's client (``metrics``) also serves the SDK's Prometheus metrics."""
    target = address or settings.temporal_address or f"127.0.0.1:{settings.temporal_port}"
    options: dict[str, Any] = {"namespace": settings.namespace}
    runtime = telemetry_runtime(settings) if metrics else None
    if runtime is not None:
        options["runtime"] = runtime
    interceptors = tracing_interceptors(settings)
    if interceptors:
        options["interceptors"] = interceptors
    if settings.temporal_api_key:
        options["api_key"] = settings.temporal_api_key
        options["tls"] = True
    if settings.temporal_tls_cert and settings.temporal_tls_key:
        from temporalio.service import TLSConfig

        options["tls"] = TLSConfig(
            client_cert=settings.temporal_tls_cert.read_bytes(),
            client_private_key=settings.temporal_tls_key.read_bytes(),
        )
    return await Client.connect(target, data_converter=pydantic_data_converter, **options)


def build_worker(
    client: Client,
    store: EventStore,
    task_queue: str,
    catalog: Catalog | None = None,
    *,
    email_enabled: bool = False,
) -> Worker:
    """The worker with every workflow and activity, its dependencies wired in."""
    events = EventActivities(store, catalog or load_catalog(), email_enabled=email_enabled)
    return Worker(
        client,
        task_queue=task_queue,
        workflows=list(WORKFLOWS),
        activities=[events.append_events],
    )


async def main() -> None:
    """Run a worker against configured services (NOVEX_DATABASE_URL, NOVEX_TEMPORAL_ADDRESS)."""
    settings = Settings()
    configure_logging(settings.log_format, settings.log_level)
    if not settings.database_url:
        raise SystemExit("NOVEX_DATABASE_URL is not set; use `novex up` for the embedded stack")
    engine = create_engine(settings.database_url)
    store = EventStore(engine)
    client = await connect_temporal(settings, metrics=True)
    await search.ensure_registered(client, settings.namespace)
    try:
        catalog = load_catalog(settings.catalog)
        email = settings.smtp_host is not None
        await build_worker(client, store, settings.task_queue, catalog, email_enabled=email).run()
    finally:
        await store.close()
        await engine.dispose()


if __name__ == "__main__":
    asyncio.run(main())
