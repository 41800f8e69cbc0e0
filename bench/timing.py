"""Timing shared by the benchmarks: the median and the maximum of repeated runs, warm."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def measure(label: str, action: Callable[[], object], repeat: int = 20) -> float:
    """Print and return the median time of ``action`` in milliseconds, after one warm-up run."""
    action()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    median = statistics.median(times)
    print(f"{label:<62} median {median:8.1f} ms   max {max(times):8.1f} ms")
    return median
