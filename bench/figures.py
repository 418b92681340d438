"""What a benchmark reports: its figures (novex, the baseline of the same run, ratio, target, met)
for the summary at the top of RESULTS.md, and its own section."""

from __future__ import annotations

import os
import platform
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import asyncpg

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
QUICK_RESULTS = RESULTS.with_name("RESULTS-quick.md")
"""Where a quick run writes, so that it never replaces the figures of a full one."""


def results(quick: bool) -> Path:
    return QUICK_RESULTS if quick else RESULTS


SUMMARY = "Summary (python -m bench)"


@dataclass(frozen=True)
class Figure:
    """One measured figure beside its baseline from the same run."""

    measure: str
    novex: str
    baseline: str = "—"
    ratio: str = "—"
    target: str = "—"
    met: bool | None = None
    size: str = ""


def ratio_figure(
    measure: str,
    ours: float,
    base: float,
    *,
    unit: str,
    baseline: str,
    at_least: float | None = None,
    at_most: float | None = None,
    size: str = "",
) -> Figure:
    """A figure whose target is a ratio to its baseline (``ours ÷ base`` at least or at most)."""
    ratio = ours / base
    target, met = "—", None
    if at_least is not None:
        target, met = f"≥ {at_least:g}×", ratio >= at_least
    elif at_most is not None:
        target, met = f"≤ {at_most:g}×", ratio <= at_most
    shown = f"{ours:,.2f}" if ours < 10 else f"{ours:,.0f}"
    base_shown = f"{base:,.2f}" if base < 10 else f"{base:,.0f}"
    return Figure(
        measure, f"{shown} {unit}", f"{baseline} {base_shown} {unit}", f"{ratio:.2f}×", target,
        met, size,
    )  # fmt: skip


@dataclass
class Outcome:
    """A benchmark's section of RESULTS.md and its figures."""

    title: str
    body: str
    figures: list[Figure] = field(default_factory=list)

    def write(self, quick: bool = False) -> Outcome:
        """Replace this benchmark's section of RESULTS.md (of RESULTS-quick.md); print it."""
        write_section(self.title, self.body, path=results(quick))
        print(f"## {self.title}\n\n{self.body}\n")
        return self


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def machine() -> str:
    """One line describing where the figures were measured."""
    return (
        f"{os.cpu_count()} cores ({cpu_model()}), {platform.machine()}, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    )


def load() -> float:
    """The one-minute load average: how busy the machine was (other work included)."""
    return os.getloadavg()[0]


async def pg_version(url: str) -> str:
    conn = await asyncpg.connect(url)
    try:
        return str(await conn.fetchval("SHOW server_version"))
    finally:
        await conn.close()


def write_section(title: str, body: str, *, first: bool = False, path: Path = RESULTS) -> None:
    """Replace (or add: at the end, or ``first``) one ``## title`` section of RESULTS.md."""
    heading = "# Benchmark results" + (" (quick sizes)" if path == QUICK_RESULTS else "") + "\n"
    text = path.read_text(encoding="utf-8") if path.exists() else heading
    sections = text.split("\n## ")
    head, rest = sections[0], sections[1:]
    kept = [s for s in rest if not s.startswith(title + "\n")]
    section = f"{title}\n\n{body.strip()}\n"
    kept = [section, *kept] if first else [*kept, section]
    path.write_text(head.rstrip() + "\n\n## " + "\n## ".join(kept), encoding="utf-8")


def summary(runs: list[tuple[Outcome, float, float, float]], quick: bool, machine_line: str) -> str:
    """The table of every figure of one run of ``python -m bench``; ``runs`` holds each
    benchmark's outcome, wall seconds and the load average at its start and end."""
    total = sum(r[1] for r in runs)
    loads = [x for r in runs for x in r[2:]]
    lines = [
        f"`python -m bench{' --quick' if quick else ''}` "
        f"({'quick' if quick else 'full'} sizes), {datetime.now():%Y-%m-%d %H:%M}: "
        f"{len(runs)} benchmarks in {total / 60:.1f} min. Machine: {machine_line}. "
        f"One-minute load average {min(loads):.1f}–{max(loads):.1f} during the run (every "
        "ratio compares novex with its baseline run side by side in the same process, so what "
        "else runs on the machine weighs on both).",
        "",
        "| benchmark | measure | size | novex | baseline (same run) | ratio | target | met |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for outcome, *_ in runs:
        name = outcome.title.rsplit("(", 1)[-1].rstrip(")")
        for f in outcome.figures:
            met = {True: "met", False: "**missed**", None: "—"}[f.met]
            lines.append(
                f"| {name} | {f.measure} | {f.size} | {f.novex} | {f.baseline} | {f.ratio} "
                f"| {f.target} | {met} |"
            )
    lines += ["", "| benchmark | wall time | load average at start → end |", "|---|---|---|"]
    for outcome, seconds, before, after in runs:
        name = outcome.title.rsplit("(", 1)[-1].rstrip(")")
        lines.append(f"| {name} | {seconds:.0f} s | {before:.1f} → {after:.1f} |")
    return "\n".join(lines)
