"""Jitted microbenchmarks whose loops have the shapes the roofline ceilings stand for.

Each ``*_kernel`` here is a Numba function; the profiler times it with
:func:`winomodel.timing.measure` and turns the time into GFLOP/s or GB/s.  The
conv kernels are never run: every ceiling comes from a loop of the same shape.

* :func:`fma_chains_kernel` -- many independent FMA chains in a small accumulator
  array that the loop vectorizer turns into full-width vector FMAs: the FMA units' peak.
* :func:`clock_chain_kernel` -- one dependent FMA chain: its time per FMA is the
  FMA latency, which gives the core clock.
* :func:`sweep_kernel` -- in-place ``x = a*x + b`` over each thread's slice of a
  working set, repeated ``trips`` times (the ERT loop): bandwidth of the level that
  holds the working set.  Counts 8 bytes per fp32 element and trip (read + write).
* :func:`triad_kernel` -- STREAM triad ``a = b + s*c``.
* :func:`axpy_kernel` -- the direct sparse kernel's inner loop: four CSR weights per
  pass broadcast over a run of L1 accumulators, input at unaligned offsets.
* :func:`gemm_kernel` -- the dense direct kernel's inner loop: a 4 x 4 block of
  weights (4 channels x 4 taps) per pass over a run of L1 accumulators.  The dense
  Winograd products run under the same ceiling name.
* :func:`stream_transform_kernel` -- add/sub-only streaming loop shaped like a
  Winograd F(2,3) input transform.

The FMA-chain kernels compile without fastmath's 'reassoc': with it LLVM may fold
several steps of a chain into one and report more than the hardware's peak.
"""

from __future__ import annotations

import functools

import numba
import numpy as np

from .._config import JIT
from ..kernels._direct_common import dense_micro, sparse_rows
from ..machine.isa import current as current_isa

#: options of the FMA-chain kernels: fastmath without 'reassoc'.  With it, LLVM 22
#: folded unrolled steps of ``a = a*m + c`` into one (``a*m^k + const``) and the peak
#: kernel reported 3.8x the FMA units' peak (1080 GFLOP/s on one Zen 5 core).
CHAIN_JIT = dict(JIT, fastmath={"contract", "nnan", "ninf", "nsz", "arcp", "afn"})

#: independent accumulators of the peak kernel per dtype: 12 vector registers of this
#: ISA's lanes, enough to hide the 4-cycle FMA latency on two FMA ports (needs >= 8) and
#: few enough for a 16-register file (AVX-512's 192 fp32 chains were 24 ymm on AVX2:
#: they spilled, and the profiler read 90 of a Zen 3's 197 GFLOP/s)
FMA_CHAINS = {dtype: current_isa().fma_chains(dtype) for dtype in ("float32", "float64")}


# ---------------------------------------------------------------------------
# compute peak
# ---------------------------------------------------------------------------
@functools.lru_cache(maxsize=None)
def fma_chains_kernel(dtype: str = "float32"):
    """Serial kernel ``f(iters, seed) -> float``: ``FMA_CHAINS[dtype]`` independent FMA
    chains of ``iters`` steps.  FLOPs per call: ``2 * FMA_CHAINS[dtype] * iters``.

    The chains are a small accumulator array whose length, multiplier and addend are
    compile-time constants, so the loop vectorizer turns the inner loop into vector FMAs.
    (Scalar chains packed by the SLP vectorizer stayed scalar for fp64, ~2 GFLOP/s,
    and for fp32 without 'reassoc'; a run-time length cost 2-4x.)  Compiled per
    process (a closure; it takes well under a second).
    """
    n = FMA_CHAINS[dtype]
    np_type = np.float32 if dtype == "float32" else np.float64
    m = np_type(0.9999)
    c = np_type(1e-4)
    _GUARD = 256 // np.dtype(np_type).itemsize

    @numba.njit(**dict(CHAIN_JIT, cache=False))
    def chains(iters, seed):
        # 256 guard bytes either side: where LLVM keeps some chains in memory (a 16-register
        # file), two threads' small arrays must not share a cache line (they did, and two
        # threads ran at one thread's rate: 104 vs 97 GFLOP/s on a Zen 3)
        buf = np.empty(n + 2 * _GUARD, np_type)
        acc = buf[_GUARD:_GUARD + n]
        for k in range(n):
            acc[k] = seed + k * 1e-3
        for _ in range(iters):
            for k in range(n):
                acc[k] = acc[k] * m + c
        return acc.sum()

    return chains


