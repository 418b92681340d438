"""Settings from the environment (prefix NOVEX_); no URL set means the embedded default."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Where PostgreSQL and Temporal are, and how the worker logs."""

    model_config = SettingsConfigDict(env_prefix="NOVEX_", env_file=".env", extra="ignore")

    database_url: str | None = None
    temporal_address: str | None = None
    namespace: str = "default"
    task_queue: str = "novex"
    data_dir: Path = Path(".data")
    log_format: Literal["console", "json"] = "console"
    log_level: str = "INFO"
    catalog: Path | None = None
    temporal_port: int = 7233
    temporal_ui_port: int = 8233
    temporal_api_key: str | None = None
    temporal_tls_cert: Path | None = None
    temporal_tls_key: Path | None = None
    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_starttls: bool = False
    smtp_sender: str = "novex@regieopderuimte.nl"
    webhook_secret: str = "change-me"
    public_url: str = "http://127.0.0.1:8000"
    api_host: str = "127.0.0.1"
    api_port: int = 8000
    label: str | None = None
    metrics_port: int | None = 9464
    worker_cached_workflows: int = 1000
    worker_workflow_tasks: int | None = None
    otel_endpoint: str | None = None
    notify_max_attempts: int = 6
    notify_backoff_seconds: float = 5.0
    projector_max_failures: int = 3
    audit_key: Path | None = None


def to_async_url(url: str) -> str:
    """Turn any postgres URL into one SQLAlchemy opens with asyncpg."""
    for prefix in ("postgresql+asyncpg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url[len(prefix) :]
    raise ValueError(f"not a PostgreSQL URL: {url!r}")


def to_plain_url(url: str) -> str:
    """Turn a SQLAlchemy URL into the plain form asyncpg.connect() takes."""
    return url.replace("postgresql+asyncpg://", "postgresql://", 1)
