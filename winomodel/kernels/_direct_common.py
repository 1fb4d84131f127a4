"""Shared machinery of the two direct kernels: geometry of the "virtual dense" input,
the polyphase padding, tap offsets, the jitted products loops (CSR for sparse_direct,
4-channel blocks for dense_direct) and their work accounting.

The virtual dense input
-----------------------
The zero-padded input of one image is split into ``sv * sh`` polyphase planes per
channel (``sv, sh`` = vertical and horizontal stride), each ``Hph x Wph`` with
``Hph = ceil(Hp / sv)``, ``Wph = ceil(Wp / sh)``.  Output pixel ``(p, q)`` of tap
``(r, s)`` then reads plane ``(r % sv, s % sh)`` at row ``p + r // sv`` and column
``q + s // sh``: stride becomes unit stride, and the output, computed on a grid
``P x Wph`` (``Wph - Q`` wasted columns per row, cropped afterwards), is one
contiguous run ``j = p * Wph + q`` of every tap's flat offset::

    acc[j] += w[k, c, r, s] * xbuf[offset(c, r, s) + j]

The run is computed a pixel block at a time (SPARSE_BLOCK or DENSE_BLOCK outputs) by
register-blocked micro-kernels (:mod:`winomodel.kernels._direct_micro`); a finished
block's accumulators are stored straight into the ``(N, K, P, Q)`` output, row
segment by row segment, dropping the ``Wph - Q`` wasted columns
(:func:`_store_cropped`).

For stride 1 there is one plane per channel and this is the classic SkimCaffe
layout.  The run is rounded up to ``Lpad``, a multiple of PIXEL_BLOCK, and
the buffer has ``Lpad`` zeros of slack at its end, so every block is whole and
stays inside the buffer (reads past a channel land in the next channel or the
slack; they only feed the cropped columns).
"""

from __future__ import annotations

import dataclasses
import functools
from typing import Optional

import numba
import numpy as np
from numba import prange

from .._config import JIT, PARALLEL_JIT
from ..layer import FLOAT_BYTES, ConvLayer
from ..work import Phase, WorkEstimate
from .scratch import Scratch, aligned_rows
from . import _direct_micro
from ..machine.isa import current as _current_isa

#: the vector ISA every size below is taken from (:mod:`winomodel.machine.isa`)
ISA = _current_isa()
#: output channels of a dense register block
DENSE_ROWS = ISA.dense_rows
#: widths (output pixels) of this ISA's dense and sparse micro-kernels
DENSE_WIDTHS = ISA.dense_widths
SPARSE_WIDTHS = ISA.sparse_widths
#: this ISA's micro-kernel dispatchers (``dense_micro(width, ...)``, ``sparse_rows(width, ...)``)
dense_micro = getattr(_direct_micro, f"dense_micro_{ISA.direct_key}")
sparse_rows = getattr(_direct_micro, f"sparse_rows_l{ISA.f32_lanes}")

#: the uncropped output run is rounded up to a multiple of this (one vector of fp32
#: lanes): the vector loops then need no scalar remainder, and the rounding wastes
#: at most a vector's lanes less one (64 wasted 30 % of a 13 x 13 layer's work)
PIXEL_BLOCK = ISA.f32_lanes
#: output pixels per sparse micro-kernel call: 8 vector accumulators, enough independent
#: FMA chains for two FMA ports, few enough to stay in registers
SPARSE_BLOCK = max(SPARSE_WIDTHS)
#: output pixels per dense micro-kernel call (DENSE_ROWS x DENSE_BLOCK accumulators)
DENSE_BLOCK = max(DENSE_WIDTHS)
#: most dense channel blocks (of DENSE_ROWS) per parallel task
DENSE_TASK_BLOCKS = 8
#: output channels per sparse parallel task; each re-reads the task's input window from L1
CHANNEL_BLOCK = 32
#: budget of one CSR chunk's input window, which every output channel of a block
#: re-reads: with the block's 16 KiB of accumulator rows it fits a 48 KiB L1d.  Measured
#: on Zen 5 (issue-5 layers, batch 1 and 8, since one call runs all of a block's
#: channels): 32 KiB beat 64 KiB by 1.11x at density 0.1, 1.09x at 0.3 and 1.05x at
#: 0.05, and beat 24 KiB by 1.02x at 0.05 (they tied elsewhere); 128 KiB lost 6 %.
#: (With a call per channel, 64 KiB had won: fewer, longer calls.)
WINDOW_BYTES = 32 << 10


