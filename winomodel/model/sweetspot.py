"""Sweet spot of a sparse kernel on a layer: the density range in which pruning pays.

* **Upper density** (crossover): the density at which the sparse kernel's predicted
  time equals the best dense kernel's.  Above it the dense kernel wins.
* **Lower density**: the density below which halving the density gains less than
  ``gain_fraction`` of the time (default 10 %), because the density-independent
  part (input/output traffic, Winograd transforms) dominates.  Pruning further
  buys little.

Measured crossovers come from measured times on a density grid, interpolated
linearly in density between grid points (:func:`measured_crossover`; validation
refines them with more densities around the crossover).  A sparse kernel's time is
a fixed part plus a part proportional to the nonzeros, and for sparse_winograd a
part for the nonzeros whose column breaks a run (most of them at low density, none
when dense): increasing in density, but concave.
"""

from __future__ import annotations

import dataclasses
import math
from typing import Callable, List, Optional, Sequence

from ..errors import WinomodelError
from ..layer import ConvLayer
from .predict import predict
from ..machine.profile import MachineProfile

#: halving the density must gain at least this fraction of the time, else pruning stops paying
DEFAULT_GAIN_FRACTION = 0.10
#: smallest density searched (1 nonzero in 10^4)
MIN_DENSITY = 1e-4


@dataclasses.dataclass(frozen=True)
class SweetSpot:
    """Sweet spot of one sparse kernel on one layer (all from the model).

    ``upper_density`` is None when the sparse kernel never beats the best dense one;
    1.0 when it wins even dense.  ``lower_density`` is None when halving always gains
    at least ``gain_fraction`` down to :data:`MIN_DENSITY`.
    """

    layer: str
    kernel: str
    best_dense_kernel: str
    best_dense_s: float
    upper_density: Optional[float]
    upper_speedup: Optional[float]
    upper_bound: Optional[str]
    lower_density: Optional[float]
    lower_speedup: Optional[float]
    lower_bound: Optional[str]
    gain_fraction: float

    def as_row(self) -> dict:
        return dataclasses.asdict(self)


def find_crossover(time_at: Callable[[float], float], target_s: float, *,
                   lo: float = MIN_DENSITY, hi: float = 1.0, tol: float = 1e-4) -> Optional[float]:
    """Largest density in [lo, hi] at which ``time_at(d) <= target_s`` (time increasing in d).

    Returns ``hi`` if the kernel is as fast as the target even at ``hi``; None if it is
    slower even at ``lo``.  Bisection, so ``time_at`` needs only be monotone.
    """
    if time_at(hi) <= target_s:
        return hi
    if time_at(lo) > target_s:
        return None
    a, b = lo, hi  # time(a) <= target < time(b)
    while b - a > tol:
        m = 0.5 * (a + b)
        if time_at(m) <= target_s:
            a = m
        else:
            b = m
    return 0.5 * (a + b)


def halving_gain(time_at: Callable[[float], float], density: float) -> float:
    """Fraction of the time saved by halving the density: ``1 - t(d/2) / t(d)``."""
    t = time_at(density)
    return 1.0 - time_at(density / 2.0) / t if t > 0 else 0.0


def find_lower_density(time_at: Callable[[float], float], gain_fraction: float, *,
                       hi: float = 1.0, lo: float = MIN_DENSITY, tol: float = 1e-4) -> Optional[float]:
    """Largest density <= ``hi`` below which halving gains less than ``gain_fraction``.

    For an affine time ``a + b d`` the gain ``b d / 2 / (a + b d)`` falls with ``d``,
    so the density where it equals ``gain_fraction`` splits "still worth pruning"
    from "stop".  Returns ``hi`` if even at ``hi`` the gain is too small, None if
    halving pays all the way down to ``lo``.
    """
    if halving_gain(time_at, hi) < gain_fraction:
        return hi
    if halving_gain(time_at, lo) >= gain_fraction:
        return None
    a, b = lo, hi  # gain(a) < fraction <= gain(b); search in log space
    while b / a > 1.0 + tol:
        m = math.sqrt(a * b)
        if halving_gain(time_at, m) < gain_fraction:
            a = m
        else:
            b = m
    return math.sqrt(a * b)


