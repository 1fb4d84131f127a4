"""Validation: run the real kernels on a grid and measure how right the model was.

The grid is layers x densities x kernels.  Dense kernels are measured once per
layer and appear in every density's rows, so each (layer, density) cell compares
all kernels.  JIT warm-up is excluded; each time is the median of repeated
samples and its spread is kept.

Figures of merit (:func:`error_statistics`):

* median and 90th-percentile absolute % error of the predicted time;
* fraction of (layer, density) cells whose predicted fastest kernel is the
  measured fastest, or within 10 % of it;
* the worst time lost by trusting the prediction (measured time of the
  predicted-fastest kernel over the measured fastest, minus 1);
* the error of the predicted crossover density per layer and sparse kernel.

The measured crossover is where the sparse kernel's time over the best dense
kernel's crosses 1, interpolated linearly in density.  Grid points can be far apart
(0.3 and 1) and the time is not linear between them (sparse_winograd's rises more
slowly at high density), so :func:`refine_crossovers` times the sparse kernel at three
densities around the interpolated one, in rounds interleaved with the best dense
kernel; each round's sparse times over the same round's dense time, fitted with a
line, give a root, and the crossover is the median root (the smallest and largest
give its range).
"""

from __future__ import annotations

import math
from typing import Callable, Dict, Optional, Sequence

import numpy as np
import pandas as pd

from ..errors import WinomodelError
from ..layer import ConvLayer
from ..timing import Timing, measure, measure_rounds
from ..model.predict import predict_rows
from ..machine.profile import MachineProfile
from ..model.sweetspot import measured_crossover, ratio_slope, sweet_spot

#: a predicted-fastest kernel within this fraction of the measured fastest counts as right
FASTEST_TOLERANCE = 0.10
#: the target: predicted crossover within this of the measured one (on >= 90 % of 3x3 pairs)
CROSSOVER_TOLERANCE = 0.1

#: (repeats, min_time per sample in s) of the quick and the full grid
QUICK_TIMING = (3, 0.02)
FULL_TIMING = (5, 0.05)
#: a measured crossover between grid densities further apart than this is refined
#: by measurements around the interpolated density (:func:`refine_crossovers`)
REFINE_GAP = 0.1
#: the refinement times the sparse kernel at the interpolated density and this far on
#: either side (at most halfway to the grid densities around it)
REFINE_HALF_WIDTH = 0.05


def _random_operands(layer: ConvLayer, seed: int = 0):
    rng = np.random.default_rng(seed)
    x = rng.standard_normal(layer.input_shape, dtype=np.float32)
    w = rng.standard_normal(layer.weight_shape, dtype=np.float32)
    return x, w


def measure_kernel(layer: ConvLayer, kernel: str, density: float, *, repeats: int = 5,
                   min_time: float = 0.05, seed: int = 0):
    """Time one kernel on random operands of ``layer`` (sparse kernels pruned to ``density``).

    Returns
    -------
    winomodel.timing.Timing
    """
    from ..kernels import get_kernel

    k = get_kernel(kernel)
    x, w = _random_operands(layer, seed)
    plan = k.plan(w, layer, density=density if k.sparse else None)
    return measure(lambda: plan(x), repeats=repeats, min_time=min_time, warmup=1)


def measure_torch(layer: ConvLayer, *, repeats: int = 5, min_time: float = 0.05, seed: int = 0):
    """Time PyTorch's conv2d on ``layer`` with as many threads as Numba uses; None without torch."""
    x, w = _random_operands(layer, seed)
    run = _torch_callable(layer, x, w)
    return None if run is None else measure(run, repeats=repeats, min_time=min_time, warmup=1)


def _timing_settings(quick: bool, repeats: Optional[int], min_time: Optional[float]):
    """``(repeats, min_time)``: the given values, else the quick or full grid's defaults."""
    default_repeats, default_min_time = QUICK_TIMING if quick else FULL_TIMING
    repeats = repeats or default_repeats
    if not (isinstance(repeats, int) and repeats >= 1):
        raise WinomodelError(f"repeats must be a positive integer, got {repeats!r}")
    return repeats, default_min_time if min_time is None else min_time


