"""What opening many processes on one worker measured, and how it is reported."""

from __future__ import annotations

from dataclasses import dataclass

from bench.figures import Figure, load, machine

CONCURRENCY = 32
"""Starts at a time."""


@dataclass
class Opened:
    """One run: how fast the processes opened and what the worker holds afterwards."""

    processes: int
    seconds: float
    rss_before: int
    rss_after: int
    projector_lag: int = 0
    catch_up: float = 0.0

    @property
    def rate(self) -> float:
        return self.processes / self.seconds

    @property
    def mb_per_thousand(self) -> float:
        return (self.rss_after - self.rss_before) / 2**20 / (self.processes / 1000)


def report(bare: Opened, ours: Opened, cached: Opened, cache: int) -> str:
    per_open = ours.mb_per_thousand
    return "\n".join(
        [
            f"Machine: {machine()}. Temporal dev server in memory; the worker in a process of "
            "its own (as `novex up` runs it), its resident memory read before and after; "
            f"{CONCURRENCY} starts at a time; one run each, each on a fresh server; load "
            f"average {load():.1f} at the end.",
            f"{ours.processes:,} journeys opened (12 per label); a journey counts as open once "
            "its start is recorded in the store; a bare workflow once its no-op activity ran.",
            "",
            "| measure | novex | bare Temporal | ratio | target |",
            "|---|---|---|---|---|",
            f"| processes opened per second | {ours.rate:,.1f} | {bare.rate:,.1f} | "
            f"{ours.rate / bare.rate:.2f}× | |",
            f"| worker memory per 1,000 open (cache {cache:,}) | {per_open:,.0f} MB | "
            f"{bare.mb_per_thousand:,.0f} MB (all cached) | | ≤ 100 MB "
            f"({'met' if per_open <= 100 else 'missed'}) |",
            f"| worker memory per 1,000 cached ({cached.processes:,} open, all cached) | "
            f"{cached.mb_per_thousand:,.0f} MB | {bare.mb_per_thousand:,.0f} MB | "
            f"{cached.mb_per_thousand / bare.mb_per_thousand:.2f}× | |",
            f"| projector lag once every start was recorded | {ours.projector_lag:,} events, "
            f"caught up in {ours.catch_up:.2f} s | | | |",
            "",
            "The cache (NOVEX_WORKER_CACHED_WORKFLOWS, default 1,000) bounds the memory: a "
            "process outside it costs the worker next to nothing while it waits, but its next "
            "task replays its whole history first (fetched from the server), which costs CPU "
            f"and latency for that one task. Here the cache held {cache:,}, a tenth of the "
            "journeys opened, as the default does at 10,000 open (`make bench-scale`).",
        ]
    )


def figures(bare: Opened, ours: Opened, cached: Opened, cache: int) -> list[Figure]:
    per_open = ours.mb_per_thousand
    return [
        Figure(
            "processes opened per second",
            f"{ours.rate:,.1f}/s",
            f"bare Temporal {bare.rate:,.1f}/s",
            f"{ours.rate / bare.rate:.2f}×",
            size=f"{ours.processes:,} journeys",
        ),
        Figure(
            f"worker memory per 1,000 open (cache {cache:,})",
            f"{per_open:,.0f} MB",
            f"bare Temporal {bare.mb_per_thousand:,.0f} MB (all cached)",
            target="≤ 100 MB",
            met=per_open <= 100,
            size=f"{ours.processes:,} open",
        ),
        Figure(
            "worker memory per 1,000 cached",
            f"{cached.mb_per_thousand:,.0f} MB",
            f"bare Temporal {bare.mb_per_thousand:,.0f} MB",
            f"{cached.mb_per_thousand / bare.mb_per_thousand:.2f}×",
            size=f"{cached.processes:,} open, all cached",
        ),
    ]
