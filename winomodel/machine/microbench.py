"""Jitted microbenchmarks whose loops have the shapes the roofline ceilings stand for.

Each ``*_kernel`` here is a Numba function; the profiler times it with
:func:`winomodel.timing.measure` and turns the time into GFLOP/s or GB/s.  The
conv kernels are never run: every ceiling comes from a loop of the same shape.

* :func:`fma_chains_kernel` -- independent FMA chains held as this ISA's vectors in
  registers (12 vectors): the FMA units' peak.
* :func:`clock_chain_kernel` -- one dependent FMA chain: its time per FMA is the
  FMA latency, which gives the core clock.
* :func:`sweep_kernel` -- STREAM triad ``a = b + s*c`` over the three thirds of each
  thread's slice of a working set, repeated ``trips`` times (ERT's loop, STREAM's
  shape): bandwidth of the level that holds the working set.  Counts 12 bytes per
  fp32 element and trip (two reads, one write), as the C triad probe does.
* :func:`triad_kernel` -- STREAM triad ``a = b + s*c``.
* :func:`axpy_kernel` -- the direct sparse kernel's inner loop: four CSR weights per
  pass broadcast over a run of L1 accumulators, input at unaligned offsets.
* :func:`gemm_kernel` -- the dense direct kernel's inner loop: a 4 x 4 block of
  weights (4 channels x 4 taps) per pass over a run of L1 accumulators.
* :func:`winograd_products_kernel` -- the dense Winograd products' own micro-kernels
  over one block of ``tb`` tile lanes, all of a shared U read per call.
* :func:`winograd_sparse_products_kernel` -- the sparse Winograd products' own
  micro-kernels: CSR rows over one window of V of ``tb`` tile lanes.
* :func:`stream_transform_kernel` -- add/sub-only streaming loop shaped like a
  Winograd F(2,3) input transform.

The clock kernel compiles without fastmath's 'reassoc': with it LLVM may fold several
steps of a chain into one and report more than the hardware's peak; the peak kernel's
``llvm.fma`` calls carry no fast-math flags at all.
"""

from __future__ import annotations

import functools

import numba
import numpy as np

from .._config import JIT
from ..kernels._direct_common import dense_micro, sparse_rows
from ..kernels._winograd_common import _dense_products, _sparse_products
from .isa import current as current_isa

#: options of the clock kernel: fastmath without 'reassoc'.  With it, LLVM 22 folded
#: unrolled steps of ``a = a*m + c`` into one (``a*m^k + const``) and a peak kernel
#: written that way reported 3.8x the FMA units' peak (1080 GFLOP/s on one Zen 5 core).
CHAIN_JIT = dict(JIT, fastmath={"contract", "nnan", "ninf", "nsz", "arcp", "afn"})

#: independent accumulators of the peak kernel per dtype (this ISA's lanes x 12 vectors)
FMA_CHAINS = {dtype: current_isa().fma_chains(dtype) for dtype in ("float32", "float64")}


# ---------------------------------------------------------------------------
# compute peak
# ---------------------------------------------------------------------------
def _vector_chains_intrinsic(dtype: str, lanes: int, vectors: int, fma: bool):
    """Numba intrinsic ``(iters: int64, seed) -> dtype``: ``vectors`` LLVM vectors of
    ``lanes`` elements, each stepped ``iters`` times by ``v = fma(v, m, c)``.

    Why explicit vectors: an accumulator array that the loop vectorizer was meant to turn
    into registers was unrolled and packed by the SLP vectorizer instead, often into
    scalar FMAs kept in memory: on a Zen 4 limited to AVX2, fp64 chains ran at 9-50 of
    58 GFLOP/s per core depending on their count, fp32 at 59-118 (``inspect_asm``:
    ``vfmadd213sd`` and stack reloads).  As LLVM vector values the chains stay in
    registers on every ISA (LLVM splits or widens them to the target's width); without
    FMA instructions a step is a multiply and an add.
    """
    from llvmlite import ir
    from numba import types
    from numba.extending import intrinsic

    fty = types.float32 if dtype == "float32" else types.float64
    multiplier, addend = 0.9999, 1e-4
    fma_name = f"llvm.fma.v{lanes}f{32 if dtype == 'float32' else 64}"

    @intrinsic
    def vector_chains(typingctx, iters, seed):
        def codegen(context, builder, signature, args):
            n_iter, start = args
            lty = context.get_value_type(fty)
            vty = ir.VectorType(lty, lanes)
            i32 = ir.IntType(32)
            initial = []
            for v in range(vectors):   # chain j starts at seed + j/1000: all distinct
                vec = ir.Constant(vty, None)
                for lane in range(lanes):
                    value = builder.fadd(start, ir.Constant(lty, (v * lanes + lane) * 1e-3))
                    vec = builder.insert_element(vec, value, ir.Constant(i32, lane))
                initial.append(vec)
            m = ir.Constant(vty, [multiplier] * lanes)
            c = ir.Constant(vty, [addend] * lanes)
            module = builder.module
            fma_fn = None
            if fma:
                fma_fn = module.globals.get(fma_name) or ir.Function(
                    module, ir.FunctionType(vty, [vty, vty, vty]), fma_name)
            entry = builder.block
            loop = builder.append_basic_block("chains.loop")
            done = builder.append_basic_block("chains.done")
            zero = ir.Constant(n_iter.type, 0)
            builder.cbranch(builder.icmp_signed(">", n_iter, zero), loop, done)
            builder.position_at_end(loop)
            step = builder.phi(n_iter.type)
            step.add_incoming(zero, entry)
            chains = []
            for vec in initial:
                phi = builder.phi(vty)
                phi.add_incoming(vec, entry)
                chains.append(phi)
            stepped = [builder.call(fma_fn, [v, m, c]) if fma else builder.fadd(builder.fmul(v, m), c)
                       for v in chains]
            next_step = builder.add(step, ir.Constant(n_iter.type, 1))
            step.add_incoming(next_step, loop)
            for phi, vec in zip(chains, stepped):
                phi.add_incoming(vec, loop)
            builder.cbranch(builder.icmp_signed("<", next_step, n_iter), loop, done)
            builder.position_at_end(done)
            finals = []
            for vec, after in zip(initial, stepped):
                phi = builder.phi(vty)
                phi.add_incoming(vec, entry)
                phi.add_incoming(after, loop)
                finals.append(phi)
            total = ir.Constant(lty, 0.0)
            for vec in finals:   # the sum keeps every chain live
                for lane in range(lanes):
                    total = builder.fadd(total, builder.extract_element(vec, ir.Constant(i32, lane)))
            return total

        return fty(types.int64, fty), codegen

    return vector_chains