def run_grid(layers: Sequence[ConvLayer], densities: Sequence[float], profile: MachineProfile, *,
             kernels: Optional[Sequence[str]] = None, quick: bool = False,
             repeats: Optional[int] = None, min_time: Optional[float] = None,
             with_torch: bool = True, progress: Optional[Callable[[str], None]] = None) -> pd.DataFrame:
    """Predict and measure every (layer, kernel, density) of the grid.

    Per layer, every plan (dense kernels once, sparse kernels at each density) and
    PyTorch's conv2d are timed in interleaved rounds (:func:`winomodel.timing.measure_rounds`:
    warm-up excluded, median of the rounds, spread reported).

    Returns
    -------
    DataFrame
        The prediction rows of :func:`~winomodel.model.predict.predict_rows` plus
        ``measured_s`` (median of the rounds), ``measured_best_s``, ``measured_cv``,
        ``measured_iqr`` (interquartile range over the median), ``measured_spread``,
        ``repeats``, ``error_pct``, ``measured_speedup_vs_best_dense`` and, with PyTorch,
        ``torch_s``, ``measured_speedup_vs_torch`` and ``predicted_speedup_vs_torch``.
    """
    from ..kernels import get_kernel

    if not layers:
        raise WinomodelError("validation needs at least one layer")
    repeats, min_time = _timing_settings(quick, repeats, min_time)
    rows = predict_rows(layers, densities, profile, kernels=kernels)
    say = progress or (lambda msg: None)

    def time_layer(layer: ConvLayer, name: str, label: str) -> Dict[tuple, Timing]:
        x, w = _random_operands(layer)
        fns = {}
        for row in rows:
            if row["layer"] != name:
                continue
            k = get_kernel(row["kernel"])
            key = (name, k.name, row["density"] if k.sparse else 1.0)
            if key not in fns:
                plan = k.plan(w, layer, density=key[2] if k.sparse else None)
                fns[key] = (lambda p: (lambda: p(x)))(plan)
        torch_fn = _torch_callable(layer, x, w) if with_torch else None
        if torch_fn is not None:
            fns[(name, "torch", 1.0)] = torch_fn
        say(f"{label} {layer.describe()}: timing {len(fns)} plans x {repeats} rounds")
        return measure_rounds(fns, repeats=repeats, min_time=min_time)

    measured: Dict[str, Dict[tuple, Timing]] = {}
    names = [layer.name or layer.describe() for layer in layers]
    for i, (layer, name) in enumerate(zip(layers, names)):
        measured[name] = time_layer(layer, name, f"[{i + 1}/{len(layers)}]")
    timings: Dict[tuple, Timing] = {}
    torch_s: Dict[str, float] = {}
    for name in names:
        if (name, "torch", 1.0) in measured[name]:
            torch_s[name] = measured[name].pop((name, "torch", 1.0)).median
        timings.update(measured[name])
    for row in rows:
        sparse = get_kernel(row["kernel"]).sparse
        t = timings[(row["layer"], row["kernel"], row["density"] if sparse else 1.0)]
        row.update(measured_s=t.median, measured_best_s=t.best, measured_cv=t.cv,
                   measured_iqr=t.iqr_rel, measured_spread=t.spread, repeats=len(t.samples))
    df = pd.DataFrame(rows)
    df["error_pct"] = 100.0 * (df["predicted_s"] - df["measured_s"]) / df["measured_s"]
    dense = df[df["kernel"].map(lambda n: not get_kernel(n).sparse)]
    best_dense = dense.groupby("layer")["measured_s"].min()
    df["measured_speedup_vs_best_dense"] = df["layer"].map(best_dense) / df["measured_s"]
    if torch_s:
        df["torch_s"] = df["layer"].map(torch_s)
        df["measured_speedup_vs_torch"] = df["torch_s"] / df["measured_s"]
        df["predicted_speedup_vs_torch"] = df["torch_s"] / df["predicted_s"]
    return df


def _torch_callable(layer: ConvLayer, x, w):
    """PyTorch's conv2d on the layer with as many threads as Numba uses; None without torch."""
    try:
        import torch
    except ImportError:
        return None
    from .._config import num_threads

    torch.set_num_threads(num_threads())
    tx, tw = torch.from_numpy(x), torch.from_numpy(w)
    conv = torch.nn.functional.conv2d

    def run():
        with torch.no_grad():
            conv(tx, tw, stride=layer.stride, padding=layer.pad, groups=layer.groups)

    return run


