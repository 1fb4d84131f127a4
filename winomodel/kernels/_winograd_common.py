"""Shared machinery of the two Winograd kernels: options, weight preparation, the
jitted transforms and the fused execution loop.

Execution (both kernels)
------------------------
Every layer runs as a :class:`.winograd_decomposition.Decomposition`: P pieces of
F(m x m, r x r) over the zero-padded input's polyphase planes (one plane per channel at
stride 1; a 3x3 stride-1 layer is one piece, the classic F(m x m, 3 x 3)).  The planes
are cut into ``T = N * th * tw`` overlapping alpha x alpha tiles (``th = ceil(P/m)``,
``tw = ceil(Q/m)``; the planes are extended with zeros so partial border tiles are
whole); piece p reads them at its own origin.  The pieces are extra input channels of
the products (V holds P * C/g channels per position, U is K/g x P*C/g), so their sum
is taken inside the products and one output transform serves them all.  Tiles are processed in blocks of ``TB`` in
{16, 32, 64} lanes (see :func:`geometry`).  Fused path (enough blocks to keep the
threads busy, see :func:`use_split`): ``prange`` over (block, group) items; for one
block and one group the loop

1. gathers and transforms the block's tiles of every piece into ``V[p, c*TB + t]``
   (alpha^2 x P*C/g*TB), 16 tiles at a time in registers (the generated straight-line
   transforms of :mod:`._winograd_generated`; each tile row is one vector load, the 16
   tiles' rows transposed in registers by :mod:`._simd`);
2. in rounds of ``kc`` output channels (M stays in L2, see :data:`M_CHUNK_BYTES`),
   forms the alpha^2 products ``M[p] = U[p] V[p]`` ((kc x P*C/g)(P*C/g x TB)), dense
   register-blocked 8 or 4 rows x TB lanes or CSR x dense with TB lanes in registers,
3. and transforms that ``M`` back, storing the m x m outputs row by row with masked
   vector stores that crop border tiles (:mod:`._simd`).

Split path (few blocks, e.g. batch 1 on 13x13 or 14x14 layers): the input transform
of every block runs in parallel over (block, group, channel chunk), then products and
output transform run in parallel over (block, group, K slice).  Both paths do the
same arithmetic; only the parallel decomposition differs.

The generated transforms do fewer flops than :func:`.winograd_transforms.input_transform_flops`
and ``output_transform_flops`` count (they share the even/odd parts of the +-x
interpolation points); the work statements count what they run
(:func:`._winograd_codegen.transform_cost`).
"""

from __future__ import annotations

import functools
import math
from typing import List, Optional, Sequence, Tuple

import numba
import numpy as np

from .._config import JIT, PARALLEL_JIT
from ..errors import ShapeError, WinomodelError
from ..layer import ConvLayer, _pair
from ..machine.caches import l1_data_bytes, last_level_share
from ..machine.isa import current as _current_isa
from ..validation import check_density
from . import _winograd_codegen as codegen
from . import _winograd_generated as gen
from . import winograd_decomposition as wd
from . import winograd_transforms as wt
from .base import WEIGHT_DOMAINS, ConvKernel
from .scratch import aligned_empty

#: least per-block budget for V + M in bytes.  Wider blocks win even past L2: the products
#: re-read all of U (or the CSR) once per block and keep more lanes per broadcast weight
#: (measured single-threaded on a 2 MiB-L2 Xeon), so dense blocks may fill the thread's share
#: of the last-level cache (:func:`block_bytes`) and sparse ones, whose products touch V only
#: at nonzeros, 16 MiB.
BLOCK_BYTES = {"dense": 4 << 20, "sparse": 16 << 20}


def block_bytes(kind: str, threads: int) -> int:
    """Per-block budget for V + M: :data:`BLOCK_BYTES`, for dense blocks raised to each
    thread's share of the last-level cache (V is written once and read once per position
    there, while U is streamed once per block: on the 2-core Zen 4, 16 MiB blocks ran
    VGG-16 conv4_2 / conv5_2 and AlexNet conv3 at batch 8 1.16x / 1.37x / 1.25x faster
    than 4 MiB ones, ``python benchmarks/winograd_block_ab.py 4,16``)."""
    if kind != "dense":
        return BLOCK_BYTES[kind]
    return max(BLOCK_BYTES[kind], last_level_share(threads))


#: channels per input-transform work item of the split path
CHUNK = 16
#: budget of one round of products + output transform (M of a2 x kc*tb floats):
#: M written and read back within L2 instead of the whole K x tb block going out to L3
M_CHUNK_BYTES = 256 << 10
#: floats of padding after every row of V and M (one cache line).  Their rows are read
#: and written 16 lanes at a time down all alpha^2 rows at one column; with a row pitch
#: that is a multiple of 4 KiB (C/g * tb * 4 bytes is, for C/g a multiple of 16 at
#: tb = 64) all 36 rows map to one L1 set, and a 36 x 16 copy measured 150-340 ns
#: instead of 20-26 ns on Zen 5.
ROW_PAD = 16
#: share of the L1 data cache that one window of V (one position's tb lanes over a range of
#: input channels) may fill when the sparse products sweep it once per output channel of a
#: round (see :func:`window_count`); the CSR's stream and M's rows need the rest.  A whole V
#: row (64 KB at C/g = 256, tb = 64) streamed by every row thrashed L1; windows the size of
#: all of Zen 4's 32 KB L1D (a constant sized on Zen 5's 48 KB) ran VGG-16 conv4_2 and conv5_1
#: (C = K = 512) at density 1 1.05-1.42x slower than windows of 2/3 of it, natively and in
#: AVX2 (``python benchmarks/sparse_window_ab.py``)
V_WINDOW_L1_SHARE = (2, 3)


