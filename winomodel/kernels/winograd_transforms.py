"""Winograd F(m x m, 3 x 3) transform matrices, derived from interpolation points.

The matrices follow the modified Toom-Cook construction of Lavin & Gray (2016):
choose ``alpha - 1 = m + 1`` finite interpolation points ``x_i`` plus the point at
infinity; then, with ``alpha = m + 2``,

* ``A^T`` (m x alpha): column ``i`` evaluates the output polynomial's ``m``
  coefficients at ``x_i`` (a Vandermonde column ``x_i^0 .. x_i^(m-1)``); the
  infinity column picks the top coefficient.
* ``G`` (alpha x 3): row ``i`` evaluates the filter polynomial at ``x_i`` divided by
  the Lagrange denominator ``prod_{j != i} (x_i - x_j)``; the infinity row picks the
  top filter coefficient.
* ``B^T`` (alpha x alpha): row ``i`` holds the coefficients of the Lagrange
  numerator ``prod_{j != i} (x - x_j)``; the infinity row holds ``prod_j (x - x_j)``.

Everything is computed in exact rationals (:class:`fractions.Fraction`) and checked,
at first use, against direct 1-D correlation ``y_i = sum_k d_{i+k} g_k`` on symbolic
unit vectors -- an exact identity, so a wrong sign or scale cannot slip through.
The 2-D transform is the nested 1-D one: ``Y = A^T [(G g G^T) * (B^T d B)] A``.
"""

from __future__ import annotations

import functools
from fractions import Fraction
from typing import NamedTuple, Tuple

import numpy as np

from ..errors import WinomodelError

#: output tile sizes m supported for F(m x m, 3 x 3)
TILES = (2, 4, 6)

#: filter size r (3 x 3 kernels only)
R = 3

_POINTS = {
    2: (Fraction(0), Fraction(1), Fraction(-1)),
    4: (Fraction(0), Fraction(1), Fraction(-1), Fraction(2), Fraction(-2)),
    6: (Fraction(0), Fraction(1), Fraction(-1), Fraction(2), Fraction(-2),
        Fraction(1, 2), Fraction(-1, 2)),
}

FracMatrix = Tuple[Tuple[Fraction, ...], ...]


class WinogradTransforms(NamedTuple):
    """The three matrices of F(m x m, 3 x 3) in exact and floating form.

    Attributes
    ----------
    m, alpha : int
        Output tile size and input tile size ``alpha = m + 2``.
    points : tuple of Fraction
        The finite interpolation points (infinity is implied).
    AT, G, BT : tuple of tuples of Fraction
        Exact ``A^T`` (m x alpha), ``G`` (alpha x 3), ``B^T`` (alpha x alpha).
    AT32, G32, BT32, AT64, G64, BT64 : ndarray
        The same matrices as read-only float32 / float64 arrays.
    """

    m: int
    alpha: int
    points: Tuple[Fraction, ...]
    AT: FracMatrix
    G: FracMatrix
    BT: FracMatrix
    AT32: np.ndarray
    G32: np.ndarray
    BT32: np.ndarray
    AT64: np.ndarray
    G64: np.ndarray
    BT64: np.ndarray


def check_tile(tile) -> int:
    """Return ``tile`` as an int in :data:`TILES` or raise :class:`WinomodelError`."""
    if isinstance(tile, bool) or not hasattr(tile, "__index__") or int(tile) not in TILES:
        raise WinomodelError(f"tile must be one of {TILES} (F(m x m, 3 x 3) output size), got {tile!r}")
    return int(tile)


def _poly_mul(a, b):
    """Product of two polynomials given as ascending coefficient lists."""
    out = [Fraction(0)] * (len(a) + len(b) - 1)
    for i, ai in enumerate(a):
        for j, bj in enumerate(b):
            out[i + j] += ai * bj
    return out


def _derive(m: int):
    pts = _POINTS[m]
    alpha = m + R - 1
    n_finite = alpha - 1
    # A^T: Vandermonde columns, then the infinity column (top coefficient)
    AT = [[p ** t for p in pts] + [Fraction(0)] for t in range(m)]
    AT[m - 1][alpha - 1] = Fraction(1)
    # G: filter evaluated at x_i over the Lagrange denominator, then the infinity row
    G = []
    for i, xi in enumerate(pts):
        denom = Fraction(1)
        for j, xj in enumerate(pts):
            if j != i:
                denom *= xi - xj
        G.append([xi ** t / denom for t in range(R)])
    G.append([Fraction(0)] * (R - 1) + [Fraction(1)])
    # B^T: Lagrange numerators prod_{j != i}(x - x_j), then prod_j (x - x_j)
    BT = []
    for i in range(n_finite):
        num = [Fraction(1)]
        for j, xj in enumerate(pts):
            if j != i:
                num = _poly_mul(num, [-xj, Fraction(1)])
        BT.append(num + [Fraction(0)])
    full = [Fraction(1)]
    for xj in pts:
        full = _poly_mul(full, [-xj, Fraction(1)])
    BT.append(full)
    return tuple(map(tuple, AT)), tuple(map(tuple, G)), tuple(map(tuple, BT))