def repredicted(df: pd.DataFrame, layers: Sequence[ConvLayer], profile: MachineProfile) -> pd.DataFrame:
    """``df`` with ``predicted_s`` recomputed under another profile (e.g. the uncalibrated
    roofline), the measured columns kept: both models judged on the very same runs."""
    from ..model.predict import predict

    _need(df, ("layer", "kernel", "density", "predicted_s"))
    by_name = {(l.name or l.describe()): l for l in layers}
    out = df.copy()
    out["predicted_s"] = [predict(by_name[r.layer], r.kernel, r.density, profile).seconds
                          for r in df.itertuples()]
    if "measured_s" in out:
        out["error_pct"] = 100.0 * (out["predicted_s"] - out["measured_s"]) / out["measured_s"]
    return out


def cell_choices(df: pd.DataFrame, tolerance: float = FASTEST_TOLERANCE) -> pd.DataFrame:
    """Per (layer, density) cell: predicted and measured fastest kernel and the time lost."""
    _need(df, ("layer", "density", "kernel", "predicted_s", "measured_s"))
    out = []
    for (layer, density), cell in df.groupby(["layer", "density"], sort=False):
        pred = cell.loc[cell["predicted_s"].idxmin()]
        meas = cell.loc[cell["measured_s"].idxmin()]
        lost = pred["measured_s"] / meas["measured_s"] - 1.0
        out.append({"layer": layer, "density": density, "predicted_fastest": pred["kernel"],
                    "measured_fastest": meas["kernel"], "time_lost": lost,
                    "right": pred["kernel"] == meas["kernel"],
                    "right_within_tolerance": lost <= tolerance})
    return pd.DataFrame(out)


def _split_dense_sparse(sub: pd.DataFrame):
    from ..kernels import get_kernel

    is_sparse = sub["kernel"].map(lambda n: get_kernel(n).sparse)
    return sub[~is_sparse], sub[is_sparse]


def _bracket(crossover: float, below: float, above: float, half_width: float):
    """Densities to refine a crossover at: it and ``half_width`` either side, at most
    halfway to the grid densities ``below`` and ``above`` (rounded to 0.001, distinct,
    inside (0, 1))."""
    lo = max(crossover - half_width, (below + crossover) / 2)
    hi = min(crossover + half_width, (crossover + above) / 2)
    return sorted({round(d, 3) for d in (lo, crossover, hi) if 0.0 < round(d, 3) < 1.0})


def refine_crossovers(df: pd.DataFrame, layers: Sequence[ConvLayer], *, quick: bool = False,
                      repeats: Optional[int] = None, min_time: Optional[float] = None,
                      gap: float = REFINE_GAP, half_width: float = REFINE_HALF_WIDTH,
                      progress: Optional[Callable[[str], None]] = None) -> pd.DataFrame:
    """Measure each sparse kernel around the density where the grid puts its crossover.

    For every (layer, sparse kernel) whose measured crossover lies between grid
    densities more than ``gap`` apart, the sparse kernel is planned at the interpolated
    density and ``half_width`` either side (:func:`_bracket`) and timed in interleaved
    rounds with the layer's measured-fastest dense kernel
    (:func:`winomodel.timing.measure_rounds`).  Each round's ratios cancel what slows
    the whole round.

    Returns
    -------
    DataFrame
        One row per (measurement, round): ``layer, kernel, density, round, measured_s,
        dense_kernel, dense_s, ratio, dense_grid_s`` (``dense_s``: the dense kernel's
        sample in the same round; ``ratio = measured_s / dense_s``; ``dense_grid_s``: the
        dense kernel's grid time), for :func:`crossover_rows`.
    """
    _need(df, ("layer", "density", "kernel", "measured_s"))
    repeats, min_time = _timing_settings(quick, repeats, min_time)
    say = progress or (lambda msg: None)
    by_name = {(l.name or l.describe()): l for l in layers}
    out = []
    for layer_name, sub in df.groupby("layer", sort=False):
        layer = by_name.get(layer_name)
        dense, sparse = _split_dense_sparse(sub)
        if layer is None or dense.empty:
            continue
        best = dense.loc[dense["measured_s"].idxmin()]
        todo = _refinement_densities(sparse, float(best["measured_s"]), gap, half_width)
        if not todo:
            continue
        say(f"refine crossovers of {layer_name}: " + ", ".join(f"{k} at {d:g}" for k, d in todo))
        timed = measure_rounds(_refinement_calls(layer, best["kernel"], todo), repeats=repeats,
                               min_time=min_time)
        dense_samples = timed["dense"].samples
        for kernel, density in todo:
            for i, (t, td) in enumerate(zip(timed[(kernel, density)].samples, dense_samples)):
                out.append({"layer": layer_name, "kernel": kernel, "density": density, "round": i,
                            "measured_s": t, "dense_kernel": best["kernel"], "dense_s": td,
                            "ratio": t / td, "dense_grid_s": float(best["measured_s"])})
    return pd.DataFrame(out, columns=list(REFINEMENT_COLUMNS))


