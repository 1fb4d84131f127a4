"""The Winograd specification F(m, r): transform matrices derived from interpolation points.

One place owns F(m, r): output tile ``m``, filter size ``r``, input tile
``alpha = m + r - 1`` (:func:`alpha_of`), the points and the matrices.  The matrices
follow the modified Toom-Cook construction of Lavin & Gray (2016): choose
``alpha - 1`` finite interpolation points ``x_i`` plus the point at infinity; then

* ``A^T`` (m x alpha): column ``i`` evaluates the output polynomial's ``m``
  coefficients at ``x_i`` (a Vandermonde column ``x_i^0 .. x_i^(m-1)``); the
  infinity column picks the top coefficient.
* ``G`` (alpha x r): row ``i`` evaluates the filter polynomial at ``x_i`` divided by
  the Lagrange denominator ``prod_{j != i} (x_i - x_j)``; the infinity row picks the
  top filter coefficient.
* ``B^T`` (alpha x alpha): row ``i`` holds the coefficients of the Lagrange
  numerator ``prod_{j != i} (x - x_j)``; the infinity row holds ``prod_j (x - x_j)``.

Everything is computed in exact rationals (:class:`fractions.Fraction`) and checked,
at first use, against direct 1-D correlation ``y_i = sum_k d_{i+k} g_k`` on symbolic
unit vectors -- an exact identity, so a wrong sign or scale cannot slip through.
The 2-D transform is the nested 1-D one, ``Y = A^T [(G g G^T) * (B^T d B)] A``, and a
rectangular filter nests two different 1-D ones (:func:`filter_transform_2d`).

fp32 error (:func:`fp32_error`, one tile, worst of 200 random normal tiles, relative to
max |y|; a direct 3x3 fp32 correlation is ~2e-7): F(2,2) 4.4e-7, F(4,2) 1.8e-6,
F(6,2) 5.5e-6, F(2,3) 5.4e-7, F(4,3) 4.5e-6, F(6,3) 5.3e-6 -- it grows with alpha and
with the magnitude of the points (``tests/test_winograd_decomposition.py`` holds the
bounds and the decomposed layers' figures).
"""

from __future__ import annotations

import functools
from fractions import Fraction
from typing import NamedTuple, Tuple

import numpy as np

from ..errors import WinomodelError

#: output tile sizes m of the F(m x m, 3 x 3) transforms the kernels run
TILES = (2, 4, 6)

#: filter sizes r of the transforms the kernels run: 3 (3x3 layers and the 3x3 pieces of
#: larger kernels), 2 (the 2x2 polyphase pieces of stride-2 3x3 layers)
PIECE_SIZES = (3, 2)

#: (m, r) of every F(m, r) the kernels run (their transforms are generated code)
SPECS = tuple((m, r) for r in PIECE_SIZES for m in TILES)

#: filter size r of the classic F(m x m, 3 x 3) (the default everywhere)
R = 3

#: finite interpolation points by count (alpha - 1 = m + r - 2): 0, +-1, then +-2 or
#: +-1/2, small magnitudes first (the fp32 error grows with the size of the transforms'
#: coefficients).  Where a count leaves a choice the one with the smaller fp32 error
#: (:func:`fp32_error`, mean over 300 random tiles) was taken: F(4, 2) with -2 as its
#: fourth point 3.9e-7 (2: 4.1e-7, 1/2: 4.4e-7); F(6, 2) with {+-1/2, -2} 1.6e-6
#: ({+-2, 1/2}: 1.75e-6)
_POINTS_BY_COUNT = {
    2: (Fraction(0), Fraction(1)),
    3: (Fraction(0), Fraction(1), Fraction(-1)),
    4: (Fraction(0), Fraction(1), Fraction(-1), Fraction(-2)),
    5: (Fraction(0), Fraction(1), Fraction(-1), Fraction(2), Fraction(-2)),
    6: (Fraction(0), Fraction(1), Fraction(-1), Fraction(1, 2), Fraction(-1, 2), Fraction(-2)),
    7: (Fraction(0), Fraction(1), Fraction(-1), Fraction(2), Fraction(-2),
        Fraction(1, 2), Fraction(-1, 2)),
}

#: F(m, 3) points, as Lavin & Gray give them (kept for the tests' independent oracle)
_POINTS = {m: _POINTS_BY_COUNT[m + 1] for m in TILES}

FracMatrix = Tuple[Tuple[Fraction, ...], ...]