def v_window_bytes() -> int:
    """Bytes of V one window of the sparse products may hold: :data:`V_WINDOW_L1_SHARE` of
    this machine's L1 data cache (:func:`winomodel.machine.caches.l1_data_bytes`), rounded up."""
    num, den = V_WINDOW_L1_SHARE
    return -(-num * l1_data_bytes() // den)


#: fewest stored weights per CSR row and window (on average) for the rows to be split:
#: every extra visit of a row loads and stores its lanes of M.  At tb = 64 even sparse rows
#: gain from windows (VGG-16 conv4_2, C = 512, interleaved, 1 window vs the best of 2-4:
#: 2566 vs 1875 us at density 0.2, 1061 vs 862 at 0.1, 828 vs 724 at 0.05; 593 vs 568 at
#: 0.02, where the rows hold 10 weights); 32 had kept every layer at 1 window below 0.25
MIN_WINDOW_NNZ = 8


# ---- options and layers ----------------------------------------------------------
def default_tile(layer: ConvLayer) -> int:
    """Output tile m used when none is given (:func:`.winograd_decomposition.default_spec`:
    the largest multiply saving over m in {2, 4}, discounted by the wasted outputs of
    partial border tiles and the idle lanes of 16-tile vectors; F(6, r) only when asked).
    In practice 4 except on tiny outputs (2 when P, Q <= 2, or for a batch-1 7x7 output,
    4 tiles of 4x4 in a 16-lane vector; 13x13 AlexNet outputs still get 4)."""
    return wd.default_spec(layer)[0]


def resolve(layer: ConvLayer, tile=None, r=None) -> wd.Decomposition:
    """The decomposition (pieces and F(m, r)) a Winograd kernel runs ``layer`` with."""
    return wd.for_layer(layer, tile, r)


def _dec(layer: ConvLayer, spec) -> wd.Decomposition:
    """``spec`` as a decomposition of ``layer``: a Decomposition, or a tile (default r)."""
    return spec if isinstance(spec, wd.Decomposition) else resolve(layer, spec)


def check_winograd_layer(kernel_name: str, layer: ConvLayer) -> None:
    """Raise UnsupportedLayerError unless the decomposition covers ``layer`` (strides 1
    and 2, kernels other than 1x1), naming the direct kernels that run it."""
    wd.check_coverable(layer, kernel_name)


def winograd_domain_spec(weight_shape, weights_domain="spatial", tile=None, r=None,
                         kernel_size=None, stride=1):
    """``(tile, r, (R, S))`` of Winograd-domain weights ``(K, P * C/g, alpha, alpha)``, or
    None for spatial weights: the one place that decides how a weight tensor is read.

    Weights are Winograd-domain only when the caller says so (``weights_domain=
    "winograd"``), never guessed from their shape: a 6x6 weight is a 6x6 filter.  A
    Winograd-domain tensor does not say which F(m, r) made it ((K, C, 6, 6) is F(4, 3)
    and F(2, 5)): a layer other than 3x3 stride 1 (``kernel_size``, ``stride``) needs
    ``tile`` and ``r`` given; a 3x3 stride-1 one reads ``r`` as 3 unless told, and
    ``tile = alpha - r + 1``.
    """
    if weights_domain not in WEIGHT_DOMAINS:
        raise WinomodelError(f"weights_domain must be one of {WEIGHT_DOMAINS}, got {weights_domain!r}")
    if weights_domain == "spatial":
        if kernel_size is not None:
            raise WinomodelError("kernel_size describes Winograd-domain weights; spatial weights "
                                 "carry their own size")
        return None
    R, S = (3, 3) if kernel_size is None else _pair(kernel_size, "kernel_size")
    stride = _pair(stride, "stride")
    a, b = int(weight_shape[2]), int(weight_shape[3])
    if ((R, S), stride) != ((3, 3), (1, 1)) and (tile is None or r is None):
        raise ShapeError(
            f"Winograd-domain weights of a {R}x{S} stride-{stride} layer need tile= and r= "
            f"(the F(m x m, r x r) of its pieces): alpha = {a} alone does not say which")
    r = wt.R if r is None else wt.check_r(r)
    if a != b or (tile is None and (a - r + 1, r) not in wt.SPECS):
        raise ShapeError(
            f"Winograd-domain weights must be (K, P*C/groups, alpha, alpha) with alpha = "
            f"tile + r - 1 in {sorted({wt.alpha_of(m, q) for m, q in wt.SPECS if q == r})} "
            f"for r={r}, got shape {tuple(weight_shape)}")
    if tile is None:
        tile = a - r + 1
    elif wt.alpha_of(wt.check_tile(tile, r), r) != a:
        raise ShapeError(f"Winograd-domain weights of size {a}x{a} need tile={a - r + 1} "
                         f"with r={r}, got tile={tile}")
    return int(tile), r, (R, S)


def layer_for_winograd(input_shape, weight_shape, *, stride=1, padding=0, groups=1, name="",
                       weights_domain="spatial", tile=None, r=None, kernel_size=None,
                       **_ignored) -> ConvLayer:
    """Layer of a Winograd kernel call; Winograd-domain weights ``(K, P * C/g, alpha,
    alpha)`` describe a ``kernel_size`` layer (3x3 by default) of P pieces."""
    weight_shape = tuple(int(v) for v in weight_shape)
    if len(weight_shape) == 4:
        spec = winograd_domain_spec(weight_shape, weights_domain, tile, r, kernel_size, stride)
        if spec is not None:
            m, q, (R, S) = spec
            n_pieces = wd.decompose(R, S, _pair(stride, "stride"), m, q).n_pieces
            if weight_shape[1] % n_pieces:
                raise ShapeError(
                    f"Winograd-domain weights of a {R}x{S} layer as F({m}, {q}) pieces need "
                    f"{n_pieces} * C/groups columns, got shape {weight_shape}")
            weight_shape = weight_shape[:1] + (weight_shape[1] // n_pieces, R, S)
    return ConvLayer.from_shapes(input_shape, weight_shape, stride=stride, padding=padding,
                                 groups=groups, name=name)


def winograd_weights_for(weights: np.ndarray, layer: ConvLayer, tile=None, weights_domain="spatial",
                         r=None, kernel_size=None):
    """Return ``(U, decomposition)``: float32 Winograd-domain weights (K, P * C/g, alpha,
    alpha), piece-major columns (:mod:`.winograd_decomposition`)."""
    spec = winograd_domain_spec(weights.shape, weights_domain, tile, r, kernel_size, layer.stride)
    if spec is not None:
        dec = wd.decompose(layer.R, layer.S, layer.stride, spec[0], spec[1])
        u = weights
    else:  # spatial: check_layer has made sure the decomposition covers the layer
        dec = resolve(layer, tile, r)
        u = dec.filter_transform(weights)
    if u.shape[:2] != (layer.K, dec.n_pieces * layer.C_per_group):
        raise ShapeError(f"weights of shape {weights.shape} do not match layer {layer.describe()}")
    return np.ascontiguousarray(u, dtype=np.float32), dec


def prune_global(u: np.ndarray, density) -> np.ndarray:
    """Magnitude-prune ``u`` to ``round(density * u.size)`` nonzeros (ties by position)."""
    from ..pruning import prune_magnitude

    return prune_magnitude(u, check_density(density))


# ---- geometry --------------------------------------------------------------------
def geometry(layer: ConvLayer, spec, batch: int, kind: str = "dense",
             weight_bytes: Optional[float] = None):
    """Tile grid and block size: ``(th, tw, n_tiles, TB, n_blocks)``; ``spec`` a
    decomposition or a tile; ``kind`` is "dense" or "sparse" (see :data:`BLOCK_BYTES`).
    ``weight_bytes``: the weights every block streams through the products; by default
    the dense Winograd-domain weights' (:func:`dense_weight_bytes`) for "dense", none for
    "sparse" (a plan passes its CSR's, :func:`csr_bytes`).  Sized for this process's Numba
    threads (:func:`_geometry`)."""
    return _geometry(layer, spec, batch, kind, numba.get_num_threads(), weight_bytes)


def csr_bytes(nnz: int) -> float:
    """Bytes of sparse_winograd's CSR that every tile block streams: a float32 value and an
    int32 column index per stored weight (the rows' bounds are one per row and window)."""
    return 8.0 * nnz


@functools.lru_cache(maxsize=1024)  # every call needs it: 2 us of Python per call uncached
def _geometry(layer: ConvLayer, spec, batch: int, kind: str, threads: int,
              weight_bytes: Optional[float] = None):
    dec = _dec(layer, spec)
    th = -(-layer.P // dec.m)
    tw = -(-layer.Q // dec.m)
    n_tiles = batch * th * tw
    alpha2 = dec.alpha ** 2
    per_tile = 4 * alpha2 * (dec.n_pieces * layer.C_per_group + layer.K_per_group)
    fits = block_bytes(kind, threads) // per_tile
    # a width the register-blocked micro-kernels exist for, within the budget (and, for
    # the dense products in lane groups, STRIDED_MAX_WIDTH), whose lanes (every block
    # computes all tb lanes) are within 25 % of the fewest: 16 tiles of a batch-1 14x14
    # layer in one 64-lane block did 4x the work
    widest = STRIDED_MAX_WIDTH if kind == "dense" and STRIDED_LANES else max(codegen.MICRO_WIDTHS)
    widths = [w for w in codegen.MICRO_WIDTHS if w <= max(16, min(fits, widest))]
    lanes = {w: -(-n_tiles // w) * w for w in widths}
    fewest = min(lanes.values())
    widths = [w for w in widths if lanes[w] <= 1.25 * fewest]
    if weight_bytes is None:
        weight_bytes = dense_weight_bytes(layer, dec) if kind == "dense" else 0.0
    tb = _block_width(widths, n_tiles, layer.groups, kind, threads, weight_bytes)
    n_blocks = -(-n_tiles // tb)
    return th, tw, n_tiles, tb, n_blocks


#: how much longer (as a factor) the busiest thread's lanes may be at a wider block than at
#: the best-balanced width, per kernel: a wider block streams U (or the CSR) fewer times and
#: runs each lane faster, the more so for the sparse products, which read each nonzero once
#: per block (the 2-core Zen 4's products ceilings at 16 / 32 / 64 lanes: dense 216 / 214 /
#: 214 GFLOP/s, sparse 112 / 145 / 172).  Chosen on every distinct Winograd layer of the four
#: shipped networks at batch 1 and 8 with each width forced, checked on a second run
#: (``python benchmarks/block_width_pick.py``, natively and in AVX2)
BALANCE_TOLERANCE = {"dense": 1.05, "sparse": 1.15}


def dense_weight_bytes(layer: ConvLayer, dec: wd.Decomposition) -> float:
    """Bytes of dense Winograd-domain weights U the products stream once per block: K x the
    structurally nonzero piece-positions x C/g floats."""
    summed = float(np.diff(dec.product_columns(), axis=1).sum())
    return 4.0 * layer.K * summed * layer.C_per_group


def _block_width(widths, n_tiles: int, groups: int, kind: str, threads: int,
                 weight_bytes: float) -> int:
    """The lanes per block among ``widths``.

    Weights past each thread's share of the last-level cache (dense U, or sparse_winograd's
    CSR): the fewest blocks (each block streams all of them from memory; the split path
    keeps the threads busy on one block), the narrowest of those.  Otherwise the width whose
    busiest thread computes the fewest lanes on the fused path (``ceil(items / threads)``
    rounds of ``tb`` lanes: 392 tiles on 2 threads are 4 rounds of 64 lanes, 256, against 13
    of 16, 208), the widest within :data:`BALANCE_TOLERANCE` of it (a batch-1 28x28 5x5
    layer, 49 tiles: two 32-lane blocks 0.06 ms, one 64-lane block on the split path 0.12
    ms); where every width takes the split path, the widest (narrower ones only add blocks).

    Measured on the 2-core Zen 4 (``python benchmarks/block_width_pick.py``: every distinct
    Winograd layer of the shipped networks, batch 1 and 8, each width forced; 78 cells per
    kernel): dense_winograd's pick costs 1.0 % geomean over each cell's fastest width natively
    and 2.0 % in AVX2, where the previous rule (the widest within 25 % of the fewest lanes,
    narrower only while a thread had no item) cost 3.3 % in both, up to 1.23x and 1.47x
    (ResNet-50's stride-2 layers at batch 8; VGG-16 conv3_2 at batch 1 in AVX2).  The sparse
    kernel took the balanced width whatever its CSR until the same benchmark at density 0.3
    (``--networks vgg16,resnet50 --density 0.3``) found its three worst picks where the CSR
    (23-63 MB) outgrew the 16 MB share: two blocks where one was 1.14-1.22x faster (ResNet-50
    layer4.0 / layer4.1 conv2 at batch 8, VGG-16 conv4_2 at batch 1); with the CSR counted, the
    sparse pick costs x1.012 natively and x1.008 in AVX2 over those 34 cells (x1.019 and x1.029
    for the old rule on the same runs)."""
    blocks = {w: -(-n_tiles // w) for w in widths}
    if weight_bytes > last_level_share(threads):
        return min(widths, key=lambda w: (blocks[w], w))
    rounds = {w: -(-blocks[w] * groups // threads) for w in widths
              if not _split(blocks[w], groups, threads)}
    busiest = {w: r * w for w, r in rounds.items()}
    if not busiest:
        return max(widths)
    least = min(busiest.values())
    return max(w for w, lanes in busiest.items() if lanes <= BALANCE_TOLERANCE[kind] * least)


def padded_shape(layer: ConvLayer, spec, batch: int):
    """Shape ``(N, C, chan)`` of the padded polyphase input: per channel its ``sv * sh``
    planes (:func:`.winograd_decomposition.planes`), extended so every tile of every
    piece (also partial border ones) is whole."""
    return batch, layer.C, wd.planes(layer, _dec(layer, spec)).chan


@functools.lru_cache(maxsize=1024)
def piece_shifts(layer: ConvLayer, dec: wd.Decomposition) -> np.ndarray:
    """Flat offsets of the pieces' origins in a channel's planes (int64, read-only)."""
    arr = np.array(wd.planes(layer, dec).shifts, dtype=np.int64)
    arr.setflags(write=False)
    return arr


def pad_input(x: np.ndarray, layer: ConvLayer, spec, buf=None) -> np.ndarray:
    """The zero-padded polyphase input (:func:`padded_shape`) of a float32 input
    ``(N, C, H, W)``: at stride 1 one plane per channel (the padded input), at stride 2
    the polyphase split.

    ``buf``: a buffer of that shape from an earlier call to reuse: only the input's own
    positions are written, so its zero halo stays zero."""
    dec = _dec(layer, spec)
    shape = padded_shape(layer, dec, x.shape[0])
    if buf is None:
        buf = np.zeros(shape, dtype=np.float32)
    _fill(x, layer, buf, wd.planes(layer, dec).wq)
    return buf


def execute(x: np.ndarray, layer: ConvLayer, dec, scratch, U=None, col_ranges=None, csr=None,
            memo: Optional[dict] = None) -> np.ndarray:
    """Run one Winograd convolution of ``x`` as decomposition ``dec``: ``U`` (G, alpha^2,
    K/g, P*C/g; pieces in :meth:`~.winograd_decomposition.Decomposition.product_order`)
    and ``col_ranges`` (alpha^2, 2: the columns of U each position sums) for dense_winograd,
    or ``csr = (bounds, indices, values)`` for sparse_winograd (CSR nonzeros in
    window-major order with each row's bounds per window, :func:`window_major`; pieces
    in the decomposition's order).

    The padded input and the split path's V of every block are the plan's ``scratch``
    arrays (kept between calls: no page faults per call); the output is fresh.  ``memo``:
    a plan's dict of the call's sizes per (batch, threads) (:func:`_call_sizes`: ~25 us of
    Python per call otherwise, a third of a batch-1 14x14 5x5 layer at density 0.1)."""
    kind = "dense" if csr is None else "sparse"
    n = x.shape[0]
    key = (n, numba.get_num_threads())
    sizes = None if memo is None else memo.get(key)
    if sizes is None:
        sizes = _call_sizes(layer, _dec(layer, dec), n, kind,
                            None if csr is None else csr_bytes(csr[2].size))
        if memo is not None:
            memo[key] = sizes
    (th, tw, n_tiles, tb, n_blocks), m, r, wq, shifts, shape, split, v_shape, step, \
        vt_shape, mt_shape = sizes
    g, kg, cg = layer.groups, layer.K_per_group, layer.C_per_group
    out = np.empty((n, layer.K, layer.P, layer.Q), dtype=np.float32)
    with scratch.session() as get:
        xp = get("padded_input", shape, lambda: np.zeros(shape, dtype=np.float32))
        _fill(x, layer, xp, wq)
        # each thread's V (fused path) and M: kept, not allocated per work item, so no call
        # depends on how the allocator serves them (mapped afresh per item, as glibc does
        # with a fixed 128 KB threshold, a batch-2 24x24 layer's call took 8x longer)
        Mt = get("thread_products", mt_shape, lambda: aligned_empty(mt_shape, np.float32))
        if split:
            Vall = get("transformed_input", v_shape, lambda: aligned_empty(v_shape, np.float32))
            if csr is None:
                run_dense_split(xp, U, col_ranges, out, m, r, wq, shifts, th, tw, n_tiles, tb,
                                n_blocks, g, step, Vall, Mt)
            else:
                run_sparse_split(xp, *csr, kg, cg, out, m, r, wq, shifts, th, tw, n_tiles, tb,
                                 n_blocks, g, step, Vall, Mt)
        else:
            Vt = get("thread_input", vt_shape, lambda: aligned_empty(vt_shape, np.float32))
            if csr is None:
                run_dense(xp, U, col_ranges, out, m, r, wq, shifts, th, tw, n_tiles, tb,
                          n_blocks, g, Vt, Mt)
            else:
                run_sparse(xp, *csr, kg, cg, out, m, r, wq, shifts, th, tw, n_tiles, tb, n_blocks,
                           g, Vt, Mt)
    return out


def _call_sizes(layer: ConvLayer, dec: wd.Decomposition, n: int, kind: str,
                weight_bytes: Optional[float] = None):
    """Everything :func:`execute` sizes a call of batch ``n`` by."""
    geo = geometry(layer, dec, n, kind, weight_bytes)
    tb, n_blocks, g = geo[3], geo[4], layer.groups
    split = use_split(n_blocks, g)
    a2, threads = dec.alpha ** 2, numba.get_num_threads()
    v_row = dec.n_pieces * layer.C_per_group * tb + ROW_PAD
    v_shape = (n_blocks * g, a2, v_row)
    step = k_step(layer.K_per_group, n_blocks * g) if split else 0
    m_rows = step if split else k_chunk(layer.K_per_group, dec, tb)
    shifts = piece_shifts(layer, dec)
    if kind == "dense":  # dense_winograd's U holds the pieces in product order
        shifts = np.ascontiguousarray(shifts[list(dec.product_order())])
    return (geo, dec.m, dec.r, wd.planes(layer, dec).wq, shifts,
            padded_shape(layer, dec, n), split, v_shape, step,
            (threads, a2, v_row), (threads, a2, m_rows * tb + ROW_PAD))


def _fill(x: np.ndarray, layer: ConvLayer, buf: np.ndarray, wq: int) -> None:
    """:func:`pad_input` into ``buf`` (N, C, chan) with the sizes known."""
    from . import _direct_common as dc

    n, c, chan = buf.shape
    sv, sh = layer.stride
    dc.fill_padded(x, buf.reshape(n, c * chan), layer.pad[0], layer.pad[1], sv, sh, wq, chan,
                   chan // (sv * sh))


def workspace_bytes(layer: ConvLayer, spec, kind: str = "dense") -> float:
    dec = _dec(layer, spec)
    th, tw, n_tiles, tb, n_blocks = geometry(layer, dec, layer.N, kind)
    padded = 4.0 * float(np.prod(padded_shape(layer, dec, layer.N)))
    threads = numba.config.NUMBA_NUM_THREADS
    a2 = dec.alpha ** 2
    cgv = dec.n_pieces * layer.C_per_group
    # per running block: V and one round of M (the transforms' 16-tile buffers are tiny)
    kc = k_chunk(layer.K_per_group, dec, tb)
    per_block = 4.0 * tb * a2 * (cgv + kc)
    split = 4.0 * n_blocks * layer.groups * a2 * cgv * tb \
        if use_split(n_blocks, layer.groups) else 0.0  # the split path keeps every block's V
    return padded + threads * per_block + split


# ---- jitted pieces ---------------------------------------------------------------
@numba.njit(**JIT)
def _tile_offsets(tile0, nt, tile, th, tw, img_stride, wp, off):
    """off[t]: flat offset in the padded input of tile tile0 + t's top-left corner
    (channel 0 of its image) for t < nt; entries past nt repeat tile 0."""
    per_img = th * tw
    for t in range(nt):
        g = tile0 + t
        n = g // per_img
        r = g - n * per_img
        ty = r // tw
        off[t] = n * img_stride + ty * tile * wp + (r - ty * tw) * tile
    for t in range(nt, off.shape[0]):  # lanes past the last tile re-read tile 0: finite values
        off[t] = off[0]


@numba.njit(**JIT)
def _input_transform(xflat, off, c0, cg, chan_stride, wp, tb, m, r, V, col0=0):
    """V[p, col0 + c*tb + t] = (B^T d B)[p] of the block's tile t, channel c0 + c (c < cg,
    t < tb; lanes past the last tile transform a copy of tile 0, finite values never
    stored), F(m, r).  The generated straight-line transform of one tile runs in a loop
    over the tiles that LLVM vectorises (16 tiles per zmm), from a 16-tile staging buffer
    the tiles are gathered into; V is written once."""
    gen.input_transform(m, r, xflat, off, c0, cg, chan_stride, wp, tb, V, col0)


@numba.njit(**JIT)
def _input_pieces(xflat, shifts, off, c0, cg, chan_stride, wp, tb, m, r, V, col0, piece_cols):
    """:func:`_input_transform` of every piece: piece p reads the planes at its origin
    ``shifts[p]`` and fills columns from ``col0 + p * piece_cols``: piece p of channel c is
    the products' "input channel" ``p * C/g + c`` (``piece_cols = C/g * tb``), so the
    pieces' products are summed by the products themselves."""
    for p in range(shifts.shape[0]):
        _input_transform(xflat[shifts[p]:], off, c0, cg, chan_stride, wp, tb, m, r, V,
                         col0 + p * piece_cols)


@numba.njit(**JIT)
def _output_targets(tile0, nt, tile, th, tw, K, P, Q, obase, rows, cols):
    """Where the block's output tiles go: obase[t] = flat offset of tile t's top-left
    output (channel 0), rows[t] x cols[t] its size after cropping at the border.
    Computed once per block: an integer division per (channel, tile) cost more than
    the whole transform."""
    per_img = th * tw
    for t in range(nt):
        g = tile0 + t
        n = g // per_img
        r = g - n * per_img
        ty = r // tw
        y0 = ty * tile
        x0 = (r - ty * tw) * tile
        obase[t] = (n * K * P + y0) * Q + x0
        rows[t] = min(tile, P - y0)
        cols[t] = min(tile, Q - x0)
    for t in range(nt, obase.shape[0]):  # lanes past the last tile: prefetched, never stored
        obase[t] = obase[0]


@numba.njit(**JIT)
def _output_transform(M, outflat, k_lo, k_hi, obase, chan_out, rows, cols, Q, nt, tb, m, r):
    """Output tiles A^T M A of M[p, k*tb + t] for k in [k_lo, k_hi), cropped and stored
    at outflat[obase[t] + k*chan_out ...] (generated per F(m, r), like the input)."""
    gen.output_transform(m, r, M, outflat, k_lo, k_hi, obase, chan_out, rows, cols, Q, nt, tb)


# ---- register-blocked micro-kernels ------------------------------------------------
# Numba has no SIMD vector type; a row of W lanes held in W scalar accumulators is
# packed by LLVM's SLP vectorizer into W/16 zmm registers that stay in registers
# across the whole reduction.  The straight-line bodies are generated for each block
# width in :mod:`._winograd_codegen` (shipped, so Numba's cache works for them), and
# called as ``gen.<name>``: looked up when the caller compiles, not at import, so the
# package still imports while the generator renames them.
_MICRO_WIDTHS = codegen.MICRO_WIDTHS


#: rows per panel of the packed dense weights (:func:`pack_panels`)
U_PANEL = codegen.U_PANEL


def pack_panels(u: np.ndarray) -> np.ndarray:
    """Dense Winograd weights ``(G, a2, K/g, C')`` packed for the micro-kernels: ``(G, a2,
    ceil(K/g / U_PANEL), C' * U_PANEL)`` with ``U[k, c]`` at ``[k // U_PANEL, c * U_PANEL +
    k % U_PANEL]``, padding rows zero."""
    g, a2, kg, cgv = u.shape
    panels = -(-kg // U_PANEL)
    padded = np.zeros((g, a2, panels * U_PANEL, cgv), dtype=np.float32)
    padded[:, :, :kg] = u
    return np.ascontiguousarray(
        padded.reshape(g, a2, panels, U_PANEL, cgv).transpose(0, 1, 2, 4, 3)
        .reshape(g, a2, panels, cgv * U_PANEL))


#: lanes of one strided dense micro-kernel call on ISAs narrower than 16 fp32 lanes (2
#: vectors), 0 where the whole-block micro-kernels fit the register file (AVX-512)
STRIDED_LANES = 0 if _current_isa().f32_lanes >= 16 else 2 * _current_isa().f32_lanes
#: lanes of the wide strided dense micro-kernels (3 rows x 4 vectors,
#: ``_winograd_codegen.WIDE_STRIDED_DENSE``) where the ISA has 8 fp32 lanes and 16 registers
#: (AVX2), for blocks of a multiple of that width; 0 elsewhere (4-lane ISAs, unmeasured
#: there, keep STRIDED_LANES)
WIDE_LANES = (codegen.WIDE_STRIDED_DENSE[0][1]
              if _current_isa().f32_lanes == 8 and _current_isa().registers == 16 else 0)
#: widest dense block where the products run in lane groups: in AVX2, 64-lane blocks (four
#: groups of 16) ran 1.04-1.20x slower than 32-lane ones on the 11 issue-22 cells the sizing
#: had given 64 lanes (two runs), and the profile's products ceiling reads 143 GFLOP/s at 64
#: lanes against 167 at 32 (``python benchmarks/winograd_block_ab.py widths --suite issue22``);
#: on the issue-5 cells 0.88-1.47x (VGG-16 conv5_2 at batch 8, U of 38 MB streamed per
#: block, lost); 16-lane blocks won on small C and lost 8-15 % at C = K = 512.  With the
#: wide 3 x 32 micro-kernels the cap still wins: geomean 1.45x PyTorch against 1.37x
#: uncapped on the issue-22 cells it changes, 2.11x against 2.03x on the issue-5 ones
STRIDED_MAX_WIDTH = 32


@numba.njit(**JIT)
def _plain_rows(u, V, M, p, c_lo, c_hi, k_from, k_hi, mk0, nt, tb):
    """M[p, (k - mk0)*tb + t] = sum_c U[k, c] V[p, c*tb + t] for c in [c_lo, c_hi), k in
    [k_from, k_hi), t < nt (``u`` packed, :func:`pack_panels`): the plain slice loop for the
    rows a register block does not cover."""
    for k in range(k_from, k_hi):
        m0 = M[p, (k - mk0) * tb:(k - mk0) * tb + nt]
        m0[:] = 0.0
        panel = u[k // U_PANEL]
        row = k % U_PANEL
        for c in range(c_lo, c_hi):
            v = V[p, c * tb:c * tb + nt]
            u0 = panel[c * U_PANEL + row]
            for t in range(nt):
                m0[t] += u0 * v[t]


@numba.njit(**JIT)
def _dense_products_strided(U, V, M, col_ranges, g, nt, tb, k_lo, k_hi, mk0):
    """:func:`_dense_products` for narrow vectors: 3 rows x WIDE_LANES lanes per call where
    the block is a multiple of WIDE_LANES wide (the last one or two rows by 2- and 1-row
    calls), else 4 rows x STRIDED_LANES lanes; the block's lanes in turn (a whole 4 x 64
    block row is 32 ymm accumulators, which spilled).  The lanes are the outer loop, so a
    lane group's V columns stay in L1 (or L2) across all rows.  On the 4-row path rows
    past the last multiple of 4 run the plain loop."""
    a2 = U.shape[1]
    if WIDE_LANES and tb % WIDE_LANES == 0:  # the 3-, 2- and 1-row WIDE_STRIDED_DENSE kernels
        for p in range(a2):
            u = U[g, p]
            c_lo, c_hi = col_ranges[p, 0], col_ranges[p, 1]
            k3 = k_lo + (k_hi - k_lo) // 3 * 3
            for t0 in range(0, tb, WIDE_LANES):
                for k in range(k_lo, k3, 3):
                    gen.dense_micro_3x32_of(u, k, V, M, p, c_lo, c_hi, k - mk0, tb, t0)
                if k_hi - k3 == 2:
                    gen.dense_micro_2x32_of(u, k3, V, M, p, c_lo, c_hi, k3 - mk0, tb, t0)
                elif k_hi - k3 == 1:
                    gen.dense_micro_1x32_of(u, k3, V, M, p, c_lo, c_hi, k3 - mk0, tb, t0)
        return
    for p in range(a2):
        u = U[g, p]
        c_lo, c_hi = col_ranges[p, 0], col_ranges[p, 1]
        k4 = k_lo + (k_hi - k_lo) // 4 * 4
        for t0 in range(0, tb, STRIDED_LANES):  # lanes outer: their V columns stay in L1
            for k in range(k_lo, k4, 4):
                if STRIDED_LANES == 16:
                    gen.dense_micro_4x16_of(u, k, V, M, p, c_lo, c_hi, k - mk0, tb, t0)
                else:
                    gen.dense_micro_4x8_of(u, k, V, M, p, c_lo, c_hi, k - mk0, tb, t0)
        _plain_rows(u, V, M, p, c_lo, c_hi, k4, k_hi, mk0, nt, tb)


@numba.njit(**JIT)
def _dense_products_whole(U, V, M, col_ranges, g, nt, tb, k_lo, k_hi, mk0):
    """M[p, (k - mk0)*tb + t] = sum_c U[g, p, k, c] V[p, c*tb + t] for k in [k_lo, k_hi), c in
    [col_ranges[p, 0], col_ranges[p, 1]) (the columns that can be nonzero at position p):
    register-blocked 8 rows x 16 lanes (tb = 16) or 4 rows x tb lanes, a plain slice loop for
    the last K rows (fewer than 4).

    A partial block (nt < tb) runs the full-width micro-kernel too: V's lanes past the
    last tile hold a copy of tile 0 (finite), whose results the output transform never
    reads.  (The slice loop on partial blocks made a batch-1 13x13 layer -- one partial
    block -- 4x slower than batch 2.)"""
    a2 = U.shape[1]
    for p in range(a2):
        u = U[g, p]
        c_lo, c_hi = col_ranges[p, 0], col_ranges[p, 1]
        k = k_lo
        if tb == 16:
            while k + 8 <= k_hi:
                gen.dense_micro8_16(u, k, V, M, p, c_lo, c_hi, k - mk0)
                k += 8
        if tb == 16 or tb == 32 or tb == 64:
            while k + 4 <= k_hi:
                if tb == 16:
                    gen.dense_micro_16(u, k, V, M, p, c_lo, c_hi, k - mk0)
                elif tb == 32:
                    gen.dense_micro_32(u, k, V, M, p, c_lo, c_hi, k - mk0)
                elif tb == 64:
                    gen.dense_micro_64(u, k, V, M, p, c_lo, c_hi, k - mk0)
                k += 4
        _plain_rows(u, V, M, p, c_lo, c_hi, k, k_hi, mk0, nt, tb)


#: the product loop sized for this ISA (:data:`STRIDED_LANES`)
_dense_products = _dense_products_strided if STRIDED_LANES else _dense_products_whole


#: this ISA's sparse micro-kernels per block width: (store, accumulate), with
#: :meth:`~winomodel.machine.isa.VectorISA.accumulator_sets` nonzeros per step
_SPARSE_MICRO = {w: (getattr(gen, f"sparse_rows_{w}u{_current_isa().accumulator_sets(w)}"),
                     getattr(gen, f"sparse_rows_acc_{w}u{_current_isa().accumulator_sets(w)}"))
                 for w in codegen.MICRO_WIDTHS}
_sparse_rows_16, _sparse_rows_acc_16 = _SPARSE_MICRO[16]
_sparse_rows_32, _sparse_rows_acc_32 = _SPARSE_MICRO[32]
_sparse_rows_64, _sparse_rows_acc_64 = _SPARSE_MICRO[64]


@numba.njit(**JIT)
def _sparse_rows_loop(indptr_lo, indptr_hi, indices, values, V, M, p, nt, tb, k_lo, k_hi, mk0, first):
    """Rows k in [k_lo, k_hi) over nonzeros ``indptr_lo[k] .. indptr_hi[k]`` into row
    k - mk0 of M[p]: stored when ``first``, else added (rows without nonzeros skipped).
    One generated call runs all the rows (written out per width and mode so each is a
    direct call)."""
    if tb == 16:
        if first:
            _sparse_rows_16(indptr_lo, indptr_hi, indices, values, V, M, p, k_lo, k_hi, mk0)
        else:
            _sparse_rows_acc_16(indptr_lo, indptr_hi, indices, values, V, M, p, k_lo, k_hi, mk0)
    elif tb == 32:
        if first:
            _sparse_rows_32(indptr_lo, indptr_hi, indices, values, V, M, p, k_lo, k_hi, mk0)
        else:
            _sparse_rows_acc_32(indptr_lo, indptr_hi, indices, values, V, M, p, k_lo, k_hi, mk0)
    elif tb == 64:
        if first:
            _sparse_rows_64(indptr_lo, indptr_hi, indices, values, V, M, p, k_lo, k_hi, mk0)
        else:
            _sparse_rows_acc_64(indptr_lo, indptr_hi, indices, values, V, M, p, k_lo, k_hi, mk0)
    else:
        for k in range(k_lo, k_hi):
            if first:
                M[p, (k - mk0) * tb:(k - mk0) * tb + nt] = 0.0
            _plain_row(indices, values, indptr_lo[k], indptr_hi[k], V, M, p, k - mk0, nt, tb)


@numba.njit(**JIT)
def _plain_row(indices, values, start, stop, V, M, p, k, nt, tb):
    """M[p, k*tb + t] += the row's nonzeros times V, t < nt (block widths without a micro-kernel)."""
    m0 = M[p, k * tb:k * tb + nt]
    for idx in range(start, stop):
        val = values[idx]
        c = indices[idx]
        v = V[p, c * tb:c * tb + nt]
        for t in range(nt):
            m0[t] += val * v[t]


@numba.njit(**JIT)
def _sparse_products(bounds, indices, values, V, M, g, kg, nt, tb, k_lo, k_hi, mk0):
    """M[p, (k - mk0)*tb + t] = sum over CSR row (g, p, k) of value * V[p, c*tb + t], k in
    [k_lo, k_hi); the row's tb lanes stay in registers over its nonzeros (partial blocks
    too, see :func:`_dense_products`).

    ``bounds[0, j, row] .. bounds[1, j, row]``: the row's nonzeros in input-channel window
    j (:func:`window_major`).  Window by window, every output channel's row runs over
    the window's nonzeros (the first window stores M, later ones add to it)."""
    a2 = M.shape[0]
    n_windows = bounds.shape[1]
    for p in range(a2):
        r0 = (g * a2 + p) * kg
        for j in range(n_windows):
            _sparse_rows_loop(bounds[0, j, r0:r0 + kg], bounds[1, j, r0:r0 + kg], indices, values,
                              V, M, p, nt, tb, k_lo, k_hi, mk0, j == 0)


def window_count(cg: int, tb: int, density: float) -> int:
    """Input-channel windows of the sparse products: as many as keep a window of V
    (tb lanes of each of its channels) within :func:`v_window_bytes`, fewer where the
    windows would hold under MIN_WINDOW_NNZ stored weights per CSR row on average (at least 1)."""
    n = max(1, -(-4 * cg * tb // v_window_bytes()))
    while n > 1 and density * cg / n < MIN_WINDOW_NNZ:
        n -= 1
    return n


def window_splits(indptr: np.ndarray, indices: np.ndarray, cg: int, n_windows: int) -> np.ndarray:
    """``splits`` (int64, (n_windows + 1) x rows) of a CSR matrix with ``cg`` columns
    (column indices sorted within rows) cut into ``n_windows`` windows of
    ``ceil(cg / n_windows)`` columns: row r's nonzeros in window j are
    ``splits[j, r] .. splits[j + 1, r]`` of the row-major CSR (one window's bounds of
    consecutive rows are contiguous in ``splits``)."""
    rows = indptr.size - 1
    width = -(-cg // n_windows)
    row_of = np.repeat(np.arange(rows), np.diff(indptr))
    counts = np.bincount(row_of * n_windows + indices // width,
                         minlength=rows * n_windows).reshape(rows, n_windows)
    splits = np.empty((n_windows + 1, rows), dtype=np.int64)
    splits[0] = indptr[:-1]
    np.cumsum(counts.T, axis=0, out=splits[1:])
    splits[1:] += indptr[:-1]
    return splits


def window_major(indptr: np.ndarray, indices: np.ndarray, values: np.ndarray, cg: int,
                 n_windows: int, kg: int):
    """The CSR's nonzeros reordered as the products read them: within each position's
    ``kg`` rows (one (group, position) of :func:`_sparse_products`), window by window, row
    by row.  Each window's pass over a position then reads one contiguous run instead of a
    short segment of every row (the row-major CSR): a stream the prefetchers follow.

    Returns ``(bounds, indices, values)``: ``bounds`` (int64, 2 x n_windows x rows), row r's
    nonzeros in window j at ``bounds[0, j, r] .. bounds[1, j, r]`` of the reordered
    ``indices`` and ``values`` (column order kept within each segment)."""
    splits = window_splits(indptr, indices, cg, n_windows)
    rows = indptr.size - 1
    counts = np.diff(splits, axis=0)                       # (n_windows, rows)
    # exclusive running sum in (position block, window, row) order: rows of a block are
    # consecutive and blocks keep their place, so each block's run starts where it did
    by_block = counts.reshape(n_windows, rows // kg, kg).transpose(1, 0, 2).ravel()
    starts_flat = np.concatenate([[0], np.cumsum(by_block)[:-1]]).astype(np.int64)
    starts = starts_flat.reshape(rows // kg, n_windows, kg).transpose(1, 0, 2).reshape(n_windows, rows)
    bounds = np.stack([starts, starts + counts]).astype(np.int64)
    width = -(-cg // n_windows)
    row_of = np.repeat(np.arange(rows), np.diff(indptr))
    window_of = indices // width
    target = starts[window_of, row_of] + (np.arange(indices.size) - splits[window_of, row_of])
    new_indices = np.empty_like(indices)
    new_values = np.empty_like(values)
    new_indices[target] = indices
    new_values[target] = values
    return bounds, new_indices, new_values


def position_densities(spec, density: float) -> Tuple[float, ...]:
    """Fraction of weights magnitude pruning to ``density`` keeps at each of the alpha^2
    Winograd positions (averaged over the pieces), for weights drawn independently from
    one normal distribution; ``spec`` a decomposition or a tile of F(m x m, 3 x 3).

    Position (i, j) of piece p, ``G g_p G^T``, is then normal with variance proportional
    to ``sum over the piece's real taps (u, v) of G_iu^2 G_jv^2`` (``|G_i|^2 |G_j|^2`` for
    a whole 3x3 filter; zero where the piece's padding leaves the position empty); a
    global threshold t keeps ``erfc(t / (s sqrt 2))`` of it (s the standard deviation),
    and t is where the mean over all positions is ``density``.
    F(4x4, 3x3) keeps 0-89 % of the positions' weights at density 0.2: the positions'
    rows are far from alike (on plans of random weights, the micro-kernel calls expected
    from them match the plans' own count, ``tests/test_winograd_kernels.py``)."""
    dec = spec if isinstance(spec, wd.Decomposition) else wd.decompose(3, 3, (1, 1), wt.check_tile(spec), wt.R)
    return _position_densities(dec, round(float(density), 9))


@functools.lru_cache(maxsize=4096)
def _position_densities(dec: wd.Decomposition, density: float) -> Tuple[float, ...]:
    G2 = dec.transforms.G64 ** 2
    var = np.einsum("iu,puv,jv->pij", G2, dec.tap_mask().astype(np.float64), G2)
    sd = np.sqrt(var.reshape(dec.n_pieces, -1))
    live = sd > 0

    def kept(t: float) -> np.ndarray:
        out = np.zeros_like(sd)
        out[live] = [math.erfc(t / (s * math.sqrt(2.0))) for s in sd[live]]
        return out

    if density <= 0.0:
        return (0.0,) * sd.shape[1]
    # the most a density can keep is every structurally nonzero weight
    if density >= live.mean():
        return tuple(float(v) for v in live.mean(axis=0))
    lo, hi = 0.0, 50.0 * float(sd.max())
    for _ in range(80):   # bisection on the threshold: the mean kept fraction falls with it
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if kept(mid).mean() > density else (lo, mid)
    return tuple(float(v) for v in kept(lo).mean(axis=0))


def _window_widths(cg: int, n_windows: int) -> List[int]:
    width = -(-cg // n_windows)
    return [min(width, cg - c0) for c0 in range(0, cg, width)]


def expected_calls(rows: int, cg: int, n_windows: int, densities: Sequence[float]) -> float:
    """:func:`window_calls` of rows whose columns are kept at random, the rows shared
    equally among positions kept at ``densities`` (:func:`position_densities`): every row
    in its first window, in a later one of width w with probability ``1 - (1 - d)^w``."""
    later = _window_widths(cg, n_windows)[1:]
    per_position = [1.0 + sum(1.0 - (1.0 - d) ** w for w in later) for d in densities]
    return rows * sum(per_position) / len(densities)


def window_calls(bounds: np.ndarray) -> int:
    """Row visits of the micro-kernels per tile block of :func:`_sparse_products`: every
    row in its first window (which stores M), and in every later window holding a nonzero."""
    return int(bounds.shape[2] + np.count_nonzero(bounds[1, 1:] > bounds[0, 1:]))


@numba.njit(**JIT)
def _k_chunk(kg, a2, tb, m_chunk_bytes):
    """Output channels per products + output-transform round: M of that many rows
    (a2 x kc*tb floats) stays within ``m_chunk_bytes`` (a multiple of 4 rows)."""
    kc = (m_chunk_bytes // (4 * a2 * tb)) // 4 * 4
    return min(kg, max(4, kc))


@numba.njit(**PARALLEL_JIT)
def run_dense(xp, U, col_ranges, out, m, r, wq, shifts, th, tw, n_tiles, tb, n_blocks, groups,
              Vt, Mt, m_chunk_bytes=M_CHUNK_BYTES):
    """dense_winograd, fused: parallel over (block, group); ``xp`` (N, C, chan) the
    polyphase planes, rows of ``wq``; ``shifts`` the pieces' origins (in U's column
    order); ``col_ranges`` (alpha^2, 2) each position's columns of U; ``Vt``, ``Mt`` each
    thread's V and M (threads, alpha^2, row)."""
    a2 = (m + r - 1) ** 2  # the generated transforms hold their coefficients
    kg = out.shape[1] // groups
    cgv = U.shape[3] // U_PANEL
    cg = cgv // shifts.shape[0]
    chan_stride = xp.shape[2]
    xflat = xp.reshape(xp.size)
    K, P, Q = out.shape[1], out.shape[2], out.shape[3]
    outflat = out.reshape(out.size)
    kc = _k_chunk(kg, a2, tb, m_chunk_bytes)
    for bg in numba.prange(n_blocks * groups):  # (block, group) items
        b = bg // groups
        g = bg - b * groups
        tile0 = b * tb
        nt = min(tb, n_tiles - tile0)
        thread = numba.get_thread_id()
        V, M = Vt[thread], Mt[thread]
        off = np.empty(tb, dtype=np.uint64)
        obase = np.empty(tb, dtype=np.uint64)
        rows = np.empty(tb, dtype=np.int64)
        cols = np.empty(tb, dtype=np.int64)
        _tile_offsets(tile0, nt, m, th, tw, chan_stride * xp.shape[1], wq, off)
        _output_targets(tile0, nt, m, th, tw, K, P, Q, obase, rows, cols)
        _input_pieces(xflat, shifts, off, g * cg, cg, chan_stride, wq, tb, m, r, V, 0, cg * tb)
        for k0 in range(0, kg, kc):  # M round by round: it stays in L2
            k1 = min(kg, k0 + kc)
            _dense_products(U, V, M, col_ranges, g, nt, tb, k0, k1, k0)
            _output_transform(M, outflat[(g * kg + k0) * P * Q:], 0, k1 - k0, obase, P * Q,
                              rows, cols, Q, nt, tb, m, r)


@numba.njit(**PARALLEL_JIT)
def run_sparse(xp, bounds, indices, values, kg, cg, out, m, r, wq, shifts, th, tw, n_tiles, tb,
               n_blocks, groups, Vt, Mt, m_chunk_bytes=M_CHUNK_BYTES):
    """sparse_winograd, fused: parallel over (block, group) (see :func:`run_dense`)."""
    a2 = (m + r - 1) ** 2  # the generated transforms hold their coefficients
    cgv = cg * shifts.shape[0]
    chan_stride = xp.shape[2]
    xflat = xp.reshape(xp.size)
    K, P, Q = out.shape[1], out.shape[2], out.shape[3]
    outflat = out.reshape(out.size)
    kc = _k_chunk(kg, a2, tb, m_chunk_bytes)
    for bg in numba.prange(n_blocks * groups):  # (block, group) items
        b = bg // groups
        g = bg - b * groups
        tile0 = b * tb
        nt = min(tb, n_tiles - tile0)
        thread = numba.get_thread_id()
        V, M = Vt[thread], Mt[thread]
        off = np.empty(tb, dtype=np.uint64)
        obase = np.empty(tb, dtype=np.uint64)
        rows = np.empty(tb, dtype=np.int64)
        cols = np.empty(tb, dtype=np.int64)
        _tile_offsets(tile0, nt, m, th, tw, chan_stride * xp.shape[1], wq, off)
        _output_targets(tile0, nt, m, th, tw, K, P, Q, obase, rows, cols)
        _input_pieces(xflat, shifts, off, g * cg, cg, chan_stride, wq, tb, m, r, V, 0, cg * tb)
        for k0 in range(0, kg, kc):  # M round by round: it stays in L2
            k1 = min(kg, k0 + kc)
            _sparse_products(bounds, indices, values, V, M, g, kg, nt, tb, k0, k1, k0)
            _output_transform(M, outflat[(g * kg + k0) * P * Q:], 0, k1 - k0, obase, P * Q,
                              rows, cols, Q, nt, tb, m, r)


# ---- work accounting -------------------------------------------------------------
def transform_phases(layer: ConvLayer, spec, batch: int, kind: str = "dense",
                     weight_bytes: Optional[float] = None):
    """The padding (bytes and rows, :func:`._direct_common.pad_rows_phase`), input-transform
    and output-transform phases (shared by both kernels), for decomposition ``spec`` (or
    a tile), the blocks sized as :func:`geometry` sizes them for ``weight_bytes``.

    ``pad_input`` is the copy of the input into its padded planes: at stride 2 the
    polyphase split, into ``sv * sh`` planes of the same total size (every input element
    read and written once, its rows landing as ``sh`` runs each).  The direct kernels'
    copy is the same polyphase split under the same name, so the model's calibration
    fits one factor for both.  Flops are
    the generated straight-line transforms' (:func:`._winograd_codegen.transform_cost`)
    over the lanes they run: the input transform fills all ``tb`` lanes of every block,
    for every channel and piece (a piece is a transform of the planes at another
    origin), the output transform runs 16 lanes at a time up to the block's last tile,
    once for all pieces.  Bytes are the gather of the alpha^2 input values and the store
    of V (input), the read of M and the store of the cropped outputs (output); the
    16-tile staging buffer stays in L1 and is not counted."""
    from ..work import Phase
    from . import _direct_common as dc

    dec = _dec(layer, spec)
    th, tw, n_tiles, tb, n_blocks = geometry(layer, dec, batch, kind, weight_bytes)
    a2 = dec.alpha ** 2
    _, _, chan = padded_shape(layer, dec, batch)
    in_elems = batch * layer.C * layer.H * layer.W
    cost = codegen.transform_cost(dec.m, dec.r)
    n_pieces = dec.n_pieces
    # the plan keeps the padded buffer, whose zero halo is written once: a call copies
    # the input in (read + write)
    pad = Phase("pad_input", flops=0.0, bytes=4.0 * 2 * in_elems,
                working_set_bytes=4.0 * (in_elems + batch * layer.C * chan), compute="stream",
                shared=True)
    pads = (pad, dc.pad_rows_phase(layer, batch, dec.stride[1]))
    in_lanes = n_blocks * tb
    last = n_tiles - (n_blocks - 1) * tb
    out_lanes = (n_blocks - 1) * tb + -(-last // codegen.LANES) * codegen.LANES
    v_block = 4.0 * a2 * n_pieces * layer.C_per_group * tb
    m_block = 4.0 * a2 * k_chunk(layer.K_per_group, dec, tb) * tb
    transform_items, product_items = work_items(layer, n_blocks)
    inp = Phase("input_transform",
                flops=float(cost["input"][1]) * layer.C * n_pieces * in_lanes,
                bytes=4.0 * 2 * a2 * layer.C * n_pieces * in_lanes,
                working_set_bytes=v_block, compute="stream", items=transform_items)
    outp = Phase("output_transform",
                 flops=float(cost["output"][1]) * layer.K * out_lanes,
                 bytes=4.0 * a2 * layer.K * out_lanes + 4.0 * batch * layer.K * layer.P * layer.Q,
                 working_set_bytes=m_block, compute="stream", items=product_items)
    return pads, inp, outp, (th, tw, n_tiles, tb, n_blocks), v_block, m_block


def work_items(layer: ConvLayer, n_blocks: int):
    """``(transform_items, product_items)``: the work items the parallel loops deal out
    to the threads (this process's Numba threads, as :func:`execute` runs them).  The
    fused path has one per (block, group) for everything; the split path transforms
    per (block, group, channel chunk) and multiplies per (block, group, K slice)."""
    items = n_blocks * layer.groups
    if not use_split(n_blocks, layer.groups):
        return items, items
    n_ks = -(-layer.K_per_group // k_step(layer.K_per_group, items))
    return items * -(-layer.C_per_group // CHUNK), items * n_ks


def k_chunk(kg: int, spec, tb: int) -> int:
    """Output channels per products + output-transform round (see :func:`_k_chunk`);
    ``spec`` a decomposition or a tile of F(m, 3)."""
    alpha = spec.alpha if isinstance(spec, wd.Decomposition) else wt.alpha_of(spec)
    return int(_k_chunk(kg, alpha ** 2, tb, M_CHUNK_BYTES))


def dense_row_blocks(kg: int, tb: int) -> int:
    """Micro-kernel calls per (block, group, position) of the dense products for kg
    output channels, counted over the block's whole width (every call re-reads the
    position's V plane): on whole-block ISAs 8-row blocks at tb = 16, then 4-row
    blocks, then single rows; on narrow ones 3-row blocks and one call for the rest where
    the block is a multiple of WIDE_LANES, else 4-row blocks and single rows."""
    if STRIDED_LANES and WIDE_LANES and tb % WIDE_LANES == 0:
        return kg // 3 + (kg % 3 > 0)
    eights = kg // 8 if tb == 16 and not STRIDED_LANES else 0
    rest = kg - 8 * eights
    fours = rest // 4 if tb in _MICRO_WIDTHS else 0
    return eights + fours + (rest - 4 * fours)


# ---- split path for layers with few tile blocks -------------------------------------
@numba.njit(**PARALLEL_JIT)
def _transform_all(xp, m, r, wq, shifts, th, tw, n_tiles, tb, n_blocks, groups, cg, Vall):
    """Vall[b*groups + g] = V of block b, group g: the input transform of every block
    (all pieces), parallel over (block, group, channel chunk)."""
    chan_stride = xp.shape[2]
    xflat = xp.reshape(xp.size)
    n_chunks = -(-cg // CHUNK)
    for it in numba.prange(n_blocks * groups * n_chunks):
        bg = it // n_chunks
        ch = it - bg * n_chunks
        b = bg // groups
        g = bg - b * groups
        tile0 = b * tb
        nt = min(tb, n_tiles - tile0)
        off = np.empty(tb, dtype=np.uint64)
        _tile_offsets(tile0, nt, m, th, tw, chan_stride * xp.shape[1], wq, off)
        c_lo = ch * CHUNK
        c_hi = min(cg, c_lo + CHUNK)
        # straight into this block's V at the chunk's columns (a per-item V, copied
        # over, cost as much as the transform: the pass did not scale to 2 threads)
        _input_pieces(xflat, shifts, off, g * cg + c_lo, c_hi - c_lo, chan_stride, wq, tb, m, r,
                      Vall[bg], c_lo * tb, cg * tb)


@numba.njit(**PARALLEL_JIT)
def run_dense_split(xp, U, col_ranges, out, m, r, wq, shifts, th, tw, n_tiles, tb, n_blocks, groups,
                    k_step, Vall, Mt):
    """dense_winograd for few blocks: transform all, then parallel over (block, group, K slice);
    ``Mt`` each thread's M (threads, alpha^2, row)."""
    kg = out.shape[1] // groups
    cg = U.shape[3] // U_PANEL // shifts.shape[0]
    K, P, Q = out.shape[1], out.shape[2], out.shape[3]
    outflat = out.reshape(out.size)
    _transform_all(xp, m, r, wq, shifts, th, tw, n_tiles, tb, n_blocks, groups, cg, Vall)
    n_ks = -(-kg // k_step)
    for it in numba.prange(n_blocks * groups * n_ks):
        bg = it // n_ks
        kc = it - bg * n_ks
        b = bg // groups
        g = bg - b * groups
        tile0 = b * tb
        nt = min(tb, n_tiles - tile0)
        k_lo = kc * k_step
        k_hi = min(kg, k_lo + k_step)
        M = Mt[numba.get_thread_id()]
        obase = np.empty(tb, dtype=np.uint64)
        rows = np.empty(tb, dtype=np.int64)
        cols = np.empty(tb, dtype=np.int64)
        _output_targets(tile0, nt, m, th, tw, K, P, Q, obase, rows, cols)
        _dense_products(U, Vall[bg], M, col_ranges, g, nt, tb, k_lo, k_hi, k_lo)
        _output_transform(M, outflat[(g * kg + k_lo) * P * Q:], 0, k_hi - k_lo, obase, P * Q,
                          rows, cols, Q, nt, tb, m, r)


@numba.njit(**PARALLEL_JIT)
def run_sparse_split(xp, bounds, indices, values, kg, cg, out, m, r, wq, shifts, th, tw, n_tiles,
                     tb, n_blocks, groups, k_step, Vall, Mt):
    """sparse_winograd for few blocks: transform all, then parallel over (block, group, K slice)."""
    K, P, Q = out.shape[1], out.shape[2], out.shape[3]
    outflat = out.reshape(out.size)
    _transform_all(xp, m, r, wq, shifts, th, tw, n_tiles, tb, n_blocks, groups, cg, Vall)
    n_ks = -(-kg // k_step)
    for it in numba.prange(n_blocks * groups * n_ks):
        bg = it // n_ks
        kc = it - bg * n_ks
        b = bg // groups
        g = bg - b * groups
        tile0 = b * tb
        nt = min(tb, n_tiles - tile0)
        k_lo = kc * k_step
        k_hi = min(kg, k_lo + k_step)
        M = Mt[numba.get_thread_id()]
        obase = np.empty(tb, dtype=np.uint64)
        rows = np.empty(tb, dtype=np.int64)
        cols = np.empty(tb, dtype=np.int64)
        _output_targets(tile0, nt, m, th, tw, K, P, Q, obase, rows, cols)
        _sparse_products(bounds, indices, values, Vall[bg], M, g, kg, nt, tb, k_lo, k_hi, k_lo)
        _output_transform(M, outflat[(g * kg + k_lo) * P * Q:], 0, k_hi - k_lo, obase, P * Q,
                          rows, cols, Q, nt, tb, m, r)


def use_split(n_blocks: int, groups: int) -> bool:
    """Few (block, group) work items cannot keep the threads busy: split over K too.

    The split path stores every block's V and runs a second parallel pass (measured
    10-20 % slower than the fused path when both keep the threads busy), so it is used
    only where the fused path would leave threads idle: fewer items than threads, or
    more than 25 % of the thread-rounds idle (3 items on 2 threads)."""
    return _split(n_blocks, groups, numba.get_num_threads())


def _split(n_blocks: int, groups: int, threads: int) -> bool:
    items = n_blocks * groups
    return items < threads or -(-items // threads) * threads > 1.25 * items


def k_step(kg: int, n_items: int) -> int:
    """K slice (a multiple of 4) giving about 4 work items per thread."""
    want = max(1, (4 * numba.get_num_threads()) // max(1, n_items))
    return max(4, -(-(-(-kg // want)) // 4) * 4)


# ---- the part of the kernel interface both Winograd kernels share ------------------------
class WinogradKernel(ConvKernel):
    """Layer checks, Winograd-domain weight shapes, workspace and option checks shared by
    ``dense_winograd`` and ``sparse_winograd``.  Subclasses set ``workspace_kind``."""

    domain = "winograd"
    workspace_kind = "dense"

    def check_layer(self, layer: ConvLayer) -> None:
        check_winograd_layer(self.name, layer)

    def layer_for(self, input_shape, weight_shape, *, stride=1, padding=0, groups=1, name="",
                  **options) -> ConvLayer:
        return layer_for_winograd(input_shape, weight_shape, stride=stride, padding=padding,
                                  groups=groups, name=name, **options)

    def workspace_bytes(self, layer: ConvLayer, tile=None, r=None, **options) -> float:
        return workspace_bytes(layer, resolve(layer, tile, r), self.workspace_kind)

    def decomposition(self, layer: ConvLayer, tile=None, r=None) -> wd.Decomposition:
        """How this kernel runs ``layer``: its pieces and their F(m x m, r x r)."""
        self.check_layer(layer)
        return resolve(layer, tile, r)


def reject_unknown_options(options) -> None:
    """Refuse options other than ``tile``, ``r``, ``kernel_size`` and ``weights_domain``
    (typos would be ignored)."""
    if options:
        raise WinomodelError(f"unknown Winograd kernel option(s): {sorted(options)}; "
                             f"known: tile, r, weights_domain, kernel_size")
