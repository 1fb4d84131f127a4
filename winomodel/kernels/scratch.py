"""Work arrays a plan keeps between calls.

A fresh multi-megabyte ``np.zeros``/``np.empty`` per call is a fresh mapping: every
page faults on first touch, which cost the direct kernels 5-15 % of a call at low
density.  A plan instead keeps its work arrays and hands them out again.  Arrays
that must start zeroed (the padded input: only its interior is rewritten, the halo
stays zero) are created with zeros once.

A plan may be called from several threads at once: only one call borrows the kept
arrays; a concurrent call gets fresh ones, so calls never share memory.
"""

from __future__ import annotations

import contextlib
import threading
from typing import Callable, Dict, Hashable, Iterator, Tuple

import numba
import numpy as np

from .._config import JIT


class Scratch:
    """Reusable work arrays of one plan, one kept array per name (the latest shape)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._arrays: Dict[str, Tuple[Hashable, np.ndarray]] = {}

    @contextlib.contextmanager
    def session(self) -> Iterator[Callable[[str, Hashable, Callable[[], np.ndarray]], np.ndarray]]:
        """Context giving ``get(name, key, make)``: the kept array ``name`` if it was made
        for ``key`` (e.g. the batch size), else ``make()`` (kept for next time).  Inside a
        concurrent session ``get`` always makes fresh arrays and keeps none."""
        owner = self._lock.acquire(blocking=False)

        def get(name: str, key: Hashable, make: Callable[[], np.ndarray]) -> np.ndarray:
            if not owner:
                return make()
            kept = self._arrays.get(name)
            if kept is None or kept[0] != key:
                self._arrays.pop(name, None)   # drop the old array before making the new one
                kept = (key, make())
                self._arrays[name] = kept
            return kept[1]

        try:
            yield get
        finally:
            if owner:
                self._lock.release()

    def clear(self) -> None:
        """Free the kept arrays."""
        with self._lock:
            self._arrays.clear()


#: byte alignment of :func:`aligned_empty` arrays: one cache line, one zmm register
CACHE_LINE = 64


def aligned_empty(shape, dtype=np.float32, align: int = CACHE_LINE) -> np.ndarray:
    """``np.empty(shape, dtype)`` starting on an ``align``-byte boundary.

    NumPy's allocations start 16 bytes past a cache line here; a 64-byte vector load
    from such an array always spans two lines (a 16-lane block of V read by the
    products), which measured 2.5x slower per load than an aligned one on Zen 5."""
    dtype = np.dtype(dtype)
    n = int(np.prod(shape))
    raw = np.empty(n * dtype.itemsize + align, dtype=np.uint8)
    start = (-raw.ctypes.data) % align
    return raw[start:start + n * dtype.itemsize].view(dtype).reshape(shape)


@numba.njit(**JIT)
def aligned_rows(rows, cols):
    """Jitted float32 ``(rows, cols)`` work array starting on a cache line (Numba's own
    small allocations start on 32-byte boundaries)."""
    raw = np.empty(rows * cols + CACHE_LINE // 4, dtype=np.float32)
    start = ((-raw.ctypes.data) % CACHE_LINE) // 4
    return raw[start:start + rows * cols].reshape((rows, cols))

