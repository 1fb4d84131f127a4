"""Timing helper shared by the profiler, the validator and the benchmarks.

Warm-up runs (JIT compilation, first touch of memory) are excluded; each sample
runs the callable enough times to last at least ``min_time`` seconds, so short
calls are not dominated by timer resolution; the median and the spread
(coefficient of variation) of the samples are reported.
"""

from __future__ import annotations

import dataclasses
import statistics
import time
from typing import Callable, Tuple


@dataclasses.dataclass(frozen=True)
class Timing:
    """Seconds per call of a timed callable.

    Attributes
    ----------
    samples : tuple of float
        Seconds per call of each sample (each sample averages ``calls_per_sample`` calls).
    calls_per_sample : int
    """

    samples: Tuple[float, ...]
    calls_per_sample: int

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def best(self) -> float:
        return min(self.samples)

    @property
    def cv(self) -> float:
        """Coefficient of variation of the samples (stdev / mean), 0 for a single sample."""
        if len(self.samples) < 2:
            return 0.0
        mean = statistics.fmean(self.samples)
        return statistics.stdev(self.samples) / mean if mean > 0 else 0.0

    @property
    def spread(self) -> float:
        """(max - min) / median of the samples."""
        return (max(self.samples) - min(self.samples)) / self.median if self.median > 0 else 0.0


def measure(fn: Callable[[], object], *, repeats: int = 5, min_time: float = 0.05,
            warmup: int = 1, max_calls: int = 1_000_000) -> Timing:
    """Time ``fn()``.

    Parameters
    ----------
    fn : callable
        Called with no arguments.
    repeats : int
        Number of samples kept.
    min_time : float
        Minimum seconds per sample; the call count per sample is chosen from the
        warm-up so that each sample lasts at least this long.
    warmup : int
        Untimed calls before timing (JIT compile, page faults).

    Returns
    -------
    Timing
    """
    if repeats < 1:
        raise ValueError("repeats must be >= 1")
    for _ in range(max(warmup, 0)):
        fn()
    t0 = time.perf_counter()
    fn()
    one = time.perf_counter() - t0
    calls = 1 if one >= min_time else min(max_calls, max(1, int(min_time / max(one, 1e-9)) + 1))
    samples = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(calls):
            fn()
        samples.append((time.perf_counter() - t0) / calls)
    return Timing(tuple(samples), calls)
