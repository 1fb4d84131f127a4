"""Checks on user-supplied arrays and numbers, each failing with one clear message."""

from __future__ import annotations

import numpy as np

from .errors import ShapeError, WinomodelError


def as_float32_array(a, what: str, *, ndim: int | None = None, finite: bool = False) -> np.ndarray:
    """Return ``a`` as a C-contiguous float32 array after checking dtype, rank and values.

    Parameters
    ----------
    a : array_like
        Floating-point array (float16/32/64).  Integer, bool, complex or object
        arrays are refused rather than silently converted.
    what : str
        Name used in error messages (``"input"``, ``"weights"``).
    ndim : int, optional
        Required rank.
    finite : bool
        Refuse NaN and Inf values.
    """
    arr = np.asarray(a)
    if not np.issubdtype(arr.dtype, np.floating):
        raise WinomodelError(
            f"{what} must be a floating-point array (float16/32/64), got dtype {arr.dtype}"
        )
    if ndim is not None and arr.ndim != ndim:
        raise ShapeError(f"{what} must be {ndim}-D, got {arr.ndim}-D array of shape {arr.shape}")
    if finite and not np.isfinite(arr).all():
        bad = int(arr.size - np.isfinite(arr).sum())
        raise WinomodelError(f"{what} contain {bad} NaN or Inf value(s)")
    return np.ascontiguousarray(arr, dtype=np.float32)


def check_density(density, what: str = "density") -> float:
    """Return ``density`` as a float in [0, 1] or raise."""
    if isinstance(density, bool):
        raise WinomodelError(f"{what} must be a number in [0, 1], got {density!r}")
    try:
        d = float(density)
    except (TypeError, ValueError):
        raise WinomodelError(f"{what} must be a number in [0, 1], got {density!r}") from None
    if not (0.0 <= d <= 1.0):  # also false for NaN
        raise WinomodelError(f"{what} must be in [0, 1], got {density!r}")
    return d
