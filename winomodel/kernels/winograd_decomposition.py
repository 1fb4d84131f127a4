"""Decomposable Winograd (DWM, Huang et al., AAAI 2020): any stride-1/2 layer as a sum of
stride-1 pieces of at most r x r, each one F(m x m, r x r) over the same output tiles.

Stride.  With stride s the padded input ``X`` is split once into its ``s_v x s_h``
polyphase planes ``X_ab[Y, X] = X[s_v Y + a, s_h X + b]`` (one copy, same total size:
the ``pad_input`` phase, as in the direct kernels), and the kernel into its phase sub-kernels
``w_ab[q, t] = w[s_v q + a, s_h t + b]``; then

    out[y, x] = sum_ab sum_qt w_ab[q, t] X_ab[y + q, x + t],

a sum of stride-1 correlations (a 3x3 stride-2 kernel: 2x2, 2x1, 1x2 and 1x1 ones).

Size.  Every phase sub-kernel is cut into r x r pieces (the last ones zero-padded):
piece (i, j) of phase ab correlates ``X_ab`` shifted by ``(r i, r j)``.  A 5x5 kernel is
four 3x3 pieces (padded to 6x6), a 7x7 stride-2 one nine.

All pieces of a layer use one F(m, r), so they share the output tiles: their products
are summed in the Winograd domain (each piece is one more group of "input channels"
of the products ``M = sum_p U_p V_p``) and one output transform serves them all.  For
stride 1 a piece's tiles are the same padded input read at a shifted origin (no copy).

A piece with fewer than r rows (columns) of taps is zero on the last row (column) of its
Winograd-domain weights whatever the weights (``G``'s point at infinity picks the last
tap): a 3x3 stride-2 layer's 2x1, 1x2 and 1x1 pieces as F(4, 2) hold 20, 20 and 16 of 25
positions.  Neither kernel multiplies by these structural zeros
(:meth:`Decomposition.structural_nonzeros`, :meth:`Decomposition.product_columns`).

The order of the pieces (phase-major, then row, then column) is the order of the
columns of the products: Winograd-domain weights are ``(K, P * C/g, alpha, alpha)``,
column ``p * C/g + c`` holding piece ``p`` of input channel ``c``.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import math
from typing import Tuple

import numpy as np

from ..errors import UnsupportedLayerError
from ..layer import ConvLayer
from . import winograd_transforms as wt

#: strides the polyphase split covers (per axis); larger ones run on the direct kernels
STRIDES = (1, 2)
#: tiles per vector of the transforms and products (the narrowest tile block)
VECTOR_TILES = 16


@dataclasses.dataclass(frozen=True)
class Decomposition:
    """The pieces of an R x S kernel with stride (sv, sh), each an F(m x m, r x r).

    Attributes
    ----------
    R, S : int
        Kernel size.
    stride : (int, int)
    m, r : int
        The F(m, r) every piece runs.
    pieces : tuple of (a, b, i, j)
        Phase (row a, column b) and the piece's place (i, j) in that phase's sub-kernel.
    """

    R: int
    S: int
    stride: Tuple[int, int]
    m: int
    r: int
    pieces: Tuple[Tuple[int, int, int, int], ...]

    @property
    def alpha(self) -> int:
        return wt.alpha_of(self.m, self.r)

    @property
    def n_pieces(self) -> int:
        return len(self.pieces)

    @property
    def transforms(self) -> wt.WinogradTransforms:
        return wt.winograd_transforms(self.m, self.r)

    @property
    def trivial(self) -> bool:
        """One piece that is the whole kernel (a 3x3 stride-1 layer with r = 3)."""
        return self.n_pieces == 1 and (self.R, self.S) == (self.r, self.r) and self.stride == (1, 1)

    def describe(self) -> str:
        sv, sh = self.stride
        what = f"{self.n_pieces} piece{'s' * (self.n_pieces != 1)} F({self.m}x{self.m}, {self.r}x{self.r})"
        if self.stride != (1, 1):
            what += f" over {sv * sh} polyphase planes"
        return what

    def taps(self, piece: int):
        """The real taps of piece ``piece``: ``[(u, v, R_idx, S_idx)]``, piece position
        (u, v) < (r, r) holding kernel tap (R_idx, S_idx); the other positions are zero."""
        a, b, i, j = self.pieces[piece]
        sv, sh = self.stride
        out = []
        for u in range(self.r):
            ry = a + sv * (self.r * i + u)
            for v in range(self.r):
                sx = b + sh * (self.r * j + v)
                if ry < self.R and sx < self.S:
                    out.append((u, v, ry, sx))
        return out

    def tap_mask(self) -> np.ndarray:
        """(P, r, r) bool: which positions of each piece hold a kernel tap."""
        mask = np.zeros((self.n_pieces, self.r, self.r), dtype=bool)
        for p in range(self.n_pieces):
            for u, v, _, _ in self.taps(p):
                mask[p, u, v] = True
        return mask

    def structural_nonzeros(self) -> np.ndarray:
        """(P, alpha, alpha) bool: the Winograd-domain positions of each piece that can be
        nonzero (``G`` times the tap mask times ``G^T``); the others are zero whatever the
        weights (e.g. the infinity row of a 1-row piece)."""
        G = np.abs(self.transforms.G64)
        mask = self.tap_mask().astype(np.float64)
        return np.einsum("iu,puv,jv->pij", G, mask, G) > 0

    def spatial_pieces(self, w) -> np.ndarray:
        """The pieces of spatial weights ``w`` (K, C, R, S): (K, P, C, r, r) float64."""
        w = np.asarray(w, dtype=np.float64)
        k, c = w.shape[:2]
        out = np.zeros((k, self.n_pieces, c, self.r, self.r))
        for p in range(self.n_pieces):
            for u, v, ry, sx in self.taps(p):
                out[:, p, :, u, v] = w[:, :, ry, sx]
        return out

    def filter_transform(self, w) -> np.ndarray:
        """Winograd-domain weights of spatial ``w`` (K, C, R, S): ``G w_p G^T`` of every
        piece, (K, P * C, alpha, alpha) float64, piece-major columns."""
        G = self.transforms.G64
        pieces = self.spatial_pieces(w)
        k, p, c = pieces.shape[:3]
        u = np.einsum("ij,kpcjl,ml->kpcim", G, pieces, G)
        return u.reshape(k, p * c, self.alpha, self.alpha)

    def multiplies_per_output(self) -> float:
        """Winograd-domain multiplies per output and input channel: the pieces' structurally
        nonzero positions over ``m^2`` (at most ``P alpha^2 / m^2``; direct convolution:
        R * S).  Neither kernel multiplies by a structural zero: sparse_winograd never
        stores one, dense_winograd's sums skip them (:meth:`product_columns`)."""
        return float(self.structural_nonzeros().sum()) / self.m ** 2

    def product_order(self) -> Tuple[int, ...]:
        """The pieces' order in dense_winograd's product columns: one where the pieces that
        can be nonzero at each position are consecutive, so that each position's sum runs
        over one range of columns (:meth:`product_columns`).  Searched over every order
        for up to :data:`ORDER_SEARCH_PIECES` pieces, by swapping pairs beyond.  A 3x3
        stride-2 layer as F(4, 2) sums 81 of its 100 piece-positions (85 in the
        decomposition's order), a 5x5 layer as F(4, 3) 121 of 144, a 7x7 stride-2 one 289
        of 324."""
        return _product_order(self)

    def product_columns(self, nonzero=None) -> np.ndarray:
        """(alpha^2, 2) int64: the range [lo, hi) of pieces, in :meth:`product_order`,
        that dense_winograd's products sum at each position (alpha-major).

        ``nonzero``: (P, alpha, alpha) bool, the pieces' positions that hold a nonzero
        weight (in the decomposition's order); default :meth:`structural_nonzeros`.  A
        position no piece reaches gets an empty range (its products are zero)."""
        if nonzero is None:
            return _structural_columns(self).copy()
        mask = np.asarray(nonzero, dtype=bool).reshape(self.n_pieces, -1)
        return _ranges(mask[list(self.product_order())])