@functools.lru_cache(maxsize=None)
def fma_chains_kernel(dtype: str = "float32"):
    """Serial kernel ``f(iters, seed) -> float``: ``FMA_CHAINS[dtype]`` independent FMA
    chains of ``iters`` steps, held as this ISA's vectors in registers.  FLOPs per call:
    ``2 * FMA_CHAINS[dtype] * iters``.  Compiled per process (an intrinsic; well under a
    second)."""
    isa = current_isa()
    lanes = isa.lanes(dtype)
    chains = _vector_chains_intrinsic(dtype, lanes, FMA_CHAINS[dtype] // lanes, isa.fma)
    np_type = np.float32 if dtype == "float32" else np.float64

    @numba.njit(nogil=True)
    def run(iters, seed):
        return chains(np.int64(iters), np_type(seed))

    return run


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
def sweep_kernel(xs, trips, scalar):
    """Triad ``a = b + scalar*c`` on the thirds ``a, b, c`` of one thread's slice, ``trips`` times.

    The triad, not an in-place update: the C probe (benchmarks/probes/triad.c) and STREAM
    measure this shape, and an in-place ``x = a*x + b`` read 0.54x the triad's L1 and
    1.6x its L3 bandwidth on a Zen 4 (store- vs load-bound), so the two disagreed by level.
    """
    n = xs.shape[0] // 3
    a = xs[:n]
    b = xs[n:2 * n]
    c = xs[2 * n:3 * n]
    for _ in range(trips):
        for i in range(n):
            a[i] = b[i] + scalar * c[i]


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


@numba.njit(**JIT)
def winograd_products_kernel(u, v, m, col_ranges, k_rows, tb, k_chunk, trips):
    """The dense Winograd products on synthetic operands, as a block of the fused path
    runs them: for each round of ``k_chunk`` of the ``k_rows`` output channels, every
    position's ``M = U V`` over ``tb`` lanes with this ISA's micro-kernels.  ``u`` is
    packed (:func:`~winomodel.kernels._winograd_common.pack_panels`, one group) and
    shared by the threads, ``v`` and ``m`` are each thread's; ``col_ranges`` (a2, 2) the columns
    each position sums (every one: ``[0, C)``).
    FLOPs per call: ``2 * k_rows * C * a2 * tb * trips`` (C input channels, a2 positions)."""
    for _ in range(trips):
        for k0 in range(0, k_rows, k_chunk):
            _dense_products(u, v, m, col_ranges, 0, tb, tb, k0, min(k_rows, k0 + k_chunk), k0)


@numba.njit(**JIT)
def winograd_sparse_products_kernel(bounds, indices, values, v, m, k_rows, tb, trips):
    """The sparse Winograd products on synthetic operands, as one window of a block runs
    them: each of the ``k_rows`` CSR rows of one position (window-major, ``bounds`` as
    :func:`~winomodel.kernels._winograd_common.window_major` gives) over its stored
    weights, ``tb`` lanes of M in registers (this ISA's micro-kernels), V the thread's
    (1, columns * tb) window and ``m`` its (1, k_rows * tb) M.  The CSR is shared by the
    threads.  Per call: ``k_rows * trips`` row visits and ``len(values) * trips`` weights."""
    for _ in range(trips):
        _sparse_products(bounds, indices, values, v, m, 0, k_rows, tb, tb, 0, k_rows, 0)
