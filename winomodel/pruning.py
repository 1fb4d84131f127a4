"""Magnitude pruning helpers users call themselves.

Pruning keeps the ``round(density * size)`` weights of largest magnitude of the
whole layer and zeroes the rest.  Ties at the threshold are broken by position
(stable order), so the kept count is exact and the result deterministic.
"""

from __future__ import annotations

import numpy as np

from .validation import as_float32_array, check_density


def kept_count(size: int, density: float) -> int:
    """Number of weights magnitude pruning keeps out of ``size`` at ``density``."""
    return int(round(check_density(density) * size))


def prune_magnitude(w, density: float) -> np.ndarray:
    """Zero all but the largest-magnitude fraction ``density`` of ``w`` (any shape).

    Parameters
    ----------
    w : ndarray, float
        Weights in whatever domain they live (spatial ``(K, C, R, S)`` or Winograd
        ``(K, C, alpha, alpha)``); pruning is global over the whole array.
    density : float in [0, 1]
        Fraction of entries kept (``round(density * w.size)`` of them).

    Returns
    -------
    ndarray, float32, same shape as ``w``
    """
    w = as_float32_array(w, "weights", finite=True)
    keep = kept_count(w.size, density)
    flat = w.ravel()
    out = np.zeros_like(flat)
    if keep > 0:
        # stable sort on -|w|: the first `keep` positions are the largest magnitudes,
        # ties resolved by position
        order = np.argsort(-np.abs(flat), kind="stable")[:keep]
        out[order] = flat[order]
    return out.reshape(w.shape)


def density(w) -> float:
    """Fraction of nonzero entries of ``w``."""
    w = np.asarray(w)
    return float(np.count_nonzero(w)) / w.size if w.size else 0.0


# ---- Winograd-domain pruning --------------------------------------------------------
def _check_tile(tile, r: int = 3) -> int:
    from .kernels.winograd_transforms import check_tile

    return check_tile(tile, r)


def _decomposition(shape, tile, r, stride):
    """The decomposition of spatial weights of ``shape`` (K, C, R, S) as F(tile, r) pieces;
    ``r`` None: the piece size with the fewest multiplies (3 on ties)."""
    from .kernels import winograd_decomposition as wd
    from .kernels import winograd_transforms as wt
    from .layer import _pair

    stride = _pair(stride, "stride")
    R, S = int(shape[2]), int(shape[3])
    if r is None:
        r = min(wt.PIECE_SIZES, key=lambda q: wd.decompose(
            R, S, stride, _check_tile(tile, q), q).multiplies_per_output())
    r = wt.check_r(r)
    return wd.decompose(R, S, stride, _check_tile(tile, r), r)


def winograd_weights(w, tile: int = 4, *, r=None, stride=1) -> np.ndarray:
    """Winograd-domain weights of spatial weights: ``G g G^T`` of F(tile x tile, 3 x 3) for
    3x3 stride-1 ones; for any other kernel size or stride 2, of the pieces of its
    decomposition (:mod:`winomodel.kernels.winograd_decomposition`).

    Parameters
    ----------
    w : ndarray, float, shape (K, C, R, S)
        Spatial weights (C is C/groups for grouped layers).
    tile : int, default 4
        Output tile m in {2, 4, 6}.
    r : int, optional
        The pieces' filter size (3 or 2); default the one with fewer multiplies.
    stride : int or (int, int), default 1

    Returns
    -------
    ndarray, float32, shape (K, P * C, alpha, alpha)
        ``alpha = tile + r - 1``, P pieces (1 for 3x3 stride 1), piece-major columns.
        Computed in float64 with the exact-rational-derived G, then rounded once.
    """
    w = as_float32_array(w, "weights", ndim=4, finite=True)
    dec = _decomposition(w.shape, tile, r, stride)
    return dec.filter_transform(w).astype(np.float32)


