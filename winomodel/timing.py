"""The one timing policy: everything that times a kernel (calibration, validation, the
crossover refinement, ``bench``, the profiler) goes through this module.

* **Warm-up excluded.**  Each callable runs once untimed (JIT compile, first touch of
  memory, thread-pool start) before any sample.
* **Calls per sample.**  A second untimed call sets how many calls one sample holds so
  that it lasts at least ``min_time`` seconds (timer resolution, call jitter).
* **Interleaved rounds.**  :func:`measure_rounds` takes several callables and times one
  sample of each per round, so a burst of other work on the machine hits every
  callable of a round alike and comparisons between them stay fair.
* **A robust statistic and its spread.**  The time reported is the median of the
  samples; the spread is their interquartile range over the median
  (:attr:`Timing.iqr_rel`), and every measurement carries it.

Nothing here waits for a "quiet" machine, drops rounds or times again: a measurement
is what the rounds gave, with its spread reported beside it.
"""

from __future__ import annotations

import dataclasses
import statistics
import time
from typing import Callable, Dict, Hashable, Mapping, Tuple

import numpy as np


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

    @property
    def iqr_rel(self) -> float:
        """Interquartile range of the samples over their median (0 for one sample): the
        spread every measurement reports beside its median."""
        if len(self.samples) < 2 or self.median <= 0:
            return 0.0
        q1, q3 = np.percentile(self.samples, [25, 75])
        return float(q3 - q1) / self.median


def _calls_per_sample(fn: Callable[[], object], min_time: float, max_calls: int) -> int:
    """Time one (already warmed-up) call and return the calls a sample needs to last
    ``min_time`` seconds."""
    t0 = time.perf_counter()
    fn()
    one = time.perf_counter() - t0
    if one >= min_time:
        return 1
    return min(max_calls, max(1, int(min_time / max(one, 1e-9)) + 1))


def measure_rounds(fns: Mapping[Hashable, Callable[[], object]], *, repeats: int = 5,
                   min_time: float = 0.05, warmup: int = 1,
                   max_calls: int = 10_000) -> Dict[Hashable, Timing]:
    """Time several callables in interleaved rounds, one sample of each per round.

    Parameters
    ----------
    fns : mapping of key -> callable
        Each called with no arguments.
    repeats : int
        Rounds, i.e. samples per callable.
    min_time : float
        Minimum seconds per sample.
    warmup : int
        Untimed calls of each callable before timing.
    max_calls : int
        Most calls one sample may hold.

    Returns
    -------
    dict of key -> Timing
    """
    if not (isinstance(repeats, (int, np.integer)) and not isinstance(repeats, bool) and repeats >= 1):
        raise ValueError(f"repeats must be an integer >= 1, got {repeats!r}")
    calls = {}
    for key, fn in fns.items():
        for _ in range(max(warmup, 0)):
            fn()
        calls[key] = _calls_per_sample(fn, min_time, max_calls)
    samples: Dict[Hashable, list] = {key: [] for key in fns}
    for _ in range(repeats):
        for key, fn in fns.items():
            n = calls[key]
            t0 = time.perf_counter()
            for _ in range(n):
                fn()
            samples[key].append((time.perf_counter() - t0) / n)
    return {key: Timing(tuple(samples[key]), calls[key]) for key in fns}


def measure(fn: Callable[[], object], *, repeats: int = 5, min_time: float = 0.05,
            warmup: int = 1, max_calls: int = 1_000_000) -> Timing:
    """Time one callable: :func:`measure_rounds` with a single entry.

    Parameters
    ----------
    fn : callable
        Called with no arguments.
    repeats : int
        Number of samples kept.
    min_time : float
        Minimum seconds per sample.
    warmup : int
        Untimed calls before timing (JIT compile, page faults).

    Returns
    -------
    Timing
    """
    return measure_rounds({0: fn}, repeats=repeats, min_time=min_time, warmup=warmup,
                          max_calls=max_calls)[0]
