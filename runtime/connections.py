"""Connections a novex process opens from its settings: the database engine and the Temporal client
(with metrics, tracing, TLS or an API key when configured)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from temporalio.client import Client
from temporalio.contrib.pydantic import pydantic_data_converter
from temporalio.runtime import PrometheusConfig, Runtime, TelemetryConfig

from config.settings import Settings, to_async_url


def create_engine(database_url: str) -> AsyncEngine:
    """The SQLAlchemy async engine (asyncpg) for one database."""
    return create_async_engine(to_async_url(database_url), pool_size=10, max_overflow=10)


_runtime: Runtime | None = None

# Milliseconds: fine below a second (where workflow tasks belong), coarse up to the 10 s task
# timeout and beyond, so a slow task shows how slow it was.
LATENCY_BUCKETS_MS = (5, 10, 20, 50, 100, 200, 300, 500, 750, 1000, 2000, 5000, 10000, 30000, 60000)
FINE_LATENCIES = (
    "workflow_task_execution_latency",
    "workflow_task_schedule_to_start_latency",
    "workflow_task_replay_latency",
    "activity_execution_latency",
    "activity_schedule_to_start_latency",
)


def telemetry_runtime(settings: Settings) -> Runtime | None:
    """One runtime per process serving the SDK's Prometheus metrics (NOVEX_METRICS_PORT)."""
    global _runtime
    if _runtime is None and settings.metrics_port:
        _runtime = Runtime(
            telemetry=TelemetryConfig(
                metrics=PrometheusConfig(
                    bind_address=f"127.0.0.1:{settings.metrics_port}",
                    histogram_bucket_overrides=dict.fromkeys(FINE_LATENCIES, LATENCY_BUCKETS_MS),
                )
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
