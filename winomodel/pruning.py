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
def _check_tile(tile) -> int:
    from .kernels.winograd_transforms import check_tile

    return check_tile(tile)


def winograd_weights(w, tile: int = 4) -> np.ndarray:
    """Filter transform ``G g G^T`` of spatial 3x3 weights, F(tile x tile, 3 x 3).

    Parameters
    ----------
    w : ndarray, float, shape (K, C, 3, 3)
        Spatial weights (C is C/groups for grouped layers).
    tile : int, default 4
        Output tile m in {2, 4, 6}; the result has alpha = m + 2.

    Returns
    -------
    ndarray, float32, shape (K, C, alpha, alpha)
        Computed in float64 with the exact-rational-derived G, then rounded once.
    """
    from .errors import ShapeError
    from .kernels.winograd_transforms import filter_transform

    tile = _check_tile(tile)
    w = as_float32_array(w, "weights", ndim=4, finite=True)
    if w.shape[2:] != (3, 3):
        raise ShapeError(f"winograd_weights needs spatial 3x3 weights (K, C, 3, 3), got shape {w.shape}")
    return filter_transform(w, tile).astype(np.float32)


def prune_winograd(w, density: float, tile: int = 4) -> np.ndarray:
    """Winograd-domain weights pruned by magnitude to ``density``.

    Parameters
    ----------
    w : ndarray, float
        Spatial weights ``(K, C, 3, 3)`` (transformed first with ``tile``) or
        Winograd-domain weights ``(K, C, alpha, alpha)`` with ``alpha = tile + 2``.
    density : float in [0, 1]
        Fraction of the ``K * C * alpha^2`` transformed weights kept (global magnitude).
    tile : int, default 4
        Output tile m in {2, 4, 6}.

    Returns
    -------
    ndarray, float32, shape (K, C, alpha, alpha)
    """
    from .errors import ShapeError

    tile = _check_tile(tile)
    density = check_density(density)
    w = as_float32_array(w, "weights", ndim=4, finite=True)
    alpha = tile + 2
    if w.shape[2:] == (3, 3):
        u = winograd_weights(w, tile)
    elif w.shape[2:] == (alpha, alpha):
        u = w
    else:
        raise ShapeError(
            f"prune_winograd needs spatial (K, C, 3, 3) or Winograd-domain (K, C, {alpha}, {alpha}) "
            f"weights for tile={tile}, got shape {w.shape}"
        )
    return prune_magnitude(u, density)


def density_report(w, tiles=(2, 4, 6)):
    """How spatial sparsity fills in under the Winograd filter transform.

    Parameters
    ----------
    w : ndarray, float, shape (K, C, 3, 3)
        Spatial weights, typically already pruned.
    tiles : sequence of int
        Tiles m to report, each in {2, 4, 6}.

    Returns
    -------
    pandas.DataFrame
        One row for the spatial weights and one per tile, columns ``domain``
        ("spatial" / "winograd"), ``tile`` (None for spatial), ``alpha``, ``weights``
        (count), ``nonzeros``, ``density`` and ``fill_in`` (density / spatial density:
        how many times denser the transformed weights are; NaN when the spatial
        weights are all zero).
    """
    import pandas as pd

    from .errors import ShapeError

    w = as_float32_array(w, "weights", ndim=4, finite=True)
    if w.shape[2:] != (3, 3):
        raise ShapeError(f"density_report needs spatial 3x3 weights (K, C, 3, 3), got shape {w.shape}")
    try:
        tiles = [_check_tile(t) for t in tiles]
    except TypeError:
        from .errors import WinomodelError

        raise WinomodelError(f"tiles must be a sequence of tile sizes, got {tiles!r}") from None
    base = density(w)
    rows = [dict(domain="spatial", tile=None, alpha=3, weights=w.size,
                 nonzeros=int(np.count_nonzero(w)), density=base, fill_in=1.0 if base else np.nan)]
    for t in tiles:
        u = winograd_weights(w, t)
        d = density(u)
        rows.append(dict(domain="winograd", tile=t, alpha=t + 2, weights=u.size,
                         nonzeros=int(np.count_nonzero(u)), density=d,
                         fill_in=d / base if base else np.nan))
    df = pd.DataFrame(rows, columns=["domain", "tile", "alpha", "weights", "nonzeros", "density",
                                     "fill_in"])
    df["tile"] = df["tile"].astype("Int64")  # integer column with a missing value for spatial
    return df
