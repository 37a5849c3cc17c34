"""Small statistics helpers shared by the load client and the harness (no third-party imports)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence


def percentile(sorted_values: Sequence[float], q: float) -> float | None:
    """The q-th percentile (0-100) of already sorted values, interpolating between neighbours;
    None when there are none (JSON has no NaN, and a missing figure must not look like a number)."""
    if not sorted_values:
        return None
    if len(sorted_values) == 1:
        return float(sorted_values[0])
    rank = (len(sorted_values) - 1) * q / 100.0
    low = math.floor(rank)
    high = min(low + 1, len(sorted_values) - 1)
    return float(sorted_values[low] + (sorted_values[high] - sorted_values[low]) * (rank - low))


def median(values: Iterable[float | None]) -> float | None:
    """Median of the values that exist (None ones, e.g. from a failed repeat, are left out)."""
    return percentile(sorted(v for v in values if v is not None), 50)


def _rounded(value: float | None, digits: int = 3) -> float | None:
    return None if value is None else round(value, digits)


def latency_summary(seconds: Iterable[float], prefix: str) -> dict[str, float | int | None]:
    """p50/p90/p99/max of latencies given in seconds, as milliseconds keyed ``<prefix>_p50_ms`` etc."""
    ms = sorted(v * 1000.0 for v in seconds)
    out: dict[str, float | int | None] = {f"{prefix}_samples": len(ms)}
    for name, q in (("p50", 50), ("p90", 90), ("p99", 99)):
        out[f"{prefix}_{name}_ms"] = _rounded(percentile(ms, q))
    out[f"{prefix}_max_ms"] = _rounded(ms[-1] if ms else None)
    return out


def ratio(value: float | None, reference: float | None) -> float | None:
    """value / reference, or None when either is missing or the reference is zero (no ratio exists)."""
    if value is None or reference is None or not reference:
        return None
    return round(value / reference, 3)