def _refinement_calls(layer: ConvLayer, dense_kernel: str, todo) -> Dict[object, Callable[[], object]]:
    """The refinement's callables on one layer's operands: ``"dense"`` (``dense_kernel``)
    and ``(kernel, density)`` for each of ``todo``."""
    from ..kernels import get_kernel

    x, w = _random_operands(layer)
    plans = {"dense": get_kernel(dense_kernel).plan(w, layer)}
    for kernel, density in todo:
        plans[(kernel, density)] = get_kernel(kernel).plan(w, layer, density=density)
    return {key: (lambda p: (lambda: p(x)))(plan) for key, plan in plans.items()}


def _refinement_densities(sparse: pd.DataFrame, best_dense_s: float, gap: float, half_width: float):
    """``[(kernel, density), ...]`` to refine in one layer's sparse grid rows: each sparse
    kernel whose measured crossover against ``best_dense_s`` lies between grid densities
    more than ``gap`` apart, at the densities of :func:`_bracket` not on the grid."""
    todo = []
    for kernel, ks in sparse.groupby("kernel", sort=False):
        pts = sorted(zip(ks["density"], ks["measured_s"]))
        meas = measured_crossover([d for d, _ in pts], [t for _, t in pts], best_dense_s)
        if meas is None or meas >= pts[-1][0]:
            continue
        above = min(d for d, _ in pts if d > meas)
        below = max((d for d, _ in pts if d <= meas), default=0.0)
        grid = {d for d, _ in pts}
        if above - below > gap:
            todo += [(kernel, d) for d in _bracket(meas, below, above, half_width) if d not in grid]
    return todo


def _dense_deviation(dense_samples, dense_grid_s: float) -> float:
    """How far a refinement's dense kernel ran from its grid time: the median of its
    samples (one per round) over ``dense_grid_s``, minus 1."""
    return float(np.median(dense_samples)) / dense_grid_s - 1.0


#: columns of :func:`refine_crossovers`' rows
REFINEMENT_COLUMNS = ("layer", "kernel", "density", "round", "measured_s", "dense_kernel", "dense_s",
                      "ratio", "dense_grid_s")


def _line_root(densities: Sequence[float], ratios: Sequence[float]) -> Optional[float]:
    """Density where the least-squares line through ``(density, ratio)`` reaches 1, if the
    line rises and the root lies within half the points' span of them (else None: too
    flat or too far out to trust)."""
    d = np.asarray(densities, dtype=float)
    r = np.asarray(ratios, dtype=float)
    if d.size < 2 or np.ptp(d) == 0.0:
        return None
    slope, intercept = np.polyfit(d, r, 1)
    if not slope > 0.0:
        return None
    root = (1.0 - intercept) / slope
    margin = np.ptp(d) / 2
    return float(root) if d.min() - margin <= root <= d.max() + margin else None


def bracket_crossover(points: pd.DataFrame):
    """``(crossover, low, high)`` from one (layer, sparse kernel)'s refinement rows
    (:func:`refine_crossovers`): each round's line through its ratios gives a root
    (:func:`_line_root`); where at least half the rounds give one, the crossover is their
    median and low / high their smallest and largest; else the root of the line through
    the median ratio of each density, without a range.  ``(None, None, None)`` where
    neither gives a root."""
    per_round = [_line_root(g["density"], g["ratio"]) for _, g in points.groupby("round")]
    roots = [r for r in per_round if r is not None]
    if roots and 2 * len(roots) >= len(per_round):
        return float(np.median(roots)), min(roots), max(roots)
    medians = points.groupby("density")["ratio"].median()
    return _line_root(medians.index, medians.values), None, None


