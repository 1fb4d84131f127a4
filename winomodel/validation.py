"""Checks on user-supplied arrays and numbers, each failing with one clear message."""

from __future__ import annotations

import numpy as np

from .errors import ShapeError, WinomodelError


#: largest finite float32: float64 values beyond it would become Inf in the kernels
FLOAT32_MAX = float(np.finfo(np.float32).max)


def check_float_array(a, what: str, *, ndim: int | None = None) -> np.ndarray:
    """Return ``a`` as an ndarray (no copy of an ndarray) after checking dtype and rank.

    Used before the memory budget is checked: a broadcast view keeps its tiny footprint
    until the caller knows the full copy fits.
    """
    try:
        arr = np.asarray(a)
    except (ValueError, TypeError) as exc:  # ragged nested lists, objects numpy cannot read
        raise WinomodelError(f"{what} is not a rectangular numeric array: {exc}") from None
    if not np.issubdtype(arr.dtype, np.floating):
        raise WinomodelError(
            f"{what} must be a floating-point array (float16/32/64), got dtype {arr.dtype}"
        )
    if ndim is not None and arr.ndim != ndim:
        raise ShapeError(f"{what} must be {ndim}-D, got {arr.ndim}-D array of shape {arr.shape}")
    return arr


def as_float32_array(a, what: str, *, ndim: int | None = None, finite: bool = False) -> np.ndarray:
    """Return ``a`` as a C-contiguous float32 array after checking dtype, rank and values.

    Parameters
    ----------
    a : array_like
        Floating-point array (float16/32/64).  Integer, bool, complex or object
        arrays are refused rather than silently converted, and so are float64 values
        beyond float32's range (about 3.4e38), which would become Inf.
    what : str
        Name used in error messages (``"input"``, ``"weights"``).
    ndim : int, optional
        Required rank.
    finite : bool
        Refuse NaN and Inf values.
    """
    arr = check_float_array(a, what, ndim=ndim)
    with np.errstate(over="ignore", invalid="ignore"):
        out = np.ascontiguousarray(arr, dtype=np.float32)
    if arr.dtype.itemsize > 4 or finite:
        finite_out = np.isfinite(out)
        if not finite_out.all():
            if arr.dtype.itemsize > 4:
                overflow = ~finite_out & np.isfinite(arr)
                if overflow.any():
                    at = tuple(int(i) for i in np.argwhere(overflow)[0])
                    raise WinomodelError(
                        f"{what}: {int(overflow.sum())} value(s) beyond float32's range "
                        f"(|x| > {FLOAT32_MAX:.3g}), e.g. {float(arr[at]):g} at index {at}; the "
                        f"kernels compute in float32: scale the values down")
            if finite:
                bad = int(out.size - finite_out.sum())
                raise WinomodelError(f"{what} contain {bad} NaN or Inf value(s)")
    return out


def positive_shape(shape, what: str, names) -> tuple:
    """Return ``shape`` as a tuple of positive Python ints, one per name in ``names``.

    Refuses non-integers (``8.5``, ``"8"``, ``True``), zero and negative sizes, naming
    the entry.
    """
    names = tuple(names)
    if isinstance(shape, (str, bytes)) or not hasattr(shape, "__len__"):
        raise ShapeError(f"{what} must be a tuple ({', '.join(names)}), got {shape!r}")
    items = tuple(shape)
    if len(items) != len(names):
        raise ShapeError(f"{what} must be ({', '.join(names)}), got {shape!r}")
    out = []
    for name, value in zip(names, items):
        if isinstance(value, (bool, np.bool_)) or not hasattr(value, "__index__"):
            raise ShapeError(f"{what} {name} must be an integer, got {value!r} in {shape!r}")
        if int(value) < 1:
            raise ShapeError(f"{what} {name} must be >= 1, got {int(value)} in {shape!r}")
        out.append(int(value))
    return tuple(out)


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
