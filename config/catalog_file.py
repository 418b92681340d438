"""Reads a catalog file (YAML) from disk and validates it with the domain's catalog rules."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import yaml

from domain.catalog.model import Catalog, CatalogError, parse_catalog


def default_catalog_path() -> Path:
    """The catalog shipped with novex."""
    return Path(str(resources.files("domain.catalog") / "data" / "catalog.yaml"))


def load_catalog(path: Path | str | None = None) -> Catalog:
    """Load and validate a catalog file; the error names the file, the entry and the problem."""
    file = Path(path) if path is not None else default_catalog_path()
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise CatalogError(f"{file}: cannot read the catalog: {exc.strerror}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise CatalogError(f"{file}: not valid YAML: {exc}") from None
    return parse_catalog(data, source=str(file))