def crossover_rows(df: pd.DataFrame, layers: Sequence[ConvLayer], profile: MachineProfile,
                   refinements: Optional[pd.DataFrame] = None) -> pd.DataFrame:
    """Predicted (model) and measured crossover density per layer and sparse kernel.

    Measured: the median of the densities where lines fitted to each round's ratios
    (sparse time over best dense time) of ``refinements`` (:func:`refine_crossovers`)
    cross 1 (:func:`bracket_crossover`; ``measured_crossover_low`` and ``_high``: the
    smallest and largest); without refinements, or where their lines give no root, the
    linear interpolation between the grid points and the refinements' median ratios.
    ``measured_crossover_grid`` is the grid-only interpolation; ``crossover_ratio_tolerance``
    the error of the sparse/dense time ratio that moves the crossover by
    :data:`CROSSOVER_TOLERANCE` (that tolerance times the measured ratio's slope over the
    grid segment holding the crossover: how exactly the model must predict the two kernels'
    times against each other there); ``refine_dense_deviation``
    how far the refinement's dense kernel ran from its grid time (median over the rounds,
    a fraction; empty without a refinement); ``layer_shape`` the layer without its name.  A crossover that never
    happens on the grid counts as density 0 for the error and is flagged
    ``measured_censored``."""
    _need(df, ("layer", "density", "kernel", "measured_s"))
    by_name = {(l.name or l.describe()): l for l in layers}
    out = []
    for layer_name, sub in df.groupby("layer", sort=False):
        layer = by_name.get(layer_name)
        if layer is None:
            continue
        dense, sparse = _split_dense_sparse(sub)
        if dense.empty:
            continue
        best_dense_s = dense["measured_s"].min()
        for kernel, ks in sparse.groupby("kernel", sort=False):
            dens = ks["density"].tolist()
            ratios = (ks["measured_s"] / best_dense_s).tolist()
            grid = measured_crossover(dens, ratios, 1.0)
            meas, low, high, dense_off = grid, None, None, None
            if refinements is not None and not refinements.empty:
                extra = refinements[(refinements["layer"] == layer_name) & (refinements["kernel"] == kernel)]
                if not extra.empty:
                    meas, low, high = bracket_crossover(extra)
                    dense_off = _dense_deviation(extra.drop_duplicates("round")["dense_s"],
                                                 extra["dense_grid_s"].iloc[0])
                    if meas is None:
                        medians = extra.groupby("density")["ratio"].median()
                        meas = measured_crossover(dens + medians.index.tolist(),
                                                  ratios + medians.tolist(), 1.0)
            spot = sweet_spot(layer, kernel, profile,
                              dense_kernels=sorted(set(dense["kernel"])))
            pred = spot.upper_density
            grid_max = float(ks["density"].max())
            pred_c = min(pred, grid_max) if pred is not None else 0.0
            meas_c = meas if meas is not None else 0.0
            slope = ratio_slope(dens, ratios, meas) if meas is not None else None
            out.append({"layer": layer_name, "kernel": kernel, "layer_shape": layer.replace(name="").describe(),
                        "is_3x3": layer.R == 3 and layer.S == 3,
                        "predicted_crossover": pred, "measured_crossover": meas,
                        "measured_crossover_low": low, "measured_crossover_high": high,
                        "measured_crossover_grid": grid, "refine_dense_deviation": dense_off,
                        "crossover_ratio_tolerance": (CROSSOVER_TOLERANCE * slope
                                                      if slope is not None and slope > 0 else None),
                        "measured_censored": meas is None or meas >= grid_max,
                        "crossover_error": pred_c - meas_c})
    return pd.DataFrame(out)


