"""The house rules every module keeps: a one-line docstring, at most 300 lines, small functions."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = (
    "domain",
    "workflows",
    "activities",
    "store",
    "config",
    "notify",
    "service",
    "cli",
    "web",
    "runtime",
    "bench",
    "tests",
)
MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 60


def _modules() -> list[Path]:
    found = [ROOT / "worker.py"]
    for package in PACKAGES:
        found += sorted(p for p in (ROOT / package).rglob("*.py") if "migrations" not in p.parts)
    return found


def _name(path: Path) -> str:
    return str(path.relative_to(ROOT))


def test_every_module_says_in_one_line_what_lives_there() -> None:
    missing = []
    for path in _modules():
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        if not doc or not doc.strip():
            missing.append(_name(path))
    assert missing == []


def test_no_module_is_longer_than_three_hundred_lines() -> None:
    long = {
        _name(p): n
        for p in _modules()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_no_function_is_longer_than_sixty_lines() -> None:
    long = {}
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                size = (node.end_lineno or node.lineno) - node.lineno + 1
                if size > MAX_FUNCTION_LINES:
                    long[f"{_name(path)}:{node.name}"] = size
    assert long == {}
