"""Histograms from a Prometheus text page: parsed, subtracted, and read at a quantile."""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field

_BUCKET = re.compile(r"^(\w+)_bucket\{(.*)\} (\S+)$")
_LE = re.compile(r'le="([^"]+)"')


@dataclass
class Histogram:
    """Cumulative counts per upper bound (``+Inf`` included), summed over every label set."""

    buckets: dict[float, float] = field(default_factory=dict)

    @property
    def count(self) -> float:
        return self.buckets.get(math.inf, 0.0)

    def minus(self, earlier: Histogram) -> Histogram:
        """What was observed since ``earlier``."""
        return Histogram({le: n - earlier.buckets.get(le, 0.0) for le, n in self.buckets.items()})

    def quantile(self, q: float) -> float:
        """The upper bound of the bucket holding the ``q`` quantile (``inf`` when it lies beyond
        the last finite bound; 0 when nothing was observed)."""
        if not self.count:
            return 0.0
        wanted = q * self.count
        for le in sorted(self.buckets):
            if self.buckets[le] >= wanted:
                return le
        return math.inf

    def above(self, bound: float) -> float:
        """How many observations exceeded ``bound`` (a bucket bound)."""
        return self.count - self.buckets.get(bound, 0.0)


def histograms(text: str) -> dict[str, Histogram]:
    """Every histogram on the page by name, its label sets summed."""
    sums: dict[str, dict[float, float]] = defaultdict(lambda: defaultdict(float))
    for line in text.splitlines():
        found = _BUCKET.match(line)
        if not found:
            continue
        name, labels, value = found.groups()
        le = _LE.search(labels)
        if le is None:
            continue
        bound = math.inf if le.group(1) == "+Inf" else float(le.group(1))
        sums[name][bound] += float(value)
    return {name: Histogram(dict(b)) for name, b in sums.items()}