def error_statistics(df: pd.DataFrame, crossovers: Optional[pd.DataFrame] = None,
                     tolerance: float = FASTEST_TOLERANCE) -> dict:
    """The figures of merit of a validated grid (see the module docstring)."""
    _need(df, ("predicted_s", "measured_s"))
    if df.empty:
        raise WinomodelError("no validated rows to summarise")
    err = (100.0 * (df["predicted_s"] - df["measured_s"]) / df["measured_s"]).abs()
    cells = cell_choices(df, tolerance)
    stats = {
        "rows": int(len(df)),
        "cells": int(len(cells)),
        "median_abs_error_pct": float(err.median()),
        "p90_abs_error_pct": float(err.quantile(0.9)),
        "max_abs_error_pct": float(err.max()),
        "fastest_exact_fraction": float(cells["right"].mean()),
        "fastest_within_tolerance_fraction": float(cells["right_within_tolerance"].mean()),
        "worst_time_lost_pct": float(100.0 * cells["time_lost"].max()),
    }
    if "measured_iqr" in df.columns:   # how repeatable the measurements themselves were
        stats["measured_iqr_median_pct"] = float(100.0 * df["measured_iqr"].median())
        stats["measured_iqr_p90_pct"] = float(100.0 * df["measured_iqr"].quantile(0.9))
    if crossovers is not None and not crossovers.empty:
        c3 = crossovers[crossovers["is_3x3"]]
        stats["crossover_max_abs_error"] = float(crossovers["crossover_error"].abs().max())
        stats["crossover_max_abs_error_3x3"] = (float(c3["crossover_error"].abs().max())
                                                if not c3.empty else math.nan)
        stats["crossover_within_0.05_fraction_3x3"] = (
            float((c3["crossover_error"].abs() <= 0.05).mean()) if not c3.empty else math.nan)
        stats["crossover_within_0.1_fraction_3x3"] = (
            float((c3["crossover_error"].abs() <= CROSSOVER_TOLERANCE).mean()) if not c3.empty else math.nan)
        if "crossover_ratio_tolerance" in crossovers.columns:
            tol = c3.loc[~c3["measured_censored"], "crossover_ratio_tolerance"].dropna()
            if not tol.empty:   # the time-ratio accuracy the crossover target asks for
                stats["crossover_3x3_ratio_tolerance_median_pct"] = float(100.0 * tol.median())
                stats["crossover_3x3_ratio_tolerance_min_pct"] = float(100.0 * tol.min())
    return stats


def format_statistics(stats: dict) -> str:
    """The statistics as readable lines."""
    lines = [
        f"rows validated: {stats['rows']}  (layer, density) cells: {stats['cells']}",
        f"|error| of predicted time: median {stats['median_abs_error_pct']:.1f} %, "
        f"90th percentile {stats['p90_abs_error_pct']:.1f} %, max {stats['max_abs_error_pct']:.1f} %",
        f"predicted fastest kernel = measured fastest: {100 * stats['fastest_exact_fraction']:.0f} % "
        f"of cells; within {100 * FASTEST_TOLERANCE:.0f} %: "
        f"{100 * stats['fastest_within_tolerance_fraction']:.0f} %",
        f"worst time lost by trusting the prediction: {stats['worst_time_lost_pct']:.1f} %",
    ]
    if "measured_iqr_median_pct" in stats:
        lines.append(f"spread of the measurements (interquartile range over median): median "
                     f"{stats['measured_iqr_median_pct']:.1f} %, 90th percentile "
                     f"{stats['measured_iqr_p90_pct']:.1f} %")
    if "crossover_max_abs_error" in stats:
        lines.append(f"crossover density error: max {stats['crossover_max_abs_error']:.3f} (all layers), "
                     f"{stats['crossover_max_abs_error_3x3']:.3f} on 3x3 layers; within +-0.1 on "
                     f"{100 * stats['crossover_within_0.1_fraction_3x3']:.0f} %, within +-0.05 on "
                     f"{100 * stats['crossover_within_0.05_fraction_3x3']:.0f} % of 3x3 layer/kernel pairs")
    if "crossover_3x3_ratio_tolerance_median_pct" in stats:
        lines.append(f"to land within +-{CROSSOVER_TOLERANCE:g} of the measured crossover, the predicted "
                     f"sparse/dense time ratio there may be off by "
                     f"{stats['crossover_3x3_ratio_tolerance_median_pct']:.1f} % (median over 3x3 pairs; "
                     f"least {stats['crossover_3x3_ratio_tolerance_min_pct']:.1f} %)")
    return "\n".join(lines)


def _need(df: pd.DataFrame, columns) -> None:
    if not isinstance(df, pd.DataFrame):
        raise WinomodelError(f"expected a DataFrame of validation rows, got {type(df).__name__}")
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise WinomodelError(f"validation rows lack columns {missing}")


#: the representative grid of ``--quick``: a 5x5 grouped layer, small and 512-channel 3x3 layers
#: (VGG-16 conv4_2 left the quick grid: its plans and crossover refinement took a third of it)
QUICK_LAYERS = (("alexnet", "conv2"), ("alexnet", "conv3"), ("alexnet", "conv5"),
                ("vgg16", "conv5_1"))
#: densities of the validation grid (the issue's targets)
VALIDATION_DENSITIES = (1.0, 0.3, 0.1, 0.05)


def quick_layers():
    """Layers of the quick grid, named ``network/layer``."""
    from ..networks import load_network

    out = []
    for network, name in QUICK_LAYERS:
        layer = next(l for l in load_network(network) if l.name == name)
        out.append(layer.replace(name=f"{network}/{name}"))
    return out