def _matvec(M, v):
    return [sum((a * b for a, b in zip(row, v)), Fraction(0)) for row in M]


def verify_1d(AT, G, BT, m: int) -> None:
    """Check ``A^T [(G g) * (B^T d)] == correlate(d, g)`` exactly for every pair of unit
    vectors ``d``, ``g`` (bilinearity makes that a proof for all inputs).

    Raises
    ------
    AssertionError
        If any output differs (exact rational comparison).
    """
    alpha = m + R - 1
    for a in range(alpha):
        d = [Fraction(int(i == a)) for i in range(alpha)]
        bd = _matvec(BT, d)
        for b in range(R):
            g = [Fraction(int(i == b)) for i in range(R)]
            gg = _matvec(G, g)
            y = _matvec(AT, [u * v for u, v in zip(gg, bd)])
            want = [sum((d[i + k] * g[k] for k in range(R)), Fraction(0)) for i in range(m)]
            if y != want:
                raise AssertionError(f"F({m},3) transform wrong for d=e{a}, g=e{b}: {y} != {want}")


def _frozen(M, dtype) -> np.ndarray:
    arr = np.array([[float(v) for v in row] for row in M], dtype=dtype)
    arr.setflags(write=False)
    return arr


@functools.lru_cache(maxsize=None)
def winograd_transforms(tile: int) -> WinogradTransforms:
    """The verified transforms of F(tile x tile, 3 x 3) (cached).

    Parameters
    ----------
    tile : int
        Output tile size m, one of :data:`TILES`.

    Returns
    -------
    WinogradTransforms
        ``A^T``, ``G``, ``B^T`` exact and as float32/float64 arrays.

    Examples
    --------
    >>> t = winograd_transforms(2)
    >>> t.BT64.shape, t.G64.shape, t.AT64.shape
    ((4, 4), (4, 3), (2, 4))
    """
    m = check_tile(tile)
    AT, G, BT = _derive(m)
    verify_1d(AT, G, BT, m)
    return WinogradTransforms(
        m=m, alpha=m + R - 1, points=_POINTS[m], AT=AT, G=G, BT=BT,
        AT32=_frozen(AT, np.float32), G32=_frozen(G, np.float32), BT32=_frozen(BT, np.float32),
        AT64=_frozen(AT, np.float64), G64=_frozen(G, np.float64), BT64=_frozen(BT, np.float64),
    )


def combine_flops(M) -> int:
    """FLOPs of applying matrix ``M`` to one vector the way the kernels do it.

    Each output row is a chain over its nonzero coefficients: the first term is a
    copy (coefficient +-1, 0 flops, a negation is a sign flip) or a multiply (1 flop);
    every further term is an add/sub (coefficient +-1, 1 flop) or an FMA (2 flops).
    A row with no nonzero coefficient is a zero fill (0 flops).
    """
    M = np.asarray(M, dtype=np.float64)
    total = 0
    for row in M:
        nz = row[row != 0]
        if nz.size == 0:
            continue
        unit = np.abs(nz) == 1
        total += 0 if unit[0] else 1
        total += int(np.sum(np.where(unit[1:], 1, 2)))
    return total


def input_transform_flops(tile: int) -> int:
    """FLOPs of ``B^T d B`` for one alpha x alpha tile of one channel (both passes)."""
    t = winograd_transforms(tile)
    return 2 * t.alpha * combine_flops(t.BT64)


def output_transform_flops(tile: int) -> int:
    """FLOPs of ``A^T M A`` for one tile of one output channel (alpha + m row passes)."""
    t = winograd_transforms(tile)
    return (t.alpha + t.m) * combine_flops(t.AT64)


def filter_transform(w, tile: int) -> np.ndarray:
    """``G g G^T`` for every filter of ``w`` (K, C, 3, 3), computed in float64."""
    t = winograd_transforms(tile)
    return np.einsum("ij,kcjl,ml->kcim", t.G64, np.asarray(w, dtype=np.float64), t.G64)