@dataclasses.dataclass(frozen=True)
class Geometry:
    """Sizes of the polyphase buffer and of the uncropped output of one layer."""

    sv: int
    sh: int
    Hph: int
    Wph: int
    plane: int        # Hph * Wph
    chan: int         # sv * sh * plane: floats per input channel
    L: int            # P * Wph: uncropped output run
    Lpad: int         # L rounded up to PIXEL_BLOCK
    image: int        # floats per image in the buffer: C * chan + Lpad

    @classmethod
    @functools.lru_cache(maxsize=1024)  # twice per call: ~1 us of Python each
    def of(cls, layer: ConvLayer) -> "Geometry":
        hp = layer.H + 2 * layer.pad[0]
        wp = layer.W + 2 * layer.pad[1]
        # a stride beyond the padded input leaves one output row (column) whatever its
        # size: read it as the padded size, so the buffer does not hold sv*sh empty planes
        sv, sh = min(layer.stride[0], hp), min(layer.stride[1], wp)
        hph = -(-hp // sv)
        wph = -(-wp // sh)
        if sh == 1:
            # consecutive rows share their zero columns: reads past a row's right edge land
            # in the next row's left padding, which needs W + pad columns, not W + 2 pad;
            # every uncropped output row is Wph long, so this cuts the wasted columns of a
            # 13 x 13 layer from 2/15 to 1/14 of its work
            wph = max(layer.W + layer.pad[1], layer.Q)
        plane = hph * wph
        chan = sv * sh * plane
        L = layer.P * wph
        lpad = -(-L // PIXEL_BLOCK) * PIXEL_BLOCK
        return cls(sv, sh, hph, wph, plane, chan, L, lpad, layer.C * chan + lpad)


def tap_offsets(layer: ConvLayer, geo: Geometry) -> np.ndarray:
    """Flat offset of every tap ``(c, r, s)`` (absolute input channel ``c``), shape (C, R, S), int64."""
    c = np.arange(layer.C)[:, None, None]
    r = np.arange(layer.R)[None, :, None]
    s = np.arange(layer.S)[None, None, :]
    off = (c * geo.chan + ((r % geo.sv) * geo.sh + s % geo.sh) * geo.plane
           + (r // geo.sv) * geo.Wph + s // geo.sh)
    return off.astype(np.int64)


#: inputs with fewer elements are padded on one thread: waking the thread pool
#: costs more than copying them (and much more when other processes share the cores).
#: Measured on Zen 5 with the in-place row copies: 2 threads won from ~40 K elements
#: (384 x 13 x 13: 8.3 vs 11.3 us, 256 x 13 x 13: 6.0 vs 7.7 us) and lost or tied
#: below 20 K (64 x 13 x 13: 2.7 vs 2.2 us, 128 x 13 x 13: 3.8 vs 4.0 us)
SERIAL_PAD_ELEMENTS = 1 << 15


@numba.njit(**JIT)
def _pad_channel(xc, dst, ph, pw, sv, sh, wph, plane):
    """Scatter one channel ``xc`` (H, W) into its polyphase planes ``dst`` (flat)."""
    H, W = xc.shape
    for h in range(H):
        hp = h + ph
        row = ((hp % sv) * sh) * plane + (hp // sv) * wph
        xr = xc[h]
        if sh == 1:  # one plane per row: a contiguous copy that vectorizes
            d = dst[row + pw:row + pw + W]
            for i in range(W):
                d[i] = xr[i]
            continue
        if sh == 2:  # both column phases in one pass: a stride-2 deinterleave that vectorizes
            # (a loop per phase with a run-time stride stayed scalar: the stride-2 split of
            # a batch-8 128 x 56 x 56 input took 2.0 ms, 4x the stride-1 copy)
            pe = pw % 2           # the plane even input columns land in, and their offset
            a = dst[row + pe * plane + pw // 2:]
            b = dst[row + (1 - pe) * plane + (pw + 1) // 2:]
            half = W // 2
            for i in range(half):
                a[i] = xr[2 * i]
                b[i] = xr[2 * i + 1]
            if W % 2:
                a[half] = xr[W - 1]
            continue
        # input columns w with (w + pw) % sh == phase land contiguously in that plane
        for phase in range(sh):
            w0 = (phase - pw) % sh
            if w0 >= W:
                continue
            cnt = (W - w0 + sh - 1) // sh
            d0 = row + phase * plane + (w0 + pw) // sh
            d = dst[d0:d0 + cnt]
            src = xr[w0:]
            for i in range(cnt):
                d[i] = src[i * sh]


@numba.njit(inline="always", **JIT)
def _pad_one(x, buf, n, c, ph, pw, sv, sh, wph, chan, plane):
    """Channel c of image n into ``buf[n]``.  Stride 1 (one plane) copies the rows in
    place: a call per channel and two integer divisions per row made the copy 2x
    slower than NumPy's on a 13x13 layer (inlined into both loops for the same reason)."""
    if sv == 1 and sh == 1:
        W = x.shape[3]
        for h in range(x.shape[2]):
            o = c * chan + (h + ph) * wph + pw
            d = buf[n, o:o + W]
            xr = x[n, c, h]
            for i in range(W):
                d[i] = xr[i]
    else:
        _pad_channel(x[n, c], buf[n, c * chan:(c + 1) * chan], ph, pw, sv, sh, wph, plane)


@numba.njit(**PARALLEL_JIT)
def _pad_parallel(x, buf, ph, pw, sv, sh, wph, chan, plane):
    n_img, C = x.shape[0], x.shape[1]
    for t in prange(n_img * C):
        _pad_one(x, buf, t // C, t % C, ph, pw, sv, sh, wph, chan, plane)


@numba.njit(**JIT)
def _pad_serial(x, buf, ph, pw, sv, sh, wph, chan, plane):
    n_img, C = x.shape[0], x.shape[1]
    for n in range(n_img):
        for c in range(C):
            _pad_one(x, buf, n, c, ph, pw, sv, sh, wph, chan, plane)


def pad_polyphase(x: np.ndarray, layer: ConvLayer, geo: Geometry, buf=None) -> np.ndarray:
    """The zero-padded polyphase buffer ``(N, geo.image)`` of a float32 input ``(N, C, H, W)``.

    ``buf``: a buffer of that shape from an earlier call of the same layer to reuse: only
    the input's own positions are written, so its zero halo stays zero."""
    if buf is None:
        buf = np.zeros((x.shape[0], geo.image), dtype=np.float32)
    fill_padded(x, buf, layer.pad[0], layer.pad[1], geo.sv, geo.sh, geo.Wph, geo.chan, geo.plane)
    return buf


def fill_padded(x, buf, ph, pw, sv, sh, wph, chan, plane) -> None:
    """Write ``x`` (N, C, H, W) into the polyphase buffer ``buf`` (N, C * chan): channel c
    at ``c * chan``, ``sv * sh`` planes of ``plane`` elements and rows of ``wph``, input
    (h, w) at padded position (h + ph, w + pw).  Small inputs are copied on one thread."""
    pad = _pad_serial if x.size < SERIAL_PAD_ELEMENTS else _pad_parallel
    pad(x, buf, ph, pw, sv, sh, wph, chan, plane)


def pad_phase(layer: ConvLayer, batch: int) -> Phase:
    """Work of filling the polyphase buffer: every input element read once and written
    once.  (The buffer's zero halo is written once, when a plan first runs a batch
    size: the plan keeps the buffer, and the model predicts repeated calls.)"""
    geo = Geometry.of(layer)
    n_in = batch * layer.C * layer.H * layer.W
    buf = batch * geo.image
    return Phase("pad_input", flops=0, bytes=FLOAT_BYTES * 2 * n_in,
                 working_set_bytes=FLOAT_BYTES * (buf + n_in), compute="stream", shared=True)


def row_segments(layer: ConvLayer, block: int) -> int:
    """Row copies of :func:`_store_cropped` per image and output channel: every output
    row once per pixel block of ``block`` outputs it reaches into.

    Row ``p`` covers ``[p*Wph, p*Wph + Q)`` and so reaches blocks ``floor(p*Wph/block)``
    to ``floor((p*Wph + Q - 1)/block)``; the sums over rows are taken in closed form
    (:func:`floor_sum`), so a layer of millions of rows costs no more than a small one."""
    geo = Geometry.of(layer)
    P, wph = layer.P, geo.Wph
    return P + floor_sum(P, block, wph, layer.Q - 1) - floor_sum(P, block, wph, 0)


def floor_sum(n: int, m: int, a: int, b: int) -> int:
    """``sum(floor((a*i + b) / m) for i in range(n))`` for ints ``n, m >= 1``, ``a, b >= 0``,
    in O(log) steps (the classic Euclid-like reduction)."""
    total = 0
    while True:
        if a >= m:
            total += (n - 1) * n // 2 * (a // m)
            a %= m
        if b >= m:
            total += n * (b // m)
            b %= m
        y_max = a * n + b
        if y_max < m:
            return total
        n, b, m, a = y_max // m, y_max % m, a, m


def pad_rows_phase(layer: ConvLayer, batch: int, runs_per_row: int = 1) -> Phase:
    """Per-row work of the padding copy (:func:`fill_padded`, both kernel families): one
    short copy per input row and polyphase plane it lands in (``runs_per_row``), counted
    like the crop's rows as 128 B in L1: a 13-float row costs its loop, not its bytes.
    With it the full calibration's fits went from 16.9 / 16.2 % median error to 11.4 /
    12.0 % (dense / sparse Winograd) and 10.3 / 9.2 % to 8.7 / 6.8 % (direct), refitted
    on the same runs; its factor settles near 40 (~8 ns per row)."""
    return Phase("pad_rows", flops=0.0, bytes=128.0 * batch * layer.C * layer.H * runs_per_row,
                 working_set_bytes=FLOAT_BYTES * 2 * layer.W, compute="stream")


def crop_phases(layer: ConvLayer, batch: int, block: int, items: int = 0):
    """Work of storing the finished pixel blocks (of ``block`` outputs), cropped, into the
    output (both kernels).

    ``crop``: every output written once (4 B, plus the 4 B its line is fetched with
    before the write); a write-only stream over the whole output.  ``rows``: the store
    is one short copy per output row and pixel block it reaches into
    (:func:`row_segments`), each touching a cache line of the accumulators and one of
    the output (counted as 128 B in L1): what makes many short rows cost more than
    their data.  Both run inside the products' parallel loop, dealt out as its ``items``.
    """
    geo = Geometry.of(layer)
    out = FLOAT_BYTES * batch * layer.K * layer.P * layer.Q
    crop = Phase("crop", flops=0.0, bytes=2.0 * out, working_set_bytes=out, compute="stream",
                 shared=True, items=items)
    rows = Phase("rows", flops=0.0, bytes=128.0 * batch * layer.K * row_segments(layer, block),
                 working_set_bytes=FLOAT_BYTES * 2 * geo.Wph, compute="stream", items=items)
    return crop, rows


def workspace_bytes(layer: ConvLayer) -> float:
    """The polyphase input buffer (a plan keeps it between calls; the per-task
    accumulator runs are a few KiB)."""
    geo = Geometry.of(layer)
    return float(FLOAT_BYTES * layer.N * geo.image)


# ---- the products engine (both kernels) ----------------------------------------
def busiest_share(sizes, threads: int) -> float:
    """The busiest thread's work over an even share when a ``prange`` over items of
    ``sizes`` runs on ``threads``: Numba's static schedule gives each thread one
    contiguous run of ``ceil(n / threads)`` items (measured: 3 items on 2 threads run
    as [0, 0, 1])."""
    sizes = [float(v) for v in sizes]
    total = sum(sizes)
    if total <= 0 or threads <= 1:
        return 1.0
    per = -(-len(sizes) // threads)
    return max(sum(sizes[i:i + per]) for i in range(0, len(sizes), per)) * threads / total


def even_split(n: int, parts: int) -> list:
    """``parts + 1`` boundaries cutting ``range(n)`` into runs whose lengths differ by at most one."""
    return [i * n // parts for i in range(parts + 1)]


def balanced_parts(n: int, least: int, batch: int, threads: int, most: int) -> int:
    """How many near-equal runs to cut ``n`` things into (per image, ``batch`` images):
    at least ``least``, at most ``min(n, most)``, the fewest that give the ``threads``
    the most even shares of the ``batch * parts`` work items.

    Without it a layer's last thread-round could run one thread alone: K = 80 in blocks
    of 32 made 3 sparse tasks of 32, 32 and 16 channels, and one thread ran 64 of the 80
    (1.6x the even share; balanced into 4 blocks of 20: 90 -> 60 us at density 0.3,
    C = 48 on 20 x 20)."""
    least = max(1, min(least, n))
    best, best_share = least, None
    for parts in range(least, max(least, min(n, most)) + 1):
        bounds = even_split(n, parts)
        sizes = [b - a for a, b in zip(bounds, bounds[1:])] * batch
        share = busiest_share(sizes, threads)
        if best_share is None or share < best_share - 1e-9:
            best, best_share = parts, share
    return best


@functools.lru_cache(maxsize=1024)  # every call needs it: ~3 us of Python
def _channel_blocks(layer: ConvLayer, k_block: int, threads: int) -> np.ndarray:
    kg = layer.K_per_group
    least = -(-kg // k_block)
    # up to about twice the blocks (at least 4 channels each): smaller blocks re-read
    # their input window from L1 more often, far cheaper than a thread left idle
    parts = balanced_parts(kg, least, layer.N * layer.groups, threads,
                           most=max(least, min(2 * least + threads, kg // 4)))
    bounds = even_split(kg, parts)
    rows = [(g * kg + a, g * kg + b) for g in range(layer.groups) for a, b in zip(bounds, bounds[1:])]
    table = np.asarray(rows, dtype=np.int64)
    table.flags.writeable = False
    return table


def channel_blocks(layer: ConvLayer, k_block: int = CHANNEL_BLOCK, threads: Optional[int] = None) -> np.ndarray:
    """``(n_blocks, 2)`` int64 table of ``[k0, k1)`` output-channel blocks of at most
    ``k_block`` channels, never crossing a group, near-equal in size and as many as
    split the (image, block) tasks most evenly over ``threads`` (default: Numba's
    current thread count) -- see :func:`balanced_parts`.  Read-only: the array is
    shared between calls."""
    return _channel_blocks(layer, int(k_block), int(threads or numba.get_num_threads()))


def pixel_runs(geo: Geometry, block: int) -> list:
    """Widths of the successive pixel blocks covering the ``Lpad`` run (all multiples of
    PIXEL_BLOCK)."""
    return [min(block, geo.Lpad - j0) for j0 in range(0, geo.Lpad, block)]


def pixel_run_totals(layer: ConvLayer, geo: Geometry, block: int):
    """``(len(runs), sum of run_window over runs)`` of :func:`pixel_runs`, in O(1): the
    list has one entry per pixel block, which a huge layer would make minutes long."""
    full, rest = divmod(geo.Lpad, block)
    windows = full * run_window(layer, geo, block) + (run_window(layer, geo, rest) if rest else 0)
    return full + (1 if rest else 0), windows


def halo(layer: ConvLayer, geo: Geometry) -> int:
    """Extra input floats per polyphase plane a run of outputs reads past its own length."""
    return ((layer.R - 1) // geo.sv) * geo.Wph + (layer.S - 1) // geo.sh


def run_window(layer: ConvLayer, geo: Geometry, width: int) -> int:
    """Input floats of one channel that a pixel block of ``width`` outputs reads."""
    return geo.sv * geo.sh * min(geo.plane, width + halo(layer, geo))


def chunk_channels(layer: ConvLayer) -> int:
    """Input channels per CSR chunk: the chunk's window of one sparse pixel block fits in
    WINDOW_BYTES, which every output channel of a block re-reads (from L1 or L2)."""
    geo = Geometry.of(layer)
    per_channel = FLOAT_BYTES * run_window(layer, geo, SPARSE_BLOCK)
    return int(max(1, min(layer.C_per_group, WINDOW_BYTES // per_channel)))


@numba.njit(**JIT)
def _block_rows(j0, width, Wph, P, Q):
    """Where the pixel block ``j0 .. j0 + width`` of the uncropped ``P x Wph`` run goes in
    a channel's flat ``P x Q`` output plane, as three parts (source offset in the block,
    destination offset, size): ``head`` (the end of a row the block starts inside; it
    starts at the block's first float), ``body`` (whole rows: ``n_body`` rows of Q, Wph
    apart in the block) and ``tail`` (the start of a row the block ends inside).
    Computed once per block for all its channels (:func:`_store_cropped`)."""
    end = j0 + width
    p = j0 // Wph
    row0 = p * Wph
    head_dst = head_len = 0
    if j0 > row0 and p < P:
        if row0 + Q > j0:
            head_dst, head_len = p * Q + (j0 - row0), min(row0 + Q, end) - j0
        p += 1
        row0 += Wph
    body_src, body_dst, n_body = row0 - j0, p * Q, 0
    while p < P and row0 + Q <= end:
        n_body += 1
        p += 1
        row0 += Wph
    tail_src = tail_dst = tail_len = 0
    if p < P and row0 < end:
        tail_src, tail_dst, tail_len = row0 - j0, p * Q, end - row0
    return head_dst, head_len, body_src, body_dst, n_body, tail_src, tail_dst, tail_len


@numba.njit(inline="always", **JIT)
def _store_cropped(src, dst, Wph, Q, rows):
    """Store one channel's finished pixel block ``src`` into its flat output plane
    ``dst``, dropping the wasted columns; ``rows`` = :func:`_block_rows` of the block.

    Fused into the products loops: a separate pass over an uncropped ``(N, K, Lpad)``
    array wrote and re-read that array (2 x 26 MB at batch 8 on VGG-16 conv3_2).  The
    row walk is computed once per block (a walk per channel measured 2x the separate
    pass; with the copies' bounds clamped per row, 10x); offsets are unsigned so the
    copies carry no negative-index fix-ups."""
    head_dst, head_len, body_src, body_dst, n_body, tail_src, tail_dst, tail_len = rows
    for i in range(head_len):
        dst[np.uint64(head_dst + i)] = src[np.uint64(i)]
    for r in range(n_body):
        d = np.uint64(body_dst + r * Q)
        s = np.uint64(body_src + r * Wph)
        for i in range(np.uint64(Q)):
            dst[d + i] = src[s + i]
    for i in range(tail_len):
        dst[np.uint64(tail_dst + i)] = src[np.uint64(tail_src + i)]


@numba.njit(**PARALLEL_JIT)
def csr_products(xbuf, chunk_ptr, offsets, values, blocks, Wph, Lpad, out):
    """The output ``out`` (N, K, P, Q) of chunked CSR weights over the polyphase buffer.

    ``prange`` runs over (image, output-channel block).  Per block of SPARSE_BLOCK
    pixels of the uncropped ``Lpad`` run, the block's channels' accumulator rows are
    zeroed, then for each input-channel chunk (its input window stays in L1) every
    channel's stored weights of that chunk, ``chunk_ptr[k, i] .. chunk_ptr[k, i+1]``,
    are applied by a register-blocked micro-kernel (the pixel run in zmm registers, one
    broadcast FMA per weight and vector); finished blocks are stored cropped into ``out``.
    """
    n_img, K, P, Q = out.shape
    n_blocks = blocks.shape[0]
    n_chunks = chunk_ptr.shape[1] - 1
    for t in prange(n_img * n_blocks):
        n = t // n_blocks
        b = t % n_blocks
        x = xbuf[n]
        planes = out[n].reshape(K, P * Q)
        k0 = blocks[b, 0]
        k1 = blocks[b, 1]
        acc = aligned_rows(k1 - k0, SPARSE_BLOCK)
        for j0 in range(0, Lpad, SPARSE_BLOCK):
            width = min(SPARSE_BLOCK, Lpad - j0)
            acc[:, :width] = 0.0
            for ch in range(n_chunks):
                sparse_rows(width, x, offsets, values, chunk_ptr, ch, k0, k1, j0, acc)
            rows = _block_rows(j0, width, Wph, P, Q)
            for k in range(k0, k1):
                _store_cropped(acc[k - k0], planes[k], Wph, Q, rows)


def csr_from_weights(w: np.ndarray, layer: ConvLayer):
    """Chunked CSR of ``w`` (K, C/g, R, S) per output channel with flat offsets into the buffer.

    Entries of a row are ordered by (c, r, s), so consecutive weights read nearby
    input and each input-channel chunk of :func:`chunk_channels` channels is one
    contiguous range.  Zeros are skipped.  Returns ``chunk_ptr`` (K, n_chunks + 1)
    int64 (row ``k``'s weights of chunk ``i`` are ``chunk_ptr[k, i] .. chunk_ptr[k, i+1]``;
    ``chunk_ptr[k, -1] == chunk_ptr[k + 1, 0]``), ``offsets`` (nnz,) int64 and
    ``values`` (nnz,) float32.
    """
    geo = Geometry.of(layer)
    offs = tap_offsets(layer, geo)
    K, cg, kg = layer.K, layer.C_per_group, layer.K_per_group
    group_offs = np.stack([offs[(k // kg) * cg:(k // kg + 1) * cg] for k in range(K)])
    mask = w.reshape(K, cg, -1) != 0
    cc = chunk_channels(layer)
    n_chunks = -(-cg // cc)
    per_channel = np.zeros((K, n_chunks * cc), dtype=np.int64)
    per_channel[:, :cg] = mask.sum(axis=2)
    per_chunk = per_channel.reshape(K, n_chunks, cc).sum(axis=2).ravel()
    starts = np.zeros(K * n_chunks + 1, dtype=np.int64)
    np.cumsum(per_chunk, out=starts[1:])
    # row k's table is starts[k*n_chunks .. (k+1)*n_chunks], the last entry shared with row k+1
    chunk_ptr = starts[np.arange(K)[:, None] * n_chunks + np.arange(n_chunks + 1)[None, :]]
    flat_mask = mask.reshape(K, -1)
    return (np.ascontiguousarray(chunk_ptr),
            np.ascontiguousarray(group_offs.reshape(K, -1)[flat_mask], dtype=np.int64),
            np.ascontiguousarray(w.reshape(K, -1)[flat_mask], dtype=np.float32))


def _padded_input(get, x: np.ndarray, layer: ConvLayer, geo: Geometry):
    """The polyphase buffer of one call, filled from ``x``, from a plan's
    :class:`~winomodel.kernels.scratch.Scratch` session ``get``."""
    n = x.shape[0]
    buf = get("polyphase_input", n, lambda: np.zeros((n, geo.image), dtype=np.float32))
    return pad_polyphase(x, layer, geo, buf)


def run_csr(x: np.ndarray, layer: ConvLayer, chunk_ptr, offsets, values, scratch: Scratch) -> np.ndarray:
    """Pad, then multiply into the cropped output: the whole execution of sparse_direct."""
    geo = Geometry.of(layer)
    out = np.empty((x.shape[0], layer.K, layer.P, layer.Q), dtype=np.float32)
    with scratch.session() as get:
        buf = _padded_input(get, x, layer, geo)
        csr_products(buf, chunk_ptr, offsets, values, channel_blocks(layer), geo.Wph, geo.Lpad, out)
    return out


def expected_nonempty_chunks(layer: ConvLayer, density: float) -> float:
    """Expected (output channel, CSR chunk) pairs holding at least one weight when a
    fraction ``density`` of the weights, spread at random, is kept."""
    cc = chunk_channels(layer)
    cg = layer.C_per_group
    taps = layer.R * layer.S
    sizes = [min(cc, cg - c0) * taps for c0 in range(0, cg, cc)]
    return layer.K * sum(1.0 - (1.0 - density) ** n for n in sizes)


def csr_work(kernel: str, layer: ConvLayer, nnz: int, density: float, compute: str,
             nonempty_chunks: Optional[float] = None) -> WorkEstimate:
    """WorkEstimate of :func:`run_csr` with ``nnz`` stored weights (layer.N images).

    ``nonempty_chunks``: (output channel, CSR chunk) pairs with at least one weight
    (a plan knows it; the default is :func:`expected_nonempty_chunks` at ``density``).

    Byte counting of the ``products`` phase (what the loop nest moves into L1):

    * input: each (image, output-channel block) task reads, per pixel block, the
      window of that block in every channel of its group (the block plus the taps'
      halo, in every polyphase plane): ``N * n_blocks * (C/g) * sum(run_window)``
      floats; the window is then re-read from L1 by each channel of the block;
    * weights: each stored weight's value (4 B) and offset (8 B) are read once per
      (image, pixel block): ``N * n_runs * nnz * 12`` bytes;
    * output: counted in the ``crop`` phase (accumulators stay in L1 until a block is stored).

    ``flops`` is ``2 * nnz * N * Lpad``: the loop runs over the whole uncropped,
    rounded-up output run (useful outputs are ``P * Q`` of the ``Lpad``).
    ``working_set_bytes`` is what a block re-reads for each of its channels: one
    chunk's input window and the block's accumulator rows (the weights stream
    through once per pixel block, in order, and are not re-read).

    Density-independent phases follow (:func:`pad_phase`, :func:`pad_rows_phase`,
    :func:`crop_phases`, and ``calls``): the
    micro-kernel loads and stores the accumulator run of every non-empty (output
    channel, chunk) pair per pixel block (one call runs a block's channels over one
    chunk), ``8 * Lpad`` bytes per pair and image, in L1.
    """
    geo = Geometry.of(layer)
    n = layer.N
    n_blocks = len(channel_blocks(layer))
    items = n * n_blocks  # the (image, channel block) tasks of the parallel loop
    n_runs, windows = pixel_run_totals(layer, geo, SPARSE_BLOCK)
    cg = layer.C_per_group
    cc = chunk_channels(layer)
    products = Phase(
        "products",
        flops=2.0 * nnz * n * geo.Lpad,
        bytes=FLOAT_BYTES * n * n_blocks * cg * windows + 12.0 * n * n_runs * nnz,
        working_set_bytes=FLOAT_BYTES * cc * run_window(layer, geo, SPARSE_BLOCK)
        + FLOAT_BYTES * CHANNEL_BLOCK * SPARSE_BLOCK,
        compute=compute, items=items,
    )
    if nonempty_chunks is None:
        nonempty_chunks = expected_nonempty_chunks(layer, density)
    calls = Phase("calls", flops=0.0, bytes=2.0 * FLOAT_BYTES * n * geo.Lpad * nonempty_chunks,
                  working_set_bytes=FLOAT_BYTES * CHANNEL_BLOCK * SPARSE_BLOCK, compute="stream",
                  items=items)
    return WorkEstimate(kernel=kernel, layer=layer, density=density,
                        phases=(pad_phase(layer, n), pad_rows_phase(layer, n, geo.sh), products,
                                *crop_phases(layer, n, SPARSE_BLOCK, items=items), calls))


# ---- dense products: DENSE_ROWS output channels share every input load ---------------
def dense_pack(w: np.ndarray, layer: ConvLayer):
    """Dense weights packed for :func:`dense_products`.

    Each group's K/g output channels are padded with zero rows to a multiple of
    DENSE_ROWS.  Returns ``taps`` (groups, C/g*R*S) int64 flat offsets, ``wpk``
    (n_kb, C/g*R*S, DENSE_ROWS) float32, ``kb_group`` (n_kb,) int64 and ``row_channel``
    (n_kb * DENSE_ROWS,) int64: the real output channel of each packed row, -1 for padding.
    """
    geo = Geometry.of(layer)
    g, kg, cg = layer.groups, layer.K_per_group, layer.C_per_group
    offs = tap_offsets(layer, geo)
    taps = np.stack([offs[i * cg:(i + 1) * cg].ravel() for i in range(g)])
    kg_pad = -(-kg // DENSE_ROWS) * DENSE_ROWS
    wg = np.zeros((g, kg_pad, cg * layer.R * layer.S), dtype=np.float32)
    wg[:, :kg] = w.reshape(g, kg, -1)
    n_kb = g * kg_pad // DENSE_ROWS
    wpk = np.ascontiguousarray(wg.reshape(n_kb, DENSE_ROWS, -1).transpose(0, 2, 1))
    kb_group = np.repeat(np.arange(g, dtype=np.int64), kg_pad // DENSE_ROWS)
    rows = np.arange(g * kg_pad)
    row_channel = np.where(rows % kg_pad < kg, (rows // kg_pad) * kg + rows % kg_pad, -1).astype(np.int64)
    return taps, wpk, kb_group, row_channel


@numba.njit(**PARALLEL_JIT)
def dense_products(xbuf, taps, wpk, kb_group, row_channel, Wph, Lpad, out, n_runs):
    """The output ``out`` (N, K, P, Q), DENSE_ROWS output channels at a time.

    ``prange`` over (image, run of channel blocks): ``n_runs`` near-equal runs per image
    (:func:`dense_task_runs`); per block of
    DENSE_BLOCK output pixels, each channel block's register-blocked micro-kernel
    keeps DENSE_ROWS x DENSE_BLOCK accumulators in vector registers over every tap: per
    tap, DENSE_BLOCK/lanes input vectors and DENSE_ROWS broadcast weights feed
    DENSE_ROWS * DENSE_BLOCK/lanes FMAs.  The channel blocks of a task take turns on
    the same pixel block, so its input window is fetched from L3/DRAM once per task
    rather than once per channel block.  Block row ``r`` is real output channel
    ``row_channel[r]`` (-1 for the zero rows padding a group).  Finished pixel blocks
    of the uncropped ``Lpad`` run are stored cropped into ``out``.
    """
    n_img, K, P, Q = out.shape
    n_kb = wpk.shape[0]
    for t in prange(n_img * n_runs):
        n = t // n_runs
        r = t % n_runs
        b0 = r * n_kb // n_runs
        b1 = (r + 1) * n_kb // n_runs
        x = xbuf[n]
        planes = out[n].reshape(K, P * Q)
        acc = aligned_rows(DENSE_ROWS, DENSE_BLOCK)
        for j0 in range(0, Lpad, DENSE_BLOCK):
            width = min(DENSE_BLOCK, Lpad - j0)
            rows = _block_rows(j0, width, Wph, P, Q)
            for b in range(b0, b1):
                dense_micro(width, x, taps[kb_group[b]], wpk[b], j0, acc)
                for r in range(DENSE_ROWS):
                    k = row_channel[b * DENSE_ROWS + r]
                    if k >= 0:
                        _store_cropped(acc[r], planes[k], Wph, Q, rows)


def dense_task_runs(n_kb: int, batch: int, threads: Optional[int] = None) -> int:
    """Runs of channel blocks per image, the parallel tasks of :func:`dense_products`:
    runs of up to DENSE_TASK_BLOCKS blocks share a pixel block's input window, at least
    4 tasks per thread where there are blocks enough, and as many more (up to one per
    thread) as split the tasks most evenly (:func:`balanced_parts`; 86 blocks in runs of
    8 made 11 tasks, one thread running 48 of the 86)."""
    threads = int(threads or numba.get_num_threads())
    per_image = max(1, -(-4 * threads // max(1, batch)))
    per_task = max(1, min(DENSE_TASK_BLOCKS, n_kb // per_image))
    least = -(-n_kb // per_task)
    return balanced_parts(n_kb, least, batch, threads, most=least + threads)


def run_dense(x: np.ndarray, layer: ConvLayer, taps, wpk, kb_group, row_channel,
              scratch: Scratch) -> np.ndarray:
    """Pad, then multiply (dense, DENSE_ROWS channels at a time) into the cropped output."""
    geo = Geometry.of(layer)
    out = np.empty((x.shape[0], layer.K, layer.P, layer.Q), dtype=np.float32)
    with scratch.session() as get:
        buf = _padded_input(get, x, layer, geo)
        dense_products(buf, taps, wpk, kb_group, row_channel, geo.Wph, geo.Lpad, out,
                       dense_task_runs(wpk.shape[0], x.shape[0]))
    return out


def dense_work(kernel: str, layer: ConvLayer):
    """WorkEstimate of :func:`run_dense` (layer.N images).

    ``products``: ``flops = 2 * Kpad * (C/g*R*S) * N * Lpad`` where ``Kpad`` pads each
    group's channels to a multiple of DENSE_ROWS (the zero rows are multiplied too).
    Bytes: each (image, run of channel blocks) task reads, per pixel block, that
    block's input window in every channel of its group once (``(C/g) *
    sum(run_window)`` floats; see :func:`dense_task_runs`), and each channel
    block reads its packed weights (DENSE_ROWS floats per tap) and the tap offsets
    (8 B per tap); the output is counted in the ``crop`` phase.  The micro-kernel
    is a register-blocked outer-product update, hence ``compute="gemm"``.
    """
    geo = Geometry.of(layer)
    n = layer.N
    kpad = dense_padded_channels(layer)
    n_kb = kpad // DENSE_ROWS
    n_runs, windows = pixel_run_totals(layer, geo, DENSE_BLOCK)
    cg = layer.C_per_group
    taps = cg * layer.R * layer.S
    n_tasks = dense_task_runs(n_kb, n)  # per image
    most_blocks = -(-n_kb // n_tasks)
    per_tap = FLOAT_BYTES * DENSE_ROWS + 8.0
    products = Phase(
        "products",
        flops=2.0 * kpad * taps * n * geo.Lpad,
        bytes=FLOAT_BYTES * n * n_tasks * cg * windows + per_tap * n * n_kb * n_runs * taps,
        working_set_bytes=FLOAT_BYTES * cg * run_window(layer, geo, DENSE_BLOCK)
        + per_tap * taps * most_blocks,
        compute="gemm", items=n * n_tasks,
    )
    return WorkEstimate(kernel=kernel, layer=layer, density=1.0,
                        phases=(pad_phase(layer, n), pad_rows_phase(layer, n, geo.sh), products,
                                *crop_phases(layer, n, DENSE_BLOCK, items=n * n_tasks)))


def dense_padded_channels(layer: ConvLayer) -> int:
    """Rows of the dense kernel's uncropped output (each group padded to DENSE_ROWS)."""
    return layer.groups * (-(-layer.K_per_group // DENSE_ROWS) * DENSE_ROWS)
