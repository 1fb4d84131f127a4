"""Guard timings against a busy machine: a canary timed in every round.

These machines are shared: another tenant's burst can slow every kernel of a layer
by 2x for seconds, and a calibration or validation run then learns or judges the
burst, not the kernels (a 1x1 calibration layer measured 0.29 ms in one calibration
and 0.12 ms minutes later).  Interleaved rounds keep comparisons *within* a layer
fair, but not the absolute times the model is fitted to and judged on.

So every interleaved measurement also times a canary: a fixed parallel loop on the
same thread pool (each thread sweeps an L2-sized array, FMA per element), one sample
per round like the kernels.  Its median over the quietest canary median seen in this
process (seeded by timing the canary alone) is the measurement's *slowdown*; above
``1 + CONTENTION_TOLERANCE`` the measurement is repeated after a pause (up to
``MAX_RETRIES`` times) and the least-slowed attempt is kept, its slowdown reported
with the results.  (The quietest single call is no baseline: one-call minima ran
1.15-1.3x faster than the medians of full samples on a steady machine, and every
layer was measured three times.)
"""

from __future__ import annotations

import math
import time
from typing import Callable, Dict, Hashable, Optional, Tuple

import numba
import numpy as np

from .._config import PARALLEL_JIT
from ..timing import Timing, measure

#: a measurement whose canary ran this much slower than the quietest seen is repeated
CONTENTION_TOLERANCE = 0.2
#: repeats of a slowed measurement (the least-slowed attempt is kept)
MAX_RETRIES = 1
#: seconds to wait before repeating a slowed measurement (bursts last seconds)
RETRY_PAUSE_S = 2.0
#: floats per thread the canary sweeps: 256 KiB, in L2 on every machine we know
CANARY_FLOATS_PER_THREAD = 1 << 16
#: sweeps per canary call (about 1 ms on a 2-thread Zen 5)
CANARY_TRIPS = 24

_QUIETEST = [math.inf]   # the quietest canary median seen in this process
_CANARY_KEY = ("__canary__",)


@numba.njit(**PARALLEL_JIT)
def _canary_kernel(x, chunks, trips):
    size = x.size // chunks
    for t in numba.prange(chunks):
        part = x[t * size:(t + 1) * size]
        for _ in range(trips):
            for i in range(size):
                part[i] = part[i] * np.float32(0.999) + np.float32(0.001)


def canary() -> Callable[[], None]:
    """A callable running the canary loop once (compiled and warmed up)."""
    threads = numba.get_num_threads()
    x = np.ones(CANARY_FLOATS_PER_THREAD * threads, dtype=np.float32)
    run = lambda: _canary_kernel(x, threads, CANARY_TRIPS)  # noqa: E731
    run()
    return run


def quietest_canary_s(run: Callable[[], None], *, repeats: int = 3, min_time: float = 0.02) -> float:
    """Seed (once per process) and return the quietest canary median: the canary timed
    alone, samples of ``min_time`` seconds like an interleaved measurement's."""
    if not math.isfinite(_QUIETEST[0]):
        _QUIETEST[0] = measure(run, repeats=repeats, min_time=min_time, warmup=0).median
    return _QUIETEST[0]


def guarded(measure: Callable[[Dict[Hashable, Callable[[], object]]], Dict[Hashable, Timing]],
            fns: Dict[Hashable, Callable[[], object]], *,
            tolerance: float = CONTENTION_TOLERANCE, retries: int = MAX_RETRIES,
            pause_s: float = RETRY_PAUSE_S,
            progress: Optional[Callable[[str], None]] = None) -> Tuple[Dict[Hashable, Timing], float]:
    """Run ``measure(fns + canary)`` (an interleaved measurement), repeating it while its
    canary shows the machine slowed by more than ``tolerance``.

    Returns
    -------
    (dict, float)
        The timings of ``fns`` of the least-slowed attempt, and its slowdown: median
        canary time over the quietest canary time of the process (1.0 = quiet).
    """
    run = canary()
    quietest_canary_s(run)
    best: Optional[Tuple[float, Dict[Hashable, Timing]]] = None
    for attempt in range(retries + 1):
        timed = measure({**fns, _CANARY_KEY: run})
        probe = timed.pop(_CANARY_KEY)
        _QUIETEST[0] = min(_QUIETEST[0], probe.median)
        slowdown = probe.median / _QUIETEST[0]
        if best is None or slowdown < best[0]:
            best = (slowdown, timed)
        if slowdown <= 1.0 + tolerance:
            break
        if attempt < retries:
            if progress:
                progress(f"  machine busy (canary {slowdown:.2f}x slower than its quietest): "
                         f"measuring again in {pause_s:g} s")
            time.sleep(pause_s)
    return best[1], best[0]
