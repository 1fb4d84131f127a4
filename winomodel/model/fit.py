"""Fitting the roofline model's phase factors to measured calibration runs.

The roofline (:mod:`winomodel.model.predict`) places each phase a kernel states on a
ceiling the profiler measured.  Real loops reach their ceiling only in part: the sparse
micro-kernels pay per call and per pixel block, the transforms gather tiles, a phase's
working set straddles two cache levels.  Calibration (measured by
:mod:`winomodel.machine.calibration` on layers the validation never uses) fits one factor
per (kernel, phase) and stores it in the machine profile:

    t_phase = factor[kernel][phase] * max(flops / ceiling, bytes / bandwidth)

plus a fixed cost per call, ``t_tiny``, the kernel's measured time on a 4 x 4
single-channel layer (measured, not fitted).  The factors are the non-negative fit of the
phases' roofline times (and ``t_tiny``) to the measured times that minimises the runs'
absolute relative errors (each run weighs the same whatever its length; a few runs slowed
by other processes count less than under least squares).  This module only fits: it
never times anything.
"""

from __future__ import annotations

import dataclasses
from typing import Dict, Sequence

import numpy as np

from ..errors import WinomodelError
from ..machine.profile import MachineProfile

#: factors are kept inside this range.  A phase the fit finds free means the phases are
#: collinear on the calibration grid.  The high end is wide because the accumulator
#: phase counts only its L1 traffic, while each micro-kernel call also pays dispatch and
#: crop work that has no ceiling of its own: its factor carries that per-call cost.
FACTOR_RANGE = (0.1, 100.0)


def uncalibrated(profile: MachineProfile) -> MachineProfile:
    """``profile`` without calibration factors: the pure roofline."""
    return dataclasses.replace(profile, calibration={})


def fit_phase_factors(phase_seconds: np.ndarray, measured_s: np.ndarray) -> np.ndarray:
    """Non-negative factors ``f`` with ``phase_seconds @ f ~ measured_s``, minimising the
    sum of the runs' absolute relative errors.

    The least-absolute fit (iteratively reweighted non-negative least squares,
    :data:`ROBUST_ITERATIONS` rounds) lets a few runs slowed by other processes on a
    shared machine pull the factors less than squares would.

    Parameters
    ----------
    phase_seconds : ndarray (runs, params)
        Roofline time of each phase (summed per parameter) of each run.
    measured_s : ndarray (runs,)
        Measured times.

    Returns
    -------
    ndarray (params,)
        Factors clipped to :data:`FACTOR_RANGE`; a parameter the best fit leaves out
        gets the range's low end.
    """
    a = np.asarray(phase_seconds, dtype=float)
    m = np.asarray(measured_s, dtype=float)
    if a.ndim != 2 or m.shape != (a.shape[0],) or a.shape[0] == 0:
        raise WinomodelError(f"need (runs, phases) times and (runs,) measurements, got {a.shape} and {m.shape}")
    if not (np.isfinite(a).all() and np.isfinite(m).all() and (m > 0).all() and (a >= 0).all()):
        raise WinomodelError("phase times must be finite and >= 0, measured times finite and > 0")
    rel = a / m[:, None]
    weights = np.ones(len(m))
    for _ in range(ROBUST_ITERATIONS):
        best = _weighted_nnls(rel, weights)
        # weight 1/|error| turns squares into absolute errors; the floor keeps runs the
        # fit already matches from dominating
        weights = 1.0 / np.maximum(np.abs(rel @ best - 1.0), ROBUST_FLOOR)
    return np.clip(np.where(best > 0, best, FACTOR_RANGE[0]), *FACTOR_RANGE)


#: reweighting rounds of :func:`fit_phase_factors` (1 = plain least squares)
ROBUST_ITERATIONS = 4
#: smallest relative error a run's weight assumes (2 %: about the timing noise)
ROBUST_FLOOR = 0.02


