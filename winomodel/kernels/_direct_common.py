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

The run is computed RUN_BLOCK pixels at a time in L1-resident accumulators and each
finished run is cropped straight into the ``(N, K, P, Q)`` output.

For stride 1 there is one plane per channel and this is the classic SkimCaffe
layout.  The run is rounded up to ``Lpad``, a multiple of PIXEL_BLOCK, and
the buffer has ``Lpad`` zeros of slack at its end, so every block is whole and
stays inside the buffer (reads past a channel land in the next channel or the
slack; they only feed the cropped columns).
"""

from __future__ import annotations

import dataclasses

import numba
import numpy as np
from numba import prange

from .._config import JIT, PARALLEL_JIT
from ..layer import FLOAT_BYTES, ConvLayer
from ..work import Phase, WorkEstimate

#: the uncropped output run is rounded up to a multiple of this (one zmm of 16 fp32
#: lanes): the vector loops then need no scalar remainder, and the rounding wastes
#: at most 15 pixels (64 wasted 30 % of a 13 x 13 layer's work)
PIXEL_BLOCK = 16
#: output pixels accumulated per block: 2 KiB of accumulators stay in L1, and the
#: 32 independent zmm chains hide the FMA and store-to-load latency of each one
RUN_BLOCK = 512
#: output channels per parallel task; the task's input run is re-read from L1/L2 by each
CHANNEL_BLOCK = 32


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
    def of(cls, layer: ConvLayer) -> "Geometry":
        sv, sh = layer.stride
        hp = layer.H + 2 * layer.pad[0]
        wp = layer.W + 2 * layer.pad[1]
        hph = -(-hp // sv)
        wph = -(-wp // sh)
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
#: costs more than copying them (and much more when other processes share the cores)
SERIAL_PAD_ELEMENTS = 1 << 18


@numba.njit(**JIT)
def _pad_channel(xc, dst, ph, pw, sv, sh, wph, plane):
    """Scatter one channel ``xc`` (H, W) into its polyphase planes ``dst`` (flat)."""
    H, W = xc.shape
    for h in range(H):
        hp = h + ph
        row = ((hp % sv) * sh) * plane + (hp // sv) * wph
        xr = xc[h]
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


@numba.njit(**PARALLEL_JIT)
def _pad_parallel(x, buf, ph, pw, sv, sh, wph, chan, plane):
    n_img, C = x.shape[0], x.shape[1]
    for t in prange(n_img * C):
        n = t // C
        c = t % C
        _pad_channel(x[n, c], buf[n, c * chan:(c + 1) * chan], ph, pw, sv, sh, wph, plane)


@numba.njit(**JIT)
def _pad_serial(x, buf, ph, pw, sv, sh, wph, chan, plane):
    n_img, C = x.shape[0], x.shape[1]
    for n in range(n_img):
        for c in range(C):
            _pad_channel(x[n, c], buf[n, c * chan:(c + 1) * chan], ph, pw, sv, sh, wph, plane)


def pad_polyphase(x: np.ndarray, layer: ConvLayer, geo: Geometry) -> np.ndarray:
    """The zero-padded polyphase buffer ``(N, geo.image)`` of a float32 input ``(N, C, H, W)``."""
    buf = np.zeros((x.shape[0], geo.image), dtype=np.float32)
    pad = _pad_serial if x.size < SERIAL_PAD_ELEMENTS else _pad_parallel
    pad(x, buf, layer.pad[0], layer.pad[1], geo.sv, geo.sh, geo.Wph, geo.chan, geo.plane)
    return buf


def pad_phase(layer: ConvLayer, batch: int) -> Phase:
    """Work of building the polyphase buffer: zero-filled (``N * image`` floats written),
    then every input element read once and written once."""
    geo = Geometry.of(layer)
    n_in = batch * layer.C * layer.H * layer.W
    buf = batch * geo.image
    return Phase("pad_input", flops=0, bytes=FLOAT_BYTES * (buf + 2 * n_in),
                 working_set_bytes=FLOAT_BYTES * (buf + n_in), compute="stream")


def workspace_bytes(layer: ConvLayer) -> float:
    """The polyphase input buffer (the per-task accumulator runs are a few KiB)."""
    return float(FLOAT_BYTES * layer.N * Geometry.of(layer).image)


# ---- the products engine (both kernels) ----------------------------------------
def channel_blocks(layer: ConvLayer, k_block: int = CHANNEL_BLOCK) -> np.ndarray:
    """``(n_blocks, 2)`` int64 table of ``[k0, k1)`` output-channel blocks, never crossing a group."""
    kg = layer.K_per_group
    rows = [(g * kg + k0, g * kg + min(kg, k0 + k_block))
            for g in range(layer.groups) for k0 in range(0, kg, k_block)]
    return np.asarray(rows, dtype=np.int64)


@numba.njit(**JIT)
def _store_run(acc, j0, L, Wph, dst):
    """Copy the uncropped run ``acc[:L]`` (flat pixels ``j0 .. j0+L`` of a ``P x Wph``
    grid) into ``dst`` (P, Q), dropping the columns ``q >= Q`` and rows ``p >= P``."""
    P, Q = dst.shape
    j = j0
    end = j0 + L
    while j < end:
        p = j // Wph
        if p >= P:
            break
        q = j - p * Wph
        seg = min(Wph - q, end - j)
        if q < Q:
            m = min(Q - q, seg)
            d = dst[p, q:q + m]
            a = acc[j - j0:j - j0 + m]
            for i in range(m):
                d[i] = a[i]
        j += seg


@numba.njit(**PARALLEL_JIT)
def csr_products(xbuf, indptr, offsets, values, blocks, Lpad, Wph, out):
    """Output ``out[n, k]`` (P, Q) of CSR weights over the polyphase buffer.

    ``prange`` runs over (image, output-channel block).  For each run of RUN_BLOCK
    pixels of the uncropped ``P x Wph`` grid and each channel of the block, the run's
    accumulators (in L1) get ``value * xbuf[n, offset + j0 : offset + j0 + L]`` for
    every stored weight, four weights per pass so one accumulator load/store serves
    four FMAs; the run is then cropped into ``out``.
    """
    n_img = out.shape[0]
    n_blocks = blocks.shape[0]
    for t in prange(n_img * n_blocks):
        n = t // n_blocks
        b = t % n_blocks
        x = xbuf[n]
        scratch = np.empty(RUN_BLOCK, dtype=np.float32)
        for j0 in range(0, Lpad, RUN_BLOCK):
            L = min(RUN_BLOCK, Lpad - j0)
            acc = scratch[:L]
            for k in range(blocks[b, 0], blocks[b, 1]):
                acc[:] = 0.0
                e = indptr[k]
                e1 = indptr[k + 1]
                while e + 3 < e1:
                    v0 = values[e]
                    v1 = values[e + 1]
                    v2 = values[e + 2]
                    v3 = values[e + 3]
                    o0 = offsets[e] + j0
                    o1 = offsets[e + 1] + j0
                    o2 = offsets[e + 2] + j0
                    o3 = offsets[e + 3] + j0
                    x0 = x[o0:o0 + L]
                    x1 = x[o1:o1 + L]
                    x2 = x[o2:o2 + L]
                    x3 = x[o3:o3 + L]
                    for i in range(L):
                        acc[i] += (v0 * x0[i] + v1 * x1[i]) + (v2 * x2[i] + v3 * x3[i])
                    e += 4
                while e < e1:
                    v0 = values[e]
                    o0 = offsets[e] + j0
                    x0 = x[o0:o0 + L]
                    for i in range(L):
                        acc[i] += v0 * x0[i]
                    e += 1
                _store_run(acc, j0, L, Wph, out[n, k])


def csr_from_weights(w: np.ndarray, layer: ConvLayer, keep_zeros: bool):
    """CSR of ``w`` (K, C/g, R, S) per output channel with flat offsets into the buffer.

    Entries of a row are ordered by (c, r, s), so consecutive weights read nearby
    input.  ``keep_zeros`` stores every weight (the dense kernel); otherwise zeros are
    skipped.  Returns ``indptr`` (K+1,), ``offsets`` (nnz,) int64, ``values`` (nnz,) float32.
    """
    geo = Geometry.of(layer)
    offs = tap_offsets(layer, geo)
    K, cg = layer.K, layer.C_per_group
    kg = layer.K_per_group
    group_offs = np.stack([offs[(k // kg) * cg:(k // kg + 1) * cg] for k in range(K)])
    flat_w = w.reshape(K, -1)
    flat_o = group_offs.reshape(K, -1)
    mask = np.ones_like(flat_w, dtype=bool) if keep_zeros else flat_w != 0
    counts = mask.sum(axis=1)
    indptr = np.zeros(K + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    return (indptr, np.ascontiguousarray(flat_o[mask], dtype=np.int64),
            np.ascontiguousarray(flat_w[mask], dtype=np.float32))


def run_csr(x: np.ndarray, layer: ConvLayer, indptr, offsets, values) -> np.ndarray:
    """Pad, then multiply and crop: the whole execution of sparse_direct."""
    geo = Geometry.of(layer)
    buf = pad_polyphase(x, layer, geo)
    out = np.empty((x.shape[0], layer.K, layer.P, layer.Q), dtype=np.float32)
    csr_products(buf, indptr, offsets, values, channel_blocks(layer), geo.Lpad, geo.Wph, out)
    return out


def csr_work(kernel: str, layer: ConvLayer, nnz: int, density: float, compute: str) -> WorkEstimate:
    """WorkEstimate of :func:`run_csr` with ``nnz`` stored weights (layer.N images).

    Byte counting of the ``products`` phase (what the loop nest streams):

    * input: each (image, output-channel block) task walks its group's part of the
      polyphase buffer once, ``N * n_blocks * (C/g) * chan`` floats (the halo rows a
      run shares with the next are re-read from cache and not counted);
    * weights: each stored weight's value (4 B) and offset (8 B) are read once per
      (image, run of RUN_BLOCK pixels): ``N * n_runs * nnz * 12`` bytes;
    * output: ``N * K * P * Q`` floats written once (accumulators live in L1 for a
      whole run and are cropped into the output).

    ``flops`` is ``2 * nnz * N * Lpad``: the loop runs over the whole uncropped,
    rounded-up output run (useful outputs are ``P * Q`` of the ``Lpad``).
    ``working_set_bytes`` is what one run re-reads for each channel of its block: the
    group's input window of the run (RUN_BLOCK plus the halo of the kernel taps, in
    every polyphase plane), the block's weights, and the accumulators.
    """
    geo = Geometry.of(layer)
    n = layer.N
    n_blocks = len(channel_blocks(layer))
    n_runs = -(-geo.Lpad // RUN_BLOCK)
    cg = layer.C_per_group
    halo = ((layer.R - 1) // geo.sv) * geo.Wph + (layer.S - 1) // geo.sh
    window = geo.sv * geo.sh * min(geo.plane, RUN_BLOCK + halo)
    nnz_per_k = nnz / layer.K
    products = Phase(
        "products",
        flops=2.0 * nnz * n * geo.Lpad,
        bytes=FLOAT_BYTES * n * n_blocks * cg * geo.chan + 12.0 * n * n_runs * nnz
        + FLOAT_BYTES * n * layer.K * layer.P * layer.Q,
        working_set_bytes=FLOAT_BYTES * cg * window + 12.0 * CHANNEL_BLOCK * nnz_per_k
        + FLOAT_BYTES * RUN_BLOCK,
        compute=compute,
    )
    return WorkEstimate(kernel=kernel, layer=layer, density=density,
                        phases=(pad_phase(layer, n), products))


# ---- dense products: 4 output channels share every input load ---------------------
#: output channels computed together by the dense kernel (the loop below is written for 4)
DENSE_K = 4


def dense_pack(w: np.ndarray, layer: ConvLayer):
    """Dense weights packed for :func:`dense_products`.

    Each group's K/g output channels are padded with zero rows to a multiple of
    DENSE_K.  Returns ``taps`` (groups, C/g*R*S) int64 flat offsets, ``wpk``
    (n_kb, C/g*R*S, DENSE_K) float32, ``kb_group`` (n_kb,) int64 and ``row_channel``
    (n_kb * DENSE_K,) int64: the real output channel of each packed row, -1 for padding.
    """
    geo = Geometry.of(layer)
    g, kg, cg = layer.groups, layer.K_per_group, layer.C_per_group
    offs = tap_offsets(layer, geo)
    taps = np.stack([offs[i * cg:(i + 1) * cg].ravel() for i in range(g)])
    kg4 = -(-kg // DENSE_K) * DENSE_K
    wg = np.zeros((g, kg4, cg * layer.R * layer.S), dtype=np.float32)
    wg[:, :kg] = w.reshape(g, kg, -1)
    n_kb = g * kg4 // DENSE_K
    wpk = np.ascontiguousarray(wg.reshape(n_kb, DENSE_K, -1).transpose(0, 2, 1))
    kb_group = np.repeat(np.arange(g, dtype=np.int64), kg4 // DENSE_K)
    rows = np.arange(g * kg4)
    row_channel = np.where(rows % kg4 < kg, (rows // kg4) * kg + rows % kg4, -1).astype(np.int64)
    return taps, wpk, kb_group, row_channel


@numba.njit(**PARALLEL_JIT)
def dense_products(xbuf, taps, wpk, kb_group, row_channel, Lpad, Wph, out):
    """Output ``out`` (N, K, P, Q), DENSE_K output channels at a time.

    ``prange`` over (image, 4-channel block); per run of RUN_BLOCK pixels the four
    channels' accumulators (in L1) take four taps per pass, so one pass does 16 FMAs
    per lane for 4 input loads and 4 accumulator loads and stores.  Block row ``r``
    is real output channel ``row_channel[r]`` (-1 for the zero rows padding a group).
    """
    n_img = xbuf.shape[0]
    n_kb = wpk.shape[0]
    n_taps = wpk.shape[1]
    for t in prange(n_img * n_kb):
        n = t // n_kb
        b = t % n_kb
        x = xbuf[n]
        tp = taps[kb_group[b]]
        wb = wpk[b]
        k0 = b * 4
        scratch = np.empty((DENSE_K, RUN_BLOCK), dtype=np.float32)
        for j0 in range(0, Lpad, RUN_BLOCK):
            L = min(RUN_BLOCK, Lpad - j0)
            a0 = scratch[0, :L]
            a1 = scratch[1, :L]
            a2 = scratch[2, :L]
            a3 = scratch[3, :L]
            a0[:] = 0.0
            a1[:] = 0.0
            a2[:] = 0.0
            a3[:] = 0.0
            e = 0
            while e + 3 < n_taps:
                o0 = tp[e] + j0
                o1 = tp[e + 1] + j0
                o2 = tp[e + 2] + j0
                o3 = tp[e + 3] + j0
                x0 = x[o0:o0 + L]
                x1 = x[o1:o1 + L]
                x2 = x[o2:o2 + L]
                x3 = x[o3:o3 + L]
                w0 = wb[e]
                w1 = wb[e + 1]
                w2 = wb[e + 2]
                w3 = wb[e + 3]
                for i in range(L):
                    y0 = x0[i]
                    y1 = x1[i]
                    y2 = x2[i]
                    y3 = x3[i]
                    a0[i] += (w0[0] * y0 + w1[0] * y1) + (w2[0] * y2 + w3[0] * y3)
                    a1[i] += (w0[1] * y0 + w1[1] * y1) + (w2[1] * y2 + w3[1] * y3)
                    a2[i] += (w0[2] * y0 + w1[2] * y1) + (w2[2] * y2 + w3[2] * y3)
                    a3[i] += (w0[3] * y0 + w1[3] * y1) + (w2[3] * y2 + w3[3] * y3)
                e += 4
            while e < n_taps:
                o0 = tp[e] + j0
                x0 = x[o0:o0 + L]
                w0 = wb[e]
                for i in range(L):
                    y0 = x0[i]
                    a0[i] += w0[0] * y0
                    a1[i] += w0[1] * y0
                    a2[i] += w0[2] * y0
                    a3[i] += w0[3] * y0
                e += 1
            for r in range(4):
                k = row_channel[k0 + r]
                if k >= 0:
                    _store_run(scratch[r], j0, L, Wph, out[n, k])


def run_dense(x: np.ndarray, layer: ConvLayer, taps, wpk, kb_group, row_channel) -> np.ndarray:
    """Pad, then multiply (dense, 4 channels at a time) and crop."""
    geo = Geometry.of(layer)
    buf = pad_polyphase(x, layer, geo)
    out = np.empty((x.shape[0], layer.K, layer.P, layer.Q), dtype=np.float32)
    dense_products(buf, taps, wpk, kb_group, row_channel, geo.Lpad, geo.Wph, out)
    return out


def dense_work(kernel: str, layer: ConvLayer):
    """WorkEstimate of :func:`run_dense` (layer.N images).

    ``products``: ``flops = 2 * Kpad * (C/g*R*S) * N * Lpad`` where ``Kpad`` pads each
    group's channels to a multiple of DENSE_K (the zero rows are multiplied too).
    Bytes: each (image, 4-channel block) task walks its group's input once
    (``(C/g) * chan`` floats); per run of RUN_BLOCK pixels it reads the block's
    packed weights (4 floats per tap) and the tap offsets (8 B per tap); the
    cropped output ``N * K * P * Q`` is written once.  The inner loop is a 4 x 4
    outer-product update (4 channels x 4 taps per pass, each input load used by 4
    channels): a small register-blocked matrix product, hence ``compute="gemm"``.
    """
    geo = Geometry.of(layer)
    n = layer.N
    kg4 = -(-layer.K_per_group // DENSE_K) * DENSE_K
    kpad = layer.groups * kg4
    n_kb = kpad // DENSE_K
    n_runs = -(-geo.Lpad // RUN_BLOCK)
    cg = layer.C_per_group
    taps = cg * layer.R * layer.S
    halo = ((layer.R - 1) // geo.sv) * geo.Wph + (layer.S - 1) // geo.sh
    window = geo.sv * geo.sh * min(geo.plane, RUN_BLOCK + halo)
    products = Phase(
        "products",
        flops=2.0 * kpad * taps * n * geo.Lpad,
        bytes=FLOAT_BYTES * n * n_kb * cg * geo.chan + (FLOAT_BYTES * DENSE_K + 8.0) * n * n_kb * n_runs * taps
        + FLOAT_BYTES * n * layer.K * layer.P * layer.Q,
        working_set_bytes=FLOAT_BYTES * cg * window + (FLOAT_BYTES * DENSE_K + 8.0) * taps
        + FLOAT_BYTES * DENSE_K * RUN_BLOCK,
        compute="gemm",
    )
    return WorkEstimate(kernel=kernel, layer=layer, density=1.0, phases=(pad_phase(layer, n), products))


def dense_padded_channels(layer: ConvLayer) -> int:
    """Rows of the dense kernel's uncropped output (each group padded to DENSE_K)."""
    return layer.groups * (-(-layer.K_per_group // DENSE_K) * DENSE_K)
