"""Reads a startpakket (the province's opgaven) from a YAML file, or takes it as sent, and
validates it against the catalog."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from domain.catalog.model import Catalog, CatalogError
from domain.shared.models import Task


def load_startpakket(path: Path | str, catalog: Catalog) -> tuple[Task, ...]:
    """Opgaven as ``[{id, title, programme, kind}, …]``; every programme must be in the catalog.

    Errors name the file, the entry and what is wrong; nothing is sent when one entry is bad.
    """
    file = Path(path)
    try:
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CatalogError(f"{file}: cannot read the startpakket: {exc.strerror}") from None
    except yaml.YAMLError as exc:
        raise CatalogError(f"{file}: not valid YAML: {exc}") from None
    return check_startpakket(data.get("opgaven") if isinstance(data, dict) else data, catalog, file)


def check_startpakket(entries: Any, catalog: Catalog, file: Path | str) -> tuple[Task, ...]:
    """Opgaven as sent (``file`` names where they came from in the errors); every programme
    must be in the catalog, every id once."""
    if not isinstance(entries, list) or not entries:
        raise CatalogError(f"{file}: expected a list of opgaven (or a mapping with 'opgaven')")
    programmes = {p.id for p in catalog.programmes}
    tasks: list[Task] = []
    problems: list[str] = []
    for index, entry in enumerate(entries):
        try:
            task = Task.model_validate(entry)
        except ValidationError as exc:
            problems += [
                f"{file}: opgaven[{index}].{'.'.join(map(str, e['loc']))}: {e['msg']}"
                for e in exc.errors()
            ]
            continue
        if task.programme not in programmes:
            problems.append(
                f"{file}: opgaven[{index}] ({task.id}): unknown programme {task.programme!r}"
            )
        if any(t.id == task.id for t in tasks):
            problems.append(f"{file}: opgaven[{index}]: duplicate opgave id {task.id!r}")
        tasks.append(task)
    if problems:
        raise CatalogError("\n".join(problems))
    return tuple(tasks)
