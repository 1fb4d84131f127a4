"""Shared machinery of the two Winograd kernels: options, weight preparation, the
jitted transforms and the fused execution loop.

Execution (both kernels)
------------------------
The zero-padded input is cut into ``T = N * th * tw`` overlapping alpha x alpha tiles
(``th = ceil(P/m)``, ``tw = ceil(Q/m)``; the padded buffer is extended with zeros so
partial border tiles are whole).  Tiles are processed in blocks of ``TB`` in
{16, 32, 64} lanes (see :data:`BLOCK_BYTES`).  Fused path (enough blocks to keep the
threads busy): ``prange`` over blocks; for one block and one group the loop

1. gathers and transforms the block's tiles into ``V[p, c*TB + t]``
   (alpha^2 x C/g*TB), tile index ``t`` innermost, CHUNK channels per vector op;
2. forms the alpha^2 products ``M[p] = U[p] V[p]`` ((K/g x C/g)(C/g x TB)), dense
   register-blocked 4 rows x TB lanes or CSR x dense with TB lanes in registers;
3. transforms ``M`` back and scatters the m x m outputs, cropping border tiles.

Split path (few blocks, e.g. batch 1 on 13x13 or 14x14 layers): the input transform
of every block runs in parallel over (block, group, channel chunk), then products and
output transform run in parallel over (block, group, K slice).  Both paths do the
same arithmetic; only the parallel decomposition differs.
"""

from __future__ import annotations

import math

import numba
import numpy as np

from .._config import JIT, PARALLEL_JIT
from ..errors import ShapeError, UnsupportedLayerError, WinomodelError
from ..layer import ConvLayer
from ..validation import check_density
from . import winograd_transforms as wt
from .base import ConvKernel

#: per-block budget for V + M in bytes.  Measured single-threaded on the 2 MiB-L2 Xeon:
#: wider blocks win even past L2 (the products re-read U / the CSR once per block and
#: keep more lanes per broadcast weight), so dense allows 4 MiB and sparse, whose
#: products touch V only at nonzeros, 16 MiB.
BLOCK_BYTES = {"dense": 4 << 20, "sparse": 16 << 20}
WEIGHT_DOMAINS = ("auto", "spatial", "winograd")
#: channels transformed per vector op (lanes = CHUNK * TB)
CHUNK = 16


# ---- options and layers ----------------------------------------------------------
def default_tile(layer: ConvLayer) -> int:
    """Tile used when none is given.

    The rule: among m in {2, 4} pick the one with the largest useful work reduction
    ``(m^2 / alpha^2) * (P*Q) / (ceil(P/m)*m * ceil(Q/m)*m)``, i.e. the multiply saving
    of F(m x m, 3 x 3) discounted by the wasted outputs of partial border tiles.
    F(6,3) is only used when asked for: its transforms cost more and its fp32 error
    is about 20x that of direct convolution.  In practice this gives 4 except on
    tiny outputs (2 when P, Q <= 2; 13x13 AlexNet outputs still get 4).
    """
    def gain(m):
        covered = math.ceil(layer.P / m) * m * math.ceil(layer.Q / m) * m
        return (m * m / (m + 2) ** 2) * (layer.P * layer.Q) / covered

    return max((4, 2), key=gain)


def resolve_tile(layer: ConvLayer, tile=None) -> int:
    return default_tile(layer) if tile is None else wt.check_tile(tile)


def check_winograd_layer(kernel_name: str, layer: ConvLayer) -> None:
    """Raise UnsupportedLayerError unless ``layer`` is 3x3 stride 1."""
    problems = []
    if (layer.R, layer.S) != (3, 3):
        problems.append(f"a {layer.R}x{layer.S} kernel")
    if layer.stride != (1, 1):
        problems.append(f"stride {layer.stride}")
    if problems:
        raise UnsupportedLayerError(
            f"{kernel_name} runs only 3x3 stride-1 convolutions, not {' and '.join(problems)} "
            f"({layer.describe()}); use dense_direct or sparse_direct for this layer"
        )