#: most pieces whose every order :meth:`Decomposition.product_order` tries (6! = 720)
ORDER_SEARCH_PIECES = 6


def _ranges(mask: np.ndarray) -> np.ndarray:
    """(positions, 2) bounding ranges [lo, hi) of the True rows in each column of ``mask``
    (pieces x positions); (0, 0) for an empty column."""
    out = np.zeros((mask.shape[1], 2), dtype=np.int64)
    for q in range(mask.shape[1]):
        rows = np.flatnonzero(mask[:, q])
        if rows.size:
            out[q] = rows[0], rows[-1] + 1
    return out


@functools.lru_cache(maxsize=256)
def _structural_columns(dec: Decomposition) -> np.ndarray:
    """:meth:`Decomposition.product_columns` of the structural nonzeros (the work counts
    ask for it at every prediction)."""
    mask = dec.structural_nonzeros().reshape(dec.n_pieces, -1)
    return _ranges(mask[list(dec.product_order())])


@functools.lru_cache(maxsize=256)
def _product_order(dec: Decomposition) -> Tuple[int, ...]:
    mask = dec.structural_nonzeros().reshape(dec.n_pieces, -1)
    identity = tuple(range(dec.n_pieces))

    def summed(order):
        lo_hi = _ranges(mask[list(order)])
        return int((lo_hi[:, 1] - lo_hi[:, 0]).sum())
    if dec.n_pieces <= ORDER_SEARCH_PIECES:
        # min keeps the first of equals: the identity where it is as good
        return min(itertools.permutations(identity), key=summed)
    # more pieces: swap pairs while a swap shortens the ranges
    order, cost = list(identity), summed(identity)
    improved = True
    while improved:
        improved = False
        for i, j in itertools.combinations(range(len(order)), 2):
            trial = order.copy()
            trial[i], trial[j] = trial[j], trial[i]
            if summed(trial) < cost:
                order, cost, improved = trial, summed(trial), True
    return tuple(order)