def _weighted_nnls(rel: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Non-negative least squares of ``rel @ f ~ 1`` with run weights (Lawson and Hanson's
    active-set method: exact, and milliseconds where enumerating every subset of 19
    parameters took a quick calibration 15 s and more)."""
    root = np.sqrt(weights)
    return _nnls(rel * root[:, None], root)


def _nnls(a: np.ndarray, b: np.ndarray, tol: float = 1e-12) -> np.ndarray:
    """``argmin ||a x - b||`` over ``x >= 0`` (Lawson & Hanson 1974, ch. 23)."""
    n = a.shape[1]
    x = np.zeros(n)
    passive = np.zeros(n, dtype=bool)
    scale = max(float(np.abs(a).max()), 1e-300)
    for _ in range(3 * n + 10):
        grad = a.T @ (b - a @ x)
        free = ~passive & (grad > tol * scale * max(float(np.abs(b).max()), 1.0))
        if not free.any():
            break
        passive[np.argmax(np.where(free, grad, -np.inf))] = True
        while True:
            z = np.zeros(n)
            z[passive] = np.linalg.lstsq(a[:, passive], b, rcond=None)[0]
            if (z[passive] > 0).all():
                x = z
                break
            neg = passive & (z <= 0)
            step = np.min(x[neg] / (x[neg] - z[neg]))
            x = x + step * (z - x)
            passive &= x > tol
            x[~passive] = 0.0
    return x


#: narrower ranges for plain streaming copies: their roofline time is what they cost
#: within a small factor (measured: the direct kernels' crop ran at 170-240 GB/s on
#: outputs of 5-39 MB).  Left free, the padding and crop factors absorbed the fixed
#: costs of small calibration layers (x29 and x4.6) and over-predicted every large
#: layer's copy up to 15-fold.
STREAMING_FACTOR_RANGE = {"pad_input": (0.5, 4.0), "crop": (0.5, 4.0)}
#: range of the fixed cost per call, as a multiple of the measured tiny-layer time.  Left
#: free, the Winograd kernels' grew to 7-8x (about 100 us, absorbing what the large
#: calibration layers' phases lacked) and every small layer was predicted up to 2x slow.
OVERHEAD_FACTOR_RANGE = (0.5, 2.0)


def factor_range(param: str):
    """The range a fitted parameter is held in, or None when it is free
    (within :data:`FACTOR_RANGE`)."""
    if param.endswith(":call_overhead"):
        return OVERHEAD_FACTOR_RANGE
    return STREAMING_FACTOR_RANGE.get(param)


def fit_bounded(params: Sequence[str], times: np.ndarray, measured: np.ndarray) -> Dict[str, float]:
    """:func:`fit_phase_factors` with the parameters that have a :func:`factor_range`
    held inside it: a parameter the free fit puts outside is fixed at the nearer end,
    its share subtracted from the measured times, and the rest refitted."""
    params = list(params)
    free = list(range(len(params)))
    fixed: Dict[int, float] = {}
    while True:
        rest = measured - (times[:, list(fixed)] @ np.array(list(fixed.values())) if fixed else 0.0)
        f = fit_phase_factors(times[:, free], np.maximum(rest, 0.05 * measured))
        out = [(i, v) for i, v in zip(free, f) if factor_range(params[i])
               and not factor_range(params[i])[0] <= v <= factor_range(params[i])[1]]
        if not out:
            values = dict(zip(free, f))
            values.update(fixed)
            return {params[i]: float(values[i]) for i in range(len(params))}
        for i, v in out:
            lo, hi = factor_range(params[i])
            fixed[i] = min(max(v, lo), hi)
            free.remove(i)


#: phases that run the same code in every kernel that states them, so share one factor
SHARED_PHASES = ("pad_input", "input_transform", "output_transform", "crop")
#: per-row costs of the padding and crop copies: the same loop overhead per row copied,
#: one factor (fitted apart, pad_rows came out between x0.1 and x33 and the crop's rows
#: between x5 and x17 in the calibrations of one day; shared, x8.9-11.6)
ROW_PHASES = ("pad_rows", "rows")


#: phases whose cost the profiler measures with the products' own micro-kernel, so they
#: share the products' factor: sparse_winograd's row visits (``wrows<tb>``) come from the
#: same pair of runs as its cost per stored weight (``wsparse<tb>``), and its CSR stream
#: (``weights``) is what the products read beyond those runs' L2-resident CSR.  Fitted
#: apart (on the same calibration runs), the three traded time among themselves: calls
#: x3.0 and weights x0.67 in one fit, x5.9 and x4 (its range's end) in another, where one
#: factor for all three fitted x1.04-1.10 and judged the same validation runs with p90 |error|
#: 21.7 % instead of 24.5 % (``python benchmarks/calibration_ab.py``)
PRODUCT_PHASES = {"sparse_winograd": ("calls", "weights")}


def parameter_of(kernel: str, phase: str) -> str:
    """The fitted parameter a (kernel, phase) uses: the phases of :data:`SHARED_PHASES`
    share one factor across kernels (padding, transforms and the crop are the same code
    in every kernel that has them), the per-row phases of both copies one between them
    (:data:`ROW_PHASES`), and the phases of :data:`PRODUCT_PHASES` their kernel's
    products'; products and micro-kernel calls get one per kernel.  Few parameters keep
    the fit well determined on a small calibration grid."""
    if phase in ROW_PHASES:
        return "row_copies"
    if phase in PRODUCT_PHASES.get(kernel, ()):
        return f"{kernel}:products"
    return phase if phase in SHARED_PHASES else f"{kernel}:{phase}"


def run_columns(layer, kernel: str, density: float, raw: MachineProfile,
                overhead_s: Dict[str, float]):
    """Roofline seconds per fitted parameter of one calibration run (``kernel`` on ``layer``
    at ``density`` under the uncalibrated profile ``raw``), and the run's phase names.

    Phases sharing a parameter (:func:`parameter_of`) are summed; the kernel's fixed cost
    per call is its measured tiny-layer time ``overhead_s[kernel]``, held at 1
    (:data:`FIXED_PARAMETERS`): left out, the small phases absorbed it (a padding factor
    of 29 that then over-predicted every large layer's padding)."""
    from .predict import predict

    pred = predict(layer, kernel, density, raw)
    cols: Dict[str, float] = {}
    for ph in pred.phases:
        key = parameter_of(kernel, ph.phase.name)
        cols[key] = cols.get(key, 0.0) + ph.seconds
    cols[overhead_parameter(kernel)] = overhead_s.get(kernel, 0.0)
    return cols, [ph.phase.name for ph in pred.phases]


#: parameters held at 1 rather than fitted: each kernel's fixed cost per call is its
#: measured time on :data:`OVERHEAD_LAYER`, a direct measurement.  Fitted, it had nothing
#: but the calibration layers' residual to go on and sat on a bound of its range
#: (:data:`OVERHEAD_FACTOR_RANGE`) for most kernels.
FIXED_PARAMETERS = (":call_overhead",)


def is_fixed(param: str) -> bool:
    """Whether ``param`` is held at 1 (:data:`FIXED_PARAMETERS`) instead of fitted."""
    return any(param.endswith(tail) for tail in FIXED_PARAMETERS)


def bound_of(param: str, value: float, rel: float = 1e-3) -> str:
    """``"low"`` / ``"high"`` when a fitted ``value`` sits on an end of its range
    (:func:`factor_range`, else :data:`FACTOR_RANGE`), else ``""``."""
    lo, hi = factor_range(param) or FACTOR_RANGE
    if value <= lo * (1 + rel):
        return "low"
    if value >= hi * (1 - rel):
        return "high"
    return ""


def fit_calibration(runs: Sequence[dict], overhead: Dict[str, float]) -> Dict[str, object]:
    """Fit the factors to calibration ``runs`` (the ``"runs"`` a calibration stores, so a
    profile can be refitted without measuring again).

    Returns the ``factors``, ``overhead_s``, ``overhead_measured_s``, ``fit`` (per-kernel
    fit error), ``parameters`` (how many were fitted), ``at_bounds`` (fitted parameters
    that sit on an end of their range: ``{param: [value, "low" | "high"]}``) and ``runs``
    entries of :attr:`MachineProfile.calibration`."""
    params = sorted({key for r in runs for key in r["roofline_s"]})
    times = np.array([[r["roofline_s"].get(p, 0.0) for p in params] for r in runs])
    measured = np.array([r["measured_s"] for r in runs])
    fitted = [p for p in params if not is_fixed(p)]
    held = [i for i, p in enumerate(params) if is_fixed(p)]
    rest = measured - (times[:, held].sum(axis=1) if held else 0.0)
    f = fit_bounded(fitted, times[:, [params.index(p) for p in fitted]],
                    np.maximum(rest, 0.05 * measured))
    f.update({params[i]: 1.0 for i in held})
    factors: Dict[str, Dict[str, float]] = {}
    fit = {}
    for kernel in sorted({r["kernel"] for r in runs}):
        idx = [i for i, r in enumerate(runs) if r["kernel"] == kernel]
        factors[kernel] = {ph: round(f[parameter_of(kernel, ph)], 4) for ph in runs[idx[0]]["phases"]}
        pred_s = times[idx] @ np.array([f[p] for p in params])
        err = 100.0 * np.abs(pred_s - measured[idx]) / measured[idx]
        fit[kernel] = {"runs": len(idx), "median_abs_error_pct": round(float(np.median(err)), 1)}
    at_bounds = {p: [round(f[p], 4), bound_of(p, f[p])] for p in fitted if bound_of(p, f[p])}
    return {"factors": factors,
            "overhead_s": {k: float(v) * f.get(overhead_parameter(k), 1.0) for k, v in overhead.items()},
            "overhead_measured_s": {k: float(v) for k, v in overhead.items()},
            "fit": fit, "parameters": len(fitted), "at_bounds": at_bounds, "runs": list(runs)}


def overhead_parameter(kernel: str) -> str:
    """The fitted parameter scaling ``kernel``'s fixed cost per call."""
    return f"{kernel}:call_overhead"