def prune_winograd(w, density: float, tile: int = 4, *, r=None, stride=1,
                   weights_domain=None) -> np.ndarray:
    """Winograd-domain weights pruned by magnitude to ``density``.

    Parameters
    ----------
    w : ndarray, float
        Spatial weights ``(K, C, R, S)`` (transformed first, :func:`winograd_weights`), or
        Winograd-domain weights ``(K, P * C, alpha, alpha)``: said with
        ``weights_domain="winograd"``, or, for F(m, 3) only, read from a shape
        ``(K, C, tile + 2, tile + 2)`` when ``weights_domain`` is None.
    density : float in [0, 1]
        Fraction of the transformed weights kept (global magnitude, all pieces together).
    tile : int, default 4
        Output tile m in {2, 4, 6}.
    r, stride
        As :func:`winograd_weights`.
    weights_domain : {None, "spatial", "winograd"}

    Returns
    -------
    ndarray, float32
    """
    from .errors import WinomodelError
    from .kernels.winograd_transforms import alpha_of

    density = check_density(density)
    w = as_float32_array(w, "weights", ndim=4, finite=True)
    if weights_domain not in (None, "spatial", "winograd"):
        raise WinomodelError(f"weights_domain must be None, 'spatial' or 'winograd', got {weights_domain!r}")
    alpha = alpha_of(_check_tile(tile, 3 if r is None else r), 3 if r is None else r)
    given = weights_domain == "winograd" or (
        weights_domain is None and r in (None, 3) and w.shape[2:] == (alpha, alpha))
    u = w if given else winograd_weights(w, tile, r=r, stride=stride)
    return prune_magnitude(u, density)


def density_report(w, tiles=(2, 4, 6), *, stride=1, r=None):
    """How spatial sparsity fills in under the Winograd filter transform (of the pieces).

    Parameters
    ----------
    w : ndarray, float, shape (K, C, R, S)
        Spatial weights, typically already pruned; any kernel size (3x3 stride 1 is one
        F(m, 3) piece, others are decomposed, :func:`winograd_weights`).
    tiles : sequence of int
        Tiles m to report, each in {2, 4, 6}.
    stride : int or (int, int), default 1
    r : int, optional
        The pieces' filter size (default as :func:`winograd_weights`).

    Returns
    -------
    pandas.DataFrame
        One row for the spatial weights and one per tile, columns ``domain``
        ("spatial" / "winograd"), ``tile`` (None for spatial), ``alpha``, ``weights``
        (count), ``nonzeros``, ``density``, ``fill_in`` (density / spatial density:
        how many times denser the transformed weights are; NaN when the spatial
        weights are all zero), ``r`` and ``pieces`` (the decomposition's F(m, r) and
        piece count; R and 1 for the spatial row).
    """
    import pandas as pd

    from .errors import WinomodelError

    w = as_float32_array(w, "weights", ndim=4, finite=True)
    try:
        decs = [_decomposition(w.shape, t, r, stride) for t in tiles]
    except TypeError:
        raise WinomodelError(f"tiles must be a sequence of tile sizes, got {tiles!r}") from None
    base = density(w)
    rows = [dict(domain="spatial", tile=None, alpha=w.shape[2], weights=w.size,
                 nonzeros=int(np.count_nonzero(w)), density=base, fill_in=1.0 if base else np.nan,
                 r=w.shape[2], pieces=1)]
    for dec in decs:
        u = dec.filter_transform(w).astype(np.float32)
        d = density(u)
        rows.append(dict(domain="winograd", tile=dec.m, alpha=dec.alpha, weights=u.size,
                         nonzeros=int(np.count_nonzero(u)), density=d,
                         fill_in=d / base if base else np.nan, r=dec.r, pieces=dec.n_pieces))
    df = pd.DataFrame(rows, columns=["domain", "tile", "alpha", "weights", "nonzeros", "density",
                                     "fill_in", "r", "pieces"])
    df["tile"] = df["tile"].astype("Int64")  # integer column with a missing value for spatial
    return df