def check_coverable(layer: ConvLayer, kernel_name: str = "Winograd") -> None:
    """Raise :class:`UnsupportedLayerError` (naming the direct kernels) unless the
    decomposition covers ``layer``: strides 1 and 2, kernels larger than 1x1."""
    problems = []
    if any(s not in STRIDES for s in layer.stride):
        problems.append(f"stride {layer.stride} (the polyphase split covers strides 1 and 2)")
    if (layer.R, layer.S) == (1, 1):
        problems.append("a 1x1 kernel (F(m, 1) saves no multiply: a 1x1 convolution is a "
                        "plain matrix product)")
    if problems:
        raise UnsupportedLayerError(
            f"{kernel_name} does not run {' and '.join(problems)} ({layer.describe()}); "
            f"use dense_direct or sparse_direct for this layer")


@functools.lru_cache(maxsize=1024)
def decompose(R: int, S: int, stride: Tuple[int, int], m: int, r: int) -> Decomposition:
    """The pieces of an R x S kernel with ``stride`` as F(m x m, r x r) ones."""
    sv, sh = stride
    pieces = []
    for a in range(sv):
        rows = len(range(a, R, sv))          # phase sub-kernel height
        for b in range(sh):
            cols = len(range(b, S, sh))
            if rows == 0 or cols == 0:
                continue
            for i in range(-(-rows // r)):
                for j in range(-(-cols // r)):
                    pieces.append((a, b, i, j))
    return Decomposition(R, S, (sv, sh), m, r, tuple(pieces))


def default_spec(layer: ConvLayer) -> Tuple[int, int]:
    """The (m, r) used when none is given: the largest useful multiply reduction
    ``R S / multiplies_per_output`` (:meth:`Decomposition.multiplies_per_output`),
    discounted by the wasted outputs of partial border tiles ``(P*Q) / (ceil(P/m) m
    ceil(Q/m) m)`` and by the idle lanes of the 16-tile vectors (the products compute
    whole vectors of tiles: a batch-1 7x7 output is 4 tiles of 4x4, a quarter of a
    vector), over m in {2, 4} and r in {3, 2}.  F(6, r)
    only when asked: more transform work and a larger fp32 error.

    3x3 stride 1: F(4, 3) (one piece); 3x3 stride 2: F(4, 2) (four pieces of at most 2x2,
    5.06 multiplies per output instead of 9); 5x5: F(4, 3) (four pieces, 7.56 instead of 25).
    """
    return max(((m, r) for r in wt.PIECE_SIZES for m in (4, 2)), key=lambda mr: _gain(layer, *mr))


def for_layer(layer: ConvLayer, tile=None, r=None) -> Decomposition:
    """The decomposition a Winograd kernel runs ``layer`` with: ``tile`` and ``r`` as given,
    else :func:`default_spec`'s (a given tile alone keeps the default r)."""
    m0, r0 = default_spec(layer)
    r = r0 if r is None else wt.check_r(r)
    if tile is None:
        tile = m0 if r == r0 else max((4, 2), key=lambda m: _gain(layer, m, r))
    m = wt.check_tile(tile, r)
    return decompose(layer.R, layer.S, layer.stride, m, r)


def _gain(layer: ConvLayer, m: int, r: int) -> float:
    dec = decompose(layer.R, layer.S, layer.stride, m, r)
    th, tw = math.ceil(layer.P / m), math.ceil(layer.Q / m)
    tiles = layer.N * th * tw
    lanes = math.ceil(tiles / VECTOR_TILES) * VECTOR_TILES
    border = (layer.P * layer.Q) / (th * m * tw * m)
    return (layer.R * layer.S / dec.multiplies_per_output()) * border * tiles / lanes


@dataclasses.dataclass(frozen=True)
class Planes:
    """Geometry of the polyphase buffer the pieces read.

    Attributes
    ----------
    th, tw : int
        Output tiles per column and row.
    hq, wq : int
        Height and width of each polyphase plane: every tile of every piece, and every
        input position, lands inside.
    plane, chan : int
        Floats per plane and per input channel (``sv * sh`` planes).
    shifts : tuple of int
        Flat offset of each piece's origin (its phase plane, shifted by ``(r i, r j)``).
    """

    th: int
    tw: int
    hq: int
    wq: int
    plane: int
    chan: int
    shifts: Tuple[int, ...]


@functools.lru_cache(maxsize=1024)
def planes(layer: ConvLayer, dec: Decomposition) -> Planes:
    """:class:`Planes` of ``layer`` run as ``dec``."""
    m, r = dec.m, dec.r
    sv, sh = dec.stride
    th, tw = -(-layer.P // m), -(-layer.Q // m)
    oy = max(r * i for _, _, i, _ in dec.pieces)
    ox = max(r * j for _, _, _, j in dec.pieces)
    # tiles reach row th*m + oy + r - 2 (alpha = m + r - 1 rows from (th - 1) m + oy); the
    # input reaches padded row H + ph - 1, plane row (H + ph - 1) // sv
    hq = max(th * m + oy + r - 1, (layer.H + layer.pad[0] - 1) // sv + 1)
    wq = max(tw * m + ox + r - 1, (layer.W + layer.pad[1] - 1) // sh + 1)
    plane = hq * wq
    shifts = tuple((a * sh + b) * plane + r * i * wq + r * j for a, b, i, j in dec.pieces)
    return Planes(th, tw, hq, wq, plane, sv * sh * plane, shifts)