class WinogradTransforms(NamedTuple):
    """The three matrices of F(m, r) in exact and floating form.

    Attributes
    ----------
    m, alpha : int
        Output tile size and input tile size ``alpha = m + r - 1``.
    points : tuple of Fraction
        The finite interpolation points (infinity is implied).
    AT, G, BT : tuple of tuples of Fraction
        Exact ``A^T`` (m x alpha), ``G`` (alpha x r), ``B^T`` (alpha x alpha).
    AT32, G32, BT32, AT64, G64, BT64 : ndarray
        The same matrices as read-only float32 / float64 arrays.
    r : int
        Filter size (last, so that code unpacking the F(m, 3) fields keeps working).
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
    r: int = R


def alpha_of(m: int, r: int = R) -> int:
    """Input tile size of F(m, r): ``m + r - 1`` (the one place it is written)."""
    return m + r - 1


def check_tile(tile, r: int = R) -> int:
    """Return ``tile`` as an int, an output size the kernels run with filter size ``r``
    (:data:`SPECS`), or raise :class:`WinomodelError`."""
    if isinstance(tile, bool) or not hasattr(tile, "__index__") or (int(tile), r) not in SPECS:
        raise WinomodelError(f"tile must be one of {TILES} (F(m x m, {r} x {r}) output size), "
                             f"got {tile!r}")
    return int(tile)


def check_r(r) -> int:
    """Return ``r`` as an int in :data:`PIECE_SIZES` or raise :class:`WinomodelError`."""
    if isinstance(r, bool) or not hasattr(r, "__index__") or int(r) not in PIECE_SIZES:
        raise WinomodelError(f"r must be one of {PIECE_SIZES} (the filter size of the "
                             f"F(m x m, r x r) pieces), got {r!r}")
    return int(r)


def _poly_mul(a, b):
    """Product of two polynomials given as ascending coefficient lists."""
    out = [Fraction(0)] * (len(a) + len(b) - 1)
    for i, ai in enumerate(a):
        for j, bj in enumerate(b):
            out[i + j] += ai * bj
    return out


def derive(m: int, r: int, points):
    """Exact ``(A^T, G, B^T)`` of F(m, r) from ``m + r - 2`` finite ``points`` (any
    ``m, r >= 1``; not verified: :func:`verify_1d` does that)."""
    pts = tuple(Fraction(p) for p in points)
    alpha = alpha_of(m, r)
    n_finite = alpha - 1
    if len(pts) != n_finite or len(set(pts)) != n_finite:
        raise WinomodelError(f"F({m}, {r}) needs {n_finite} distinct finite points, got {points!r}")
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
        G.append([xi ** t / denom for t in range(r)])
    G.append([Fraction(0)] * (r - 1) + [Fraction(1)])
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


def verify_1d(AT, G, BT, m: int, r: int = R) -> None:
    """Check ``A^T [(G g) * (B^T d)] == correlate(d, g)`` exactly for every pair of unit
    vectors ``d``, ``g`` (bilinearity makes that a proof for all inputs).

    Raises
    ------
    AssertionError
        If any output differs (exact rational comparison).
    """
    alpha = alpha_of(m, r)
    for a in range(alpha):
        d = [Fraction(int(i == a)) for i in range(alpha)]
        bd = _matvec(BT, d)
        for b in range(r):
            g = [Fraction(int(i == b)) for i in range(r)]
            gg = _matvec(G, g)
            y = _matvec(AT, [u * v for u, v in zip(gg, bd)])
            want = [sum((d[i + k] * g[k] for k in range(r)), Fraction(0)) for i in range(m)]
            if y != want:
                raise AssertionError(f"F({m},{r}) transform wrong for d=e{a}, g=e{b}: {y} != {want}")


def _frozen(M, dtype) -> np.ndarray:
    arr = np.array([[float(v) for v in row] for row in M], dtype=dtype)
    arr.setflags(write=False)
    return arr


@functools.lru_cache(maxsize=None)
def spec(m: int, r: int = R) -> WinogradTransforms:
    """The verified transforms of any F(m, r) with ``2 <= m + r - 1 <= 8`` (cached): the
    general specification; the kernels run the (m, r) of :data:`SPECS`.

    Examples
    --------
    >>> spec(2, 5).alpha, spec(4, 2).G64.shape
    (6, (5, 2))
    """
    for v, what in ((m, "m"), (r, "r")):
        if isinstance(v, bool) or not hasattr(v, "__index__") or int(v) < 1:
            raise WinomodelError(f"F(m, r) needs integer {what} >= 1, got {v!r}")
    m, r = int(m), int(r)
    pts = _POINTS_BY_COUNT.get(alpha_of(m, r) - 1)
    if pts is None:
        raise WinomodelError(f"F({m}, {r}) has alpha = {alpha_of(m, r)}; points are defined "
                             f"for alpha in 3..8")
    AT, G, BT = derive(m, r, pts)
    verify_1d(AT, G, BT, m, r)
    return WinogradTransforms(
        m=m, alpha=alpha_of(m, r), points=pts, AT=AT, G=G, BT=BT,
        AT32=_frozen(AT, np.float32), G32=_frozen(G, np.float32), BT32=_frozen(BT, np.float32),
        AT64=_frozen(AT, np.float64), G64=_frozen(G, np.float64), BT64=_frozen(BT, np.float64),
        r=r,
    )


def winograd_transforms(tile: int, r: int = R) -> WinogradTransforms:
    """The verified transforms of F(tile x tile, r x r), one the kernels run (cached).

    Parameters
    ----------
    tile : int
        Output tile size m, one of :data:`TILES`.
    r : int, default 3
        Filter size, one of :data:`PIECE_SIZES`.

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
    return spec(check_tile(tile, check_r(r)), r)


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