@numba.njit(**CHAIN_JIT)
def clock_chain_kernel(iters, m, c):
    """One dependent FMA chain of ``iters`` steps (time per step = FMA latency)."""
    a = np.float64(1.0)
    for _ in range(iters):
        a = a * m + c
    return a


# ---------------------------------------------------------------------------
# memory
# ---------------------------------------------------------------------------
@numba.njit(**JIT)
def sweep_kernel(xs, trips, alpha, beta):
    """``xs[i] = alpha*xs[i] + beta`` over one thread's slice, ``trips`` times."""
    for _ in range(trips):
        for i in range(xs.shape[0]):
            xs[i] = alpha * xs[i] + beta


@numba.njit(**JIT)
def triad_kernel(a, b, c, scalar):
    """STREAM triad ``a = b + scalar * c`` on one thread's chunks."""
    for i in range(a.shape[0]):
        a[i] = b[i] + scalar * c[i]


# ---------------------------------------------------------------------------
# inner-loop shapes
# ---------------------------------------------------------------------------
@numba.njit(**JIT)
def axpy_kernel(acc, x, values, offsets, trips):
    """The direct sparse kernel's inner loop on synthetic operands.

    Calls sparse_direct's own register-blocked micro-kernel
    (this ISA's :data:`winomodel.kernels._direct_common.sparse_rows`) on one CSR row: the run
    ``acc`` (a width it exists for, at most SPARSE_BLOCK floats) stays in registers
    while it takes ``values[e] * x[offsets[e]:offsets[e] + len(acc)]`` for every stored
    weight (one broadcast FMA per weight and vector, unaligned input loads as tap
    offsets are).  FLOPs per call: ``2 * len(acc) * len(values) * trips``.
    """
    row_ptr = np.zeros((1, 2), dtype=np.int64)
    row_ptr[0, 1] = values.shape[0]
    rows = acc.reshape((1, acc.shape[0]))
    for _ in range(trips):
        sparse_rows(acc.shape[0], x, offsets, values, row_ptr, 0, 0, 1, 0, rows)


@numba.njit(**JIT)
def stream_transform_kernel(d, out, trips):
    """F(2,3)-input-transform-shaped add/sub over four rows of length L:
    ``o0 = d0 - d2, o1 = d1 + d2, o2 = d2 - d1, o3 = d1 - d3``.

    ``d``, ``out``: ``(4, L)``.  FLOPs per call: ``4 * L * trips``;
    bytes (no write-allocate): ``32 * L * trips``.
    """
    d0, d1, d2, d3 = d[0], d[1], d[2], d[3]
    o0, o1, o2, o3 = out[0], out[1], out[2], out[3]
    for _ in range(trips):
        for i in range(d0.shape[0]):
            o0[i] = d0[i] - d2[i]
            o1[i] = d1[i] + d2[i]
            o2[i] = d2[i] - d1[i]
            o3[i] = d1[i] - d3[i]


class ThreadTeam:
    """Runs one serial ``nogil`` kernel on several threads at once.

    The kernels are serial and the team runs one copy per thread on that
    thread's own operands.  (Wrapping the kernels in a ``prange`` instead let
    LLVM inline them into the parallel loop, where the register-blocked ones
    lost their packing and ran ~20x slower.)
    """

    def __init__(self, threads: int):
        from concurrent.futures import ThreadPoolExecutor

        self.threads = int(threads)
        self._pool = ThreadPoolExecutor(max_workers=self.threads) if self.threads > 1 else None

    def run(self, fn, per_thread_args):
        """Call ``fn(*args)`` for each ``args`` in ``per_thread_args`` concurrently; wait for all."""
        if self._pool is None:
            for args in per_thread_args:
                fn(*args)
            return
        futures = [self._pool.submit(fn, *args) for args in per_thread_args]
        for f in futures:
            f.result()

    def close(self):
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False



@numba.njit(**JIT)
def gemm_kernel(acc, x, weights, offsets, trips):
    """The dense direct kernel's inner loop on synthetic operands.

    Calls dense_direct's own register-blocked micro-kernel
    (this ISA's :data:`winomodel.kernels._direct_common.dense_micro`): ``acc`` (DENSE_ROWS, W)
    accumulators stay in registers while each tap adds ``weights[e, r] *
    x[offsets[e]:offsets[e] + W]`` (W/lanes input vectors and DENSE_ROWS broadcast
    weights per tap).  ``weights`` is (taps, DENSE_ROWS).
    FLOPs per call: ``2 * DENSE_ROWS * W * len(offsets) * trips``.
    """
    for _ in range(trips):
        dense_micro(acc.shape[1], x, offsets, weights, 0, acc)