def sweet_spot(layer: ConvLayer, kernel: str, profile: MachineProfile, *,
               gain_fraction: float = DEFAULT_GAIN_FRACTION,
               dense_kernels: Optional[Sequence[str]] = None) -> SweetSpot:
    """Sweet spot of the sparse kernel ``kernel`` on ``layer`` predicted on ``profile``.

    Parameters
    ----------
    layer : ConvLayer
    kernel : str
        A registered sparse kernel that supports ``layer``.
    profile : MachineProfile
    gain_fraction : float in (0, 1)
        Halving the density must save at least this fraction of the time.
    dense_kernels : list of str, optional
        Dense kernels to compare with (default: every registered dense kernel that
        supports the layer).
    """
    from ..kernels import get_kernel, kernel_names

    if not (isinstance(gain_fraction, (int, float)) and 0.0 < gain_fraction < 1.0):
        raise WinomodelError(f"gain_fraction must be in (0, 1), got {gain_fraction!r}")
    k = get_kernel(kernel)
    if not k.sparse:
        raise WinomodelError(f"sweet spots are for sparse kernels; {kernel!r} is dense")
    k.check_layer(layer)
    names = dense_kernels if dense_kernels is not None else kernel_names(sparse=False)
    dense = [(n, predict(layer, n, 1.0, profile).seconds) for n in names
             if get_kernel(n).supports(layer)]
    if not dense:
        raise WinomodelError(f"no dense kernel supports {layer.describe()}")
    best_name, best_s = min(dense, key=lambda item: item[1])

    cache = {}

    def time_at(d: float) -> float:
        if d not in cache:
            cache[d] = predict(layer, k, d, profile).seconds
        return cache[d]

    def at(d):
        if d is None:
            return None, None
        p = predict(layer, k, d, profile)
        return best_s / p.seconds, p.bound

    upper = find_crossover(time_at, best_s)
    lower = find_lower_density(time_at, gain_fraction, hi=upper if upper is not None else 1.0)
    up_speed, up_bound = at(upper)
    lo_speed, lo_bound = at(lower)
    return SweetSpot(layer=layer.name or layer.describe(), kernel=k.name,
                     best_dense_kernel=best_name, best_dense_s=best_s,
                     upper_density=upper, upper_speedup=up_speed, upper_bound=up_bound,
                     lower_density=lower, lower_speedup=lo_speed, lower_bound=lo_bound,
                     gain_fraction=float(gain_fraction))


def sweet_spots(layers: Sequence[ConvLayer], profile: MachineProfile, *,
                gain_fraction: float = DEFAULT_GAIN_FRACTION,
                kernels: Optional[Sequence[str]] = None) -> List[dict]:
    """Sweet-spot rows for every layer and every sparse kernel that supports it."""
    from ..kernels import get_kernel, kernel_names

    names = kernels if kernels is not None else kernel_names(sparse=True)
    dense_names = [n for n in kernel_names(sparse=False) if kernels is None or n in kernels] \
        or kernel_names(sparse=False)
    rows = []
    for layer in layers:
        for n in names:
            k = get_kernel(n)
            if k.sparse and k.supports(layer):
                rows.append(sweet_spot(layer, n, profile, gain_fraction=gain_fraction,
                                       dense_kernels=dense_names).as_row())
    return rows


def measured_crossover(densities: Sequence[float], sparse_s: Sequence[float],
                       dense_s: float) -> Optional[float]:
    """Crossover density from measured times on a grid.

    Linear interpolation in density of ``sparse_s - dense_s`` between the two grid
    points where the sign changes (the largest such density).  Returns the largest
    grid density if the sparse kernel already wins there, None if it never wins on
    the grid.
    """
    pts = sorted(zip(densities, sparse_s))
    if not pts:
        raise WinomodelError("measured_crossover needs at least one density")
    if pts[-1][1] <= dense_s:
        return float(pts[-1][0])
    for (d0, t0), (d1, t1) in reversed(list(zip(pts[:-1], pts[1:]))):
        if t0 <= dense_s < t1:
            return float(d0 + (dense_s - t0) * (d1 - d0) / (t1 - t0))
    return None


def ratio_slope(densities: Sequence[float], ratios: Sequence[float], at: float) -> Optional[float]:
    """Slope (per unit density) of the piecewise-linear curve through the grid points
    ``(densities, ratios)`` on the segment holding density ``at`` (the nearest end segment
    outside the grid); None with fewer than two distinct densities.

    At a crossover (ratio 1) an error of ``e`` in the ratio moves the crossover by
    ``e / slope``: the crossover's tolerance in density, times the slope, is the ratio
    error it tolerates."""
    pts = sorted(zip(densities, ratios))
    segments = [(d0, r0, d1, r1) for (d0, r0), (d1, r1) in zip(pts[:-1], pts[1:]) if d1 > d0]
    if not segments:
        return None
    d0, r0, d1, r1 = next((seg for seg in segments if seg[0] <= at <= seg[2]),
                          segments[0] if at < segments[0][0] else segments[-1])
    return float((r1 - r0) / (d1 - d0))