def weights_are_winograd(weight_shape, weights_domain="auto", tile=None) -> bool:
    """Whether a weight shape is read as Winograd-domain weights (K, C/g, alpha, alpha)."""
    if weights_domain not in WEIGHT_DOMAINS:
        raise WinomodelError(f"weights_domain must be one of {WEIGHT_DOMAINS}, got {weights_domain!r}")
    r, s = int(weight_shape[2]), int(weight_shape[3])
    if weights_domain == "spatial":
        return False
    if weights_domain == "winograd":
        if r != s or r - 2 not in wt.TILES:
            raise ShapeError(
                f"Winograd-domain weights must be (K, C/groups, alpha, alpha) with alpha in "
                f"{tuple(m + 2 for m in wt.TILES)}, got shape {tuple(weight_shape)}"
            )
        return True
    return (r, s) != (3, 3) and r == s and r - 2 in wt.TILES


def layer_for_winograd(input_shape, weight_shape, *, stride=1, padding=0, groups=1, name="",
                       weights_domain="auto", tile=None, **_ignored) -> ConvLayer:
    """Layer of a Winograd kernel call; Winograd-domain weights describe a 3x3 layer."""
    weight_shape = tuple(int(v) for v in weight_shape)
    if len(weight_shape) == 4 and weights_are_winograd(weight_shape, weights_domain, tile):
        alpha = weight_shape[2]
        if tile is not None and wt.check_tile(tile) != alpha - 2:
            raise ShapeError(
                f"Winograd-domain weights of size {alpha}x{alpha} need tile={alpha - 2}, got tile={tile}"
            )
        weight_shape = weight_shape[:2] + (3, 3)
    return ConvLayer.from_shapes(input_shape, weight_shape, stride=stride, padding=padding,
                                 groups=groups, name=name)


def winograd_weights_for(weights: np.ndarray, layer: ConvLayer, tile, weights_domain="auto"):
    """Return ``(U, tile)``: float32 Winograd-domain weights (K, C/g, alpha, alpha)."""
    if weights_are_winograd(weights.shape, weights_domain, tile):
        alpha = weights.shape[2]
        if tile is not None and wt.check_tile(tile) != alpha - 2:
            raise ShapeError(f"Winograd-domain weights of size {alpha}x{alpha} need tile={alpha - 2}, "
                             f"got tile={tile}")
        tile = alpha - 2
        u = weights
    else:
        tile = resolve_tile(layer, tile)
        u = wt.filter_transform(weights, tile)
    if u.shape[:2] != (layer.K, layer.C_per_group):
        raise ShapeError(f"weights of shape {weights.shape} do not match layer {layer.describe()}")
    return np.ascontiguousarray(u, dtype=np.float32), tile


def prune_global(u: np.ndarray, density) -> np.ndarray:
    """Magnitude-prune ``u`` to ``round(density * u.size)`` nonzeros (ties by position)."""
    from ..pruning import prune_magnitude

    return prune_magnitude(u, check_density(density))


