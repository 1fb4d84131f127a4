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