def input_transform_flops(tile: int, r: int = R) -> int:
    """FLOPs of ``B^T d B`` for one alpha x alpha tile of one channel (both passes)."""
    t = winograd_transforms(tile, r)
    return 2 * t.alpha * combine_flops(t.BT64)


def output_transform_flops(tile: int, r: int = R) -> int:
    """FLOPs of ``A^T M A`` for one tile of one output channel (alpha + m row passes)."""
    t = winograd_transforms(tile, r)
    return (t.alpha + t.m) * combine_flops(t.AT64)


def filter_transform(w, tile: int, r: int = R) -> np.ndarray:
    """``G g G^T`` for every filter of ``w`` (K, C, r, r), computed in float64."""
    t = winograd_transforms(tile, r)
    return np.einsum("ij,kcjl,ml->kcim", t.G64, np.asarray(w, dtype=np.float64), t.G64)


def filter_transform_2d(w, vertical, horizontal) -> np.ndarray:
    """``G_v g G_h^T`` of rectangular filters ``w`` (K, C, r_v, r_h): F(m_v x m_h, r_v x r_h)
    as nested 1-D transforms (F(m x 1, 7 x 1) is ``vertical=(m, 7), horizontal=(1, 1)``).

    Parameters
    ----------
    w : ndarray (K, C, r_v, r_h)
    vertical, horizontal : (m, r)
        The 1-D F(m, r) of each axis (:func:`spec`); F(1, 1) is the identity.

    Returns
    -------
    ndarray, float64, (K, C, m_v + r_v - 1, m_h + r_h - 1)
    """
    gv, gh = (_axis(*vertical).G64, _axis(*horizontal).G64)
    w = np.asarray(w, dtype=np.float64)
    if w.shape[2:] != (gv.shape[1], gh.shape[1]):
        raise WinomodelError(f"filters of shape {w.shape[2:]} do not match F(m, r) with r = "
                             f"{(gv.shape[1], gh.shape[1])}")
    return np.einsum("ij,kcjl,ml->kcim", gv, w, gh)


def correlate_2d(d, u, vertical, horizontal) -> np.ndarray:
    """One output tile ``A_v^T [u * (B_v^T d B_h)] A_h`` of Winograd-domain filter ``u`` on
    input tile ``d`` (alpha_v x alpha_h), the nested 1-D F(m_v, r_v) x F(m_h, r_h), float64."""
    tv, th = _axis(*vertical), _axis(*horizontal)
    v = tv.BT64 @ np.asarray(d, dtype=np.float64) @ th.BT64.T
    return tv.AT64 @ (np.asarray(u, dtype=np.float64) * v) @ th.AT64.T


def _axis(m: int, r: int) -> WinogradTransforms:
    """F(m, r) of one axis; F(1, 1) (no transform) as identity matrices."""
    if (m, r) == (1, 1):
        one = ((Fraction(1),),)
        eye32, eye64 = _frozen(one, np.float32), _frozen(one, np.float64)
        return WinogradTransforms(1, 1, (), one, one, one, eye32, eye32, eye32,
                                  eye64, eye64, eye64, r=1)
    return spec(m, r)


def fp32_error(m: int, r: int = R, trials: int = 200, seed: int = 0) -> float:
    """Measured fp32 error of one 2-D F(m, r) tile against float64 direct correlation:
    the largest ``|y32 - y64| / max|y64|`` over ``trials`` random standard-normal input
    tiles and filters (transforms, product and output transform all in float32)."""
    t = spec(m, r)
    rng = np.random.default_rng(seed)
    worst = 0.0
    for _ in range(trials):
        d = rng.standard_normal((t.alpha, t.alpha))
        g = rng.standard_normal((r, r))
        want = np.array([[np.sum(d[i:i + r, j:j + r] * g) for j in range(m)] for i in range(m)])
        d32, g32 = d.astype(np.float32), g.astype(np.float32)
        u = (t.G32 @ g32 @ t.G32.T).astype(np.float32)
        v = (t.BT32 @ d32 @ t.BT32.T).astype(np.float32)
        y = t.AT32 @ (u * v) @ t.AT32.T
        worst = max(worst, float(np.abs(y - want).max() / np.abs(want).max()))
    return worst