# ---- geometry --------------------------------------------------------------------
def geometry(layer: ConvLayer, tile: int, batch: int, kind: str = "dense"):
    """Tile grid and block size: ``(th, tw, n_tiles, TB, n_blocks)``; ``kind`` is
    "dense" or "sparse" (see :data:`BLOCK_BYTES`)."""
    th = -(-layer.P // tile)
    tw = -(-layer.Q // tile)
    n_tiles = batch * th * tw
    alpha2 = (tile + 2) ** 2
    per_tile = 4 * alpha2 * (layer.C_per_group + layer.K_per_group)
    fits = BLOCK_BYTES[kind] // per_tile
    # a width the register-blocked micro-kernels exist for
    tb = 64 if fits >= 64 else 32 if fits >= 32 else 16
    n_blocks = -(-n_tiles // tb)
    return th, tw, n_tiles, tb, n_blocks


def pad_input(x: np.ndarray, layer: ConvLayer, tile: int) -> np.ndarray:
    """Zero-padded input extended so every tile (also partial border ones) is whole."""
    th, tw = -(-layer.P // tile), -(-layer.Q // tile)
    n, c, h, w = x.shape
    ph, pw = layer.pad
    hp, wp = th * tile + 2, tw * tile + 2
    xp = np.zeros((n, c, hp, wp), dtype=np.float32)
    hh, ww = min(h, hp - ph), min(w, wp - pw)  # rows/cols the output never reads are dropped
    xp[:, :, ph:ph + hh, pw:pw + ww] = x[:, :, :hh, :ww]
    return xp


def workspace_bytes(layer: ConvLayer, tile: int, kind: str = "dense") -> float:
    th, tw, n_tiles, tb, n_blocks = geometry(layer, tile, layer.N, kind)
    padded = 4.0 * layer.N * layer.C * (th * tile + 2) * (tw * tile + 2)
    threads = numba.config.NUMBA_NUM_THREADS
    a2 = (tile + 2) ** 2
    # per running block: V, M, and the chunk buffers D, T1, Y
    per_block = 4.0 * tb * (a2 * (layer.C_per_group + layer.K_per_group)
                            + CHUNK * (2 * a2 + tile * tile))
    split = 4.0 * n_blocks * layer.groups * a2 * layer.C_per_group * tb \
        if use_split(n_blocks, layer.groups) else 0.0  # the split path keeps every block's V
    return padded + threads * per_block + split


# ---- jitted pieces ---------------------------------------------------------------
@numba.njit(inline="always", **JIT)  # inlined: a call per short vector op cost more than the op
def _term(dst, src, cf, first, nt):
    """dst[:nt] (=|+=) cf * src[:nt], with +-1 coefficients done as copies/adds."""
    if first:
        if cf == 1.0:
            for t in range(nt):
                dst[t] = src[t]
        elif cf == -1.0:
            for t in range(nt):
                dst[t] = -src[t]
        else:
            for t in range(nt):
                dst[t] = cf * src[t]
    else:
        if cf == 1.0:
            for t in range(nt):
                dst[t] += src[t]
        elif cf == -1.0:
            for t in range(nt):
                dst[t] -= src[t]
        else:
            for t in range(nt):
                dst[t] += cf * src[t]


@numba.njit(**JIT)
def _tile_offsets(tile0, nt, tile, th, tw, img_stride, wp, off):
    """off[t]: flat offset in the padded input of tile tile0 + t's top-left corner
    (channel 0 of its image)."""
    per_img = th * tw
    for t in range(nt):
        g = tile0 + t
        n = g // per_img
        r = g - n * per_img
        ty = r // tw
        off[t] = n * img_stride + ty * tile * wp + (r - ty * tw) * tile


@numba.njit(**JIT)
def _input_transform_block(xflat, off, c0, cg, chan_stride, wp, nt, tb, BT, D, T1, V):
    """V[p, c*tb + t] = (B^T d B)[p] of the block's tile t, channel c0 + c (t < nt).

    Channels are handled CHUNK at a time: the gathered tiles of a chunk are laid out
    ``D[i*a + j, c*tb + t]`` so each transform step is one contiguous vector op of
    length CHUNK * tb (the per-step overhead is amortised over many lanes).  The
    gather walks the destination contiguously through precomputed tile offsets
    (vector gathers; 3x faster than walking the source).
    """
    a = BT.shape[0]
    for cs in range(0, cg, CHUNK):
        cc = min(CHUNK, cg - cs)
        n_el = cc * tb
        for i in range(a):
            for j in range(a):
                drow = D[i * a + j]
                for c in range(cc):
                    base = (c0 + cs + c) * chan_stride + i * wp + j
                    dst = drow[c * tb:(c + 1) * tb]
                    for t in range(nt):
                        dst[t] = xflat[base + off[t]]
                    for t in range(nt, tb):  # lanes past the last tile stay finite
                        dst[t] = 0.0
        # pass 1 over rows: T1[i*a + j] = sum_k BT[i, k] D[k*a + j]
        for j in range(a):
            for i in range(a):
                first = True
                for k in range(a):
                    cf = BT[i, k]
                    if cf != 0.0:
                        _term(T1[i * a + j], D[k * a + j], cf, first, n_el)
                        first = False
                if first:
                    T1[i * a + j, :n_el] = 0.0
        # pass 2 over columns: V[i*a + l] = sum_j BT[l, j] T1[i*a + j]
        for i in range(a):
            for l in range(a):
                dst = V[i * a + l, cs * tb:cs * tb + n_el]
                first = True
                for j in range(a):
                    cf = BT[l, j]
                    if cf != 0.0:
                        _term(dst, T1[i * a + j], cf, first, n_el)
                        first = False
                if first:
                    dst[:] = 0.0


@numba.njit(**JIT)
def _output_transform_block(M, out, k0, kg, tile, th, tw, tile0, nt, tb, AT, T2, Y, k_lo=0):
    """Output tiles = A^T M A for channels k0 .. k0+kg, CHUNK channels per vector op,
    cropped at the border; ``M[p, k*tb + t]``."""
    a = AT.shape[1]
    m = tile
    per_img = th * tw
    P = out.shape[2]
    Q = out.shape[3]
    # tile coordinates once per block: integer division per (channel, tile) cost more
    # than the whole transform
    tile_n = np.empty(nt, dtype=np.int64)
    tile_y = np.empty(nt, dtype=np.int64)
    tile_x = np.empty(nt, dtype=np.int64)
    for t in range(nt):
        g = tile0 + t
        n = g // per_img
        r = g - n * per_img
        tile_n[t] = n
        tile_y[t] = (r // tw) * m
        tile_x[t] = (r - (r // tw) * tw) * m
    for ks in range(k_lo, kg, CHUNK):
        kk = min(CHUNK, kg - ks)
        n_el = kk * tb
        # pass 1: T2[i*a + j] = sum_p AT[i, p] M[p*a + j]
        for j in range(a):
            for i in range(m):
                first = True
                for p in range(a):
                    cf = AT[i, p]
                    if cf != 0.0:
                        _term(T2[i * a + j], M[p * a + j, ks * tb:ks * tb + n_el], cf, first, n_el)
                        first = False
                if first:
                    T2[i * a + j, :n_el] = 0.0
        # pass 2: Y[i*m + jj] = sum_j AT[jj, j] T2[i*a + j]
        for i in range(m):
            for jj in range(m):
                first = True
                for j in range(a):
                    cf = AT[jj, j]
                    if cf != 0.0:
                        _term(Y[i * m + jj], T2[i * a + j], cf, first, n_el)
                        first = False
                if first:
                    Y[i * m + jj, :n_el] = 0.0
        # scatter, cropping partial tiles
        for k in range(kk):
            for t in range(nt):
                n = tile_n[t]
                y0 = tile_y[t]
                x0 = tile_x[t]
                col = k * tb + t
                for i in range(min(m, P - y0)):
                    orow = out[n, k0 + ks + k, y0 + i]
                    for jj in range(min(m, Q - x0)):
                        orow[x0 + jj] = Y[i * m + jj, col]


# ---- register-blocked micro-kernels ------------------------------------------------
# Numba has no SIMD vector type; a row of W lanes held in W scalar accumulators is
# packed by LLVM's SLP vectorizer into W/16 zmm registers that stay in registers
# across the whole reduction (a slice accumulator would be reloaded and stored on
# every step).  The straight-line bodies are generated for each block width.
_MICRO_WIDTHS = (16, 32, 64)
_DENSE_ROWS = 4


def _dense_micro_source(w: int) -> str:
    # constant indices into slices: no negative-index wraparound code, so SLP packs them
    rows = _DENSE_ROWS
    lines = [f"def _dense_micro_{w}(u, k, V, M, p, cg):"]
    lines.append("    vp = V[p]")
    lines.append("    mp = M[p]")
    for r in range(rows):
        lines.append("    " + "; ".join(f"a{r}_{t} = np.float32(0.0)" for t in range(w)))
    lines.append("    for c in range(cg):")
    lines.append(f"        vs = vp[c * {w}:c * {w} + {w}]")
    lines.append("        " + "; ".join(f"u{r} = u[k + {r}, c]" for r in range(rows)))
    for t in range(w):
        lines.append(f"        v = vs[{t}]")
        lines.append("        " + "; ".join(f"a{r}_{t} += u{r} * v" for r in range(rows)))
    for r in range(rows):
        lines.append(f"    mo = mp[(k + {r}) * {w}:(k + {r} + 1) * {w}]")
        lines.append("    " + "; ".join(f"mo[{t}] = a{r}_{t}" for t in range(w)))
    return "\n".join(lines)


def _sparse_micro_source(w: int) -> str:
    lines = [f"def _sparse_micro_{w}(indices, values, start, stop, V, M, p, k):"]
    lines.append("    vp = V[p]")
    lines.append("    " + "; ".join(f"a{t} = np.float32(0.0)" for t in range(w)))
    lines.append("    for idx in range(start, stop):")
    lines.append("        val = values[idx]")
    lines.append(f"        b = indices[idx] * {w}")
    lines.append(f"        vs = vp[b:b + {w}]")
    for t in range(w):
        lines.append(f"        a{t} += val * vs[{t}]")
    lines.append(f"    mo = M[p, k * {w}:(k + 1) * {w}]")
    lines.append("    " + "; ".join(f"mo[{t}] = a{t}" for t in range(w)))
    return "\n".join(lines)


def _build_micro_kernels():
    namespace = {"np": np}
    for w in _MICRO_WIDTHS:
        exec(_dense_micro_source(w), namespace)
        exec(_sparse_micro_source(w), namespace)
    # generated functions have no source file to key an on-disk cache on.  No
    # 'reassoc' in fastmath: the loop vectorizer then cannot turn the accumulators into
    # reductions across nonzeros (it did, with gathers); SLP packs the lanes instead.
    opts = dict(JIT, cache=False, fastmath={"contract", "nnan", "ninf", "nsz"})
    return ({w: numba.njit(**opts)(namespace[f"_dense_micro_{w}"]) for w in _MICRO_WIDTHS},
            {w: numba.njit(**opts)(namespace[f"_sparse_micro_{w}"]) for w in _MICRO_WIDTHS})


_DENSE_MICRO, _SPARSE_MICRO = _build_micro_kernels()

_dense_micro_16, _dense_micro_32, _dense_micro_64 = (_DENSE_MICRO[w] for w in _MICRO_WIDTHS)
_sparse_micro_16, _sparse_micro_32, _sparse_micro_64 = (_SPARSE_MICRO[w] for w in _MICRO_WIDTHS)


@numba.njit(**JIT)
def _dense_products(U, V, M, g, nt, tb, k_lo, k_hi):
    """M[p, k*tb + t] = sum_c U[g, p, k, c] V[p, c*tb + t]: register-blocked 4 rows x tb
    lanes, a plain slice loop for the last K rows (fewer than 4).

    A partial block (nt < tb) runs the full-width micro-kernel too: the input transform
    zeroes V's lanes past the last tile, so the extra lanes compute zeros that the
    output transform never reads.  (The slice loop on partial blocks made a batch-1
    13x13 layer -- one partial block -- 4x slower than batch 2.)"""
    a2 = U.shape[1]
    kg = U.shape[2]
    cg = U.shape[3]
    for p in range(a2):
        u = U[g, p]
        k = k_lo
        if tb == 16 or tb == 32 or tb == 64:
            while k + 4 <= k_hi:
                if tb == 16:
                    _dense_micro_16(u, k, V, M, p, cg)
                elif tb == 32:
                    _dense_micro_32(u, k, V, M, p, cg)
                elif tb == 64:
                    _dense_micro_64(u, k, V, M, p, cg)
                k += 4
        while k < k_hi:
            m0 = M[p, k * tb:k * tb + nt]
            m0[:] = 0.0
            for c in range(cg):
                v = V[p, c * tb:c * tb + nt]
                u0 = u[k, c]
                for t in range(nt):
                    m0[t] += u0 * v[t]
            k += 1


@numba.njit(**JIT)
def _sparse_products(indptr, indices, values, V, M, g, nt, tb, k_lo, k_hi):
    """M[p, k*tb + t] = sum over CSR row (g, p, k) of value * V[p, c*tb + t]; the row's
    tb lanes stay in registers over all its nonzeros (partial blocks too: V's lanes past
    the last tile are zero, see :func:`_dense_products`)."""
    a2 = M.shape[0]
    kg = M.shape[1] // tb
    for p in range(a2):
        base = (g * a2 + p) * kg
        for k in range(k_lo, k_hi):
            start = indptr[base + k]
            stop = indptr[base + k + 1]
            if tb == 16 or tb == 32 or tb == 64:
                if tb == 16:
                    _sparse_micro_16(indices, values, start, stop, V, M, p, k)
                elif tb == 32:
                    _sparse_micro_32(indices, values, start, stop, V, M, p, k)
                else:
                    _sparse_micro_64(indices, values, start, stop, V, M, p, k)
            else:
                m0 = M[p, k * tb:k * tb + nt]
                m0[:] = 0.0
                for idx in range(start, stop):
                    val = values[idx]
                    c = indices[idx]
                    v = V[p, c * tb:c * tb + nt]
                    for t in range(nt):
                        m0[t] += val * v[t]


@numba.njit(**PARALLEL_JIT)
def run_dense(xp, U, BT, AT, out, tile, th, tw, n_tiles, tb, n_blocks, groups):
    a = BT.shape[0]
    a2 = a * a
    kg = U.shape[2]
    cg = U.shape[3]
    wp = xp.shape[3]
    chan_stride = xp.shape[2] * wp
    xflat = xp.reshape(xp.size)
    for b in numba.prange(n_blocks):
        tile0 = b * tb
        nt = min(tb, n_tiles - tile0)
        D = np.empty((a2, CHUNK * tb), dtype=np.float32)
        T1 = np.empty((a2, CHUNK * tb), dtype=np.float32)
        V = np.empty((a2, cg * tb), dtype=np.float32)
        M = np.empty((a2, kg * tb), dtype=np.float32)
        Y = np.empty((tile * tile, CHUNK * tb), dtype=np.float32)
        off = np.empty(tb, dtype=np.int64)
        _tile_offsets(tile0, nt, tile, th, tw, chan_stride * xp.shape[1], wp, off)
        for g in range(groups):
            _input_transform_block(xflat, off, g * cg, cg, chan_stride, wp, nt, tb, BT, D, T1, V)
            _dense_products(U, V, M, g, nt, tb, 0, kg)
            _output_transform_block(M, out, g * kg, kg, tile, th, tw, tile0, nt, tb, AT, T1, Y)


@numba.njit(**PARALLEL_JIT)
def run_sparse(xp, indptr, indices, values, kg, cg, BT, AT, out, tile, th, tw, n_tiles, tb,
               n_blocks, groups):
    a = BT.shape[0]
    a2 = a * a
    wp = xp.shape[3]
    chan_stride = xp.shape[2] * wp
    xflat = xp.reshape(xp.size)
    for b in numba.prange(n_blocks):
        tile0 = b * tb
        nt = min(tb, n_tiles - tile0)
        D = np.empty((a2, CHUNK * tb), dtype=np.float32)
        T1 = np.empty((a2, CHUNK * tb), dtype=np.float32)
        V = np.empty((a2, cg * tb), dtype=np.float32)
        M = np.empty((a2, kg * tb), dtype=np.float32)
        Y = np.empty((tile * tile, CHUNK * tb), dtype=np.float32)
        off = np.empty(tb, dtype=np.int64)
        _tile_offsets(tile0, nt, tile, th, tw, chan_stride * xp.shape[1], wp, off)
        for g in range(groups):
            _input_transform_block(xflat, off, g * cg, cg, chan_stride, wp, nt, tb, BT, D, T1, V)
            _sparse_products(indptr, indices, values, V, M, g, nt, tb, 0, kg)
            _output_transform_block(M, out, g * kg, kg, tile, th, tw, tile0, nt, tb, AT, T1, Y)


# ---- work accounting -------------------------------------------------------------
def transform_phases(layer: ConvLayer, tile: int, batch: int, kind: str = "dense"):
    """The pad, input-transform and output-transform phases (shared by both kernels)."""
    from ..work import Phase

    th, tw, n_tiles, tb, n_blocks = geometry(layer, tile, batch, kind)
    a = tile + 2
    a2 = a * a
    hp, wp = th * tile + 2, tw * tile + 2
    in_elems = batch * layer.C * layer.H * layer.W
    pad = Phase("pad_input", flops=0.0, bytes=4.0 * (in_elems + batch * layer.C * hp * wp),
                working_set_bytes=4.0 * batch * layer.C * hp * wp, compute="stream")
    v_block = 4.0 * a2 * layer.C_per_group * tb
    m_block = 4.0 * a2 * layer.K_per_group * tb
    inp = Phase("input_transform",
                flops=float(wt.input_transform_flops(tile)) * layer.C * n_tiles,
                # gather reads a2 elements per tile and channel, writes D; two passes
                # read D/T1 and write T1/V (each a2 per tile and channel)
                bytes=4.0 * a2 * layer.C * n_tiles * 6,
                working_set_bytes=v_block, compute="stream")
    outp = Phase("output_transform",
                 flops=float(wt.output_transform_flops(tile)) * layer.K * n_tiles,
                 bytes=4.0 * layer.K * n_tiles * (a2 + 2 * tile * a + 2 * tile * tile)
                 + 4.0 * batch * layer.K * layer.P * layer.Q,
                 working_set_bytes=m_block, compute="stream")
    return pad, inp, outp, (th, tw, n_tiles, tb, n_blocks), v_block, m_block


# ---- split path for layers with few tile blocks -------------------------------------
@numba.njit(**PARALLEL_JIT)
def _transform_all(xp, BT, tile, th, tw, n_tiles, tb, n_blocks, groups, cg):
    """Input transform of every block, parallel over (block, group, channel chunk)."""
    a = BT.shape[0]
    a2 = a * a
    wp = xp.shape[3]
    chan_stride = xp.shape[2] * wp
    xflat = xp.reshape(xp.size)
    n_chunks = -(-cg // CHUNK)
    Vall = np.empty((n_blocks * groups, a2, cg * tb), dtype=np.float32)
    for it in numba.prange(n_blocks * groups * n_chunks):
        bg = it // n_chunks
        ch = it - bg * n_chunks
        b = bg // groups
        g = bg - b * groups
        tile0 = b * tb
        nt = min(tb, n_tiles - tile0)
        D = np.empty((a2, CHUNK * tb), dtype=np.float32)
        T1 = np.empty((a2, CHUNK * tb), dtype=np.float32)
        off = np.empty(tb, dtype=np.int64)
        _tile_offsets(tile0, nt, tile, th, tw, chan_stride * xp.shape[1], wp, off)
        c_lo = ch * CHUNK
        c_hi = min(cg, c_lo + CHUNK)
        Vc = np.empty((a2, (c_hi - c_lo) * tb), dtype=np.float32)
        _input_transform_block(xflat, off, g * cg + c_lo, c_hi - c_lo, chan_stride, wp, nt, tb,
                               BT, D, T1, Vc)
        Vall[bg, :, c_lo * tb:c_hi * tb] = Vc
    return Vall


@numba.njit(**PARALLEL_JIT)
def run_dense_split(xp, U, BT, AT, out, tile, th, tw, n_tiles, tb, n_blocks, groups, k_step):
    """dense_winograd for few blocks: transform all, then parallel over (block, group, K slice)."""
    a = BT.shape[0]
    a2 = a * a
    kg = U.shape[2]
    cg = U.shape[3]
    Vall = _transform_all(xp, BT, tile, th, tw, n_tiles, tb, n_blocks, groups, cg)
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
        M = np.empty((a2, kg * tb), dtype=np.float32)
        T1 = np.empty((a2, CHUNK * tb), dtype=np.float32)
        Y = np.empty((tile * tile, CHUNK * tb), dtype=np.float32)
        _dense_products(U, Vall[bg], M, g, nt, tb, k_lo, k_hi)
        _output_transform_block(M, out, g * kg, k_hi, tile, th, tw, tile0, nt, tb, AT, T1, Y, k_lo)


@numba.njit(**PARALLEL_JIT)
def run_sparse_split(xp, indptr, indices, values, kg, cg, BT, AT, out, tile, th, tw, n_tiles, tb,
                     n_blocks, groups, k_step):
    """sparse_winograd for few blocks: transform all, then parallel over (block, group, K slice)."""
    a = BT.shape[0]
    a2 = a * a
    Vall = _transform_all(xp, BT, tile, th, tw, n_tiles, tb, n_blocks, groups, cg)
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
        M = np.empty((a2, kg * tb), dtype=np.float32)
        T1 = np.empty((a2, CHUNK * tb), dtype=np.float32)
        Y = np.empty((tile * tile, CHUNK * tb), dtype=np.float32)
        _sparse_products(indptr, indices, values, Vall[bg], M, g, nt, tb, k_lo, k_hi)
        _output_transform_block(M, out, g * kg, k_hi, tile, th, tw, tile0, nt, tb, AT, T1, Y, k_lo)


def use_split(n_blocks: int, groups: int) -> bool:
    """Few (block, group) work items cannot keep the threads busy: split over K too."""
    return n_blocks * groups < 4 * numba.get_num_threads()


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

    def workspace_bytes(self, layer: ConvLayer, tile=None, **options) -> float:
        return workspace_bytes(layer, resolve_tile(layer, tile), self.workspace_kind)


def reject_unknown_options(options) -> None:
    """Refuse options other than ``tile`` and ``weights_domain`` (typos would be ignored)."""
    if options:
        raise WinomodelError(f"unknown Winograd kernel option(s): {sorted(options)}; "
                             f"known: tile, weights_domain")
