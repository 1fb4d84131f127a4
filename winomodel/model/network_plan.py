"""Per-layer plan of an imported model on its real weights, and guided pruning proposals.

:func:`layer_plan` gives, for each conv layer of a model, its real densities (spatial,
and in the Winograd domain of each tile), every kernel's predicted time at those
densities, the predicted best kernel and the sweet spot of each sparse kernel.

:func:`propose_densities` is Park et al.'s guided pruning read off the model: a layer
is pruned only inside the sweet spot of its best sparse kernel (never below the
density where halving stops paying, never where no sparse kernel beats dense), and
never below :data:`VALIDATED_MIN_DENSITY`, the lowest density the model is validated
on.  All layers move together from their upper towards their lower density (a
geometric interpolation by one parameter) until the predicted network speedup or
time budget is met.
"""

from __future__ import annotations

import math
from typing import Dict, Optional, Sequence

import numpy as np

from ..errors import WinomodelError
from ..importers.record import ImportedModel
from ..layer import ConvLayer
from .predict import predict
from ..machine.profile import MachineProfile
from .sweetspot import DEFAULT_GAIN_FRACTION, sweet_spot

#: lowest density of the validation grid (evaluation.validate.VALIDATION_DENSITIES): the
#: model's sweet spots are not trusted, and pruning is not proposed, below it
VALIDATED_MIN_DENSITY = 0.05
TILES = (2, 4, 6)


def winograd_densities(weights: np.ndarray, tiles: Sequence[int] = TILES,
                       stride=1) -> Dict[int, float]:
    """Density of the Winograd-domain weights (of the decomposition's pieces for layers
    other than 3x3 stride 1) for each tile; empty for 1x1 weights and strides the
    decomposition does not cover (no Winograd kernel runs them)."""
    from ..layer import _pair
    from ..pruning import winograd_weights

    if weights.shape[2:] == (1, 1) or any(s not in (1, 2) for s in _pair(stride, "stride")):
        return {}
    out = {}
    for t in tiles:
        u = winograd_weights(weights, t, stride=stride)
        out[t] = float(np.count_nonzero(u)) / u.size
    return out


def kernel_density(kernel, layer: ConvLayer, weights: np.ndarray, wino: Dict[int, float]) -> float:
    """Density ``kernel`` runs ``weights`` at: spatial for direct kernels, the Winograd-domain
    density of its default tile for Winograd ones, 1 for dense kernels."""
    from ..kernels._winograd_common import default_tile

    if not kernel.sparse:
        return 1.0
    if kernel.domain == "winograd":
        return wino.get(default_tile(layer), 1.0)
    return float(np.count_nonzero(weights)) / max(1, weights.size)


def _check(model, profile):
    if not isinstance(model, ImportedModel):
        raise WinomodelError(f"model must be an ImportedModel (from_torch/from_onnx), "
                             f"got {type(model).__name__}")
    if not isinstance(profile, MachineProfile):
        raise WinomodelError(f"profile must be a MachineProfile, got {type(profile).__name__}")


def layer_plan(model: ImportedModel, profile: MachineProfile, *,
               kernels: Optional[Sequence[str]] = None,
               gain_fraction: float = DEFAULT_GAIN_FRACTION):
    """One row per supported layer of ``model``: real densities, predictions, choice, sweet spot.

    Returns
    -------
    pandas.DataFrame
        Columns ``layer, shape, gflops, spatial_density, winograd_density_f2/f4/f6,
        predicted_<kernel>_s`` (each kernel at the density it would run these weights at),
        ``best_kernel, best_s, best_dense_kernel, best_dense_s, speedup_vs_dense``, ``not_run``
        (each kernel that does not run the layer, with the reason, e.g. the Winograd kernels
        on stride-4 or 1x1 layers), and for
        ``sparse_direct`` the sweet spot ``upper_density, lower_density`` (lower clipped to
        :data:`VALIDATED_MIN_DENSITY`, ``lower_clipped`` says when).
    """
    import pandas as pd

    from ..kernels import get_kernel, kernel_names

    _check(model, profile)
    names = list(kernels) if kernels is not None else kernel_names()
    rows = []
    for m in model.supported():
        layer = m.layer.replace(name=m.name)
        wino = winograd_densities(m.weights, stride=m.layer.stride)
        row = dict(layer=m.name, shape=layer.describe(), gflops=layer.dense_flops / 1e9,
                   spatial_density=m.density)
        for t in TILES:
            row[f"winograd_density_f{t}"] = wino.get(t, float("nan"))
        pred = {}
        routed = []
        for n in names:
            k = get_kernel(n)
            reason = k.unsupported_reason(layer)
            if not reason:
                pred[n] = predict(layer, k, kernel_density(k, layer, m.weights, wino), profile).seconds
                row[f"predicted_{n}_s"] = pred[n]
            else:
                routed.append(f"{n}: {reason}")
        # a kernel that does not run the layer is said so here, not by an error
        row["not_run"] = "; ".join(routed)
        if not pred:
            continue
        best = min(pred, key=pred.get)
        dense = {n: s for n, s in pred.items() if not get_kernel(n).sparse}
        best_dense = min(dense, key=dense.get) if dense else best
        row.update(best_kernel=best, best_s=pred[best], best_dense_kernel=best_dense,
                   best_dense_s=pred[best_dense], speedup_vs_dense=pred[best_dense] / pred[best])
        if "sparse_direct" in pred:
            spot = sweet_spot(layer, "sparse_direct", profile, gain_fraction=gain_fraction)
            lower = spot.lower_density
            clipped = lower is None or lower < VALIDATED_MIN_DENSITY
            row.update(upper_density=spot.upper_density, upper_speedup=spot.upper_speedup,
                       lower_density=max(lower or 0.0, VALIDATED_MIN_DENSITY)
                       if spot.upper_density is not None else None,
                       lower_clipped=clipped)
        rows.append(row)
    return pd.DataFrame(rows)


def _spots(layers, profile, kernel, gain_fraction):
    """(upper, lower, best dense seconds) per layer for ``kernel``; upper None: never pays."""
    from ..kernels import get_kernel

    out = []
    for layer in layers:
        k = get_kernel(kernel)
        dense = [predict(layer, n, 1.0, profile).seconds for n in ("dense_direct", "dense_winograd")
                 if get_kernel(n).supports(layer)]
        best_dense = min(dense)
        if not k.supports(layer):
            out.append((None, None, best_dense))
            continue
        spot = sweet_spot(layer, kernel, profile, gain_fraction=gain_fraction)
        upper = spot.upper_density
        if upper is None or upper < VALIDATED_MIN_DENSITY:
            out.append((None, None, best_dense))
            continue
        lower = max(spot.lower_density or VALIDATED_MIN_DENSITY, VALIDATED_MIN_DENSITY)
        out.append((upper, min(lower, upper), best_dense))
    return out


def propose_densities(layers: Sequence[ConvLayer], profile: MachineProfile, *,
                      target_speedup: Optional[float] = None, budget_s: Optional[float] = None,
                      domain: str = "spatial", gain_fraction: float = DEFAULT_GAIN_FRACTION,
                      current: Optional[Dict[str, float]] = None):
    """Per-layer densities that meet a predicted speedup or time budget, from the sweet spots.

    Parameters
    ----------
    layers : sequence of ConvLayer
        Named layers (e.g. ``model.conv_layers()``).
    profile : MachineProfile
    target_speedup : float, optional
        Predicted total conv time of the best dense kernels over that of the pruned network.
    budget_s : float, optional
        Predicted total conv time to reach instead (seconds).  One of the two is needed.
    domain : {"spatial", "winograd"}
        Prune for ``sparse_direct`` (spatial) or ``sparse_winograd`` (Winograd domain).
    current : dict, optional
        Layers' present densities: a layer is never proposed denser than it is.

    Returns
    -------
    (pandas.DataFrame, dict)
        Rows ``layer, upper_density, lower_density, density, kernel, predicted_s,
        dense_s, speedup``; and a summary ``{dense_s, predicted_s, speedup, target_s,
        reached, t}`` (``t`` in [0, 1]: 0 every layer at its upper density, 1 at its lower).
    """
    import pandas as pd

    if (target_speedup is None) == (budget_s is None):
        raise WinomodelError("give exactly one of target_speedup and budget")
    if domain not in ("spatial", "winograd"):
        raise WinomodelError(f"domain must be 'spatial' or 'winograd', got {domain!r}")
    if target_speedup is not None and not (isinstance(target_speedup, (int, float))
                                           and math.isfinite(target_speedup) and target_speedup > 0):
        raise WinomodelError(f"target speedup must be a positive number, got {target_speedup!r}")
    if budget_s is not None and not (isinstance(budget_s, (int, float)) and budget_s > 0):
        raise WinomodelError(f"budget must be a positive number of seconds, got {budget_s!r}")
    layers = list(layers)
    if not layers:
        raise WinomodelError("no conv layers to prune")
    kernel = "sparse_direct" if domain == "spatial" else "sparse_winograd"
    spots = _spots(layers, profile, kernel, gain_fraction)
    current = current or {}
    dense_total = sum(s[2] for s in spots)
    target = budget_s if budget_s is not None else dense_total / target_speedup

    def densities_at(t):
        out = []
        for layer, (up, lo, _) in zip(layers, spots):
            if up is None:
                out.append(None)
                continue
            d = up ** (1 - t) * lo ** t  # geometric: pruning steps are ratios
            out.append(min(d, current.get(layer.name, 1.0)))
        return out

    def times_at(t):
        ts = []
        for layer, d, (_, _, dense_s) in zip(layers, densities_at(t), spots):
            ts.append(dense_s if d is None else min(dense_s, predict(layer, kernel, d, profile).seconds))
        return ts

    lo_t, hi_t = 0.0, 1.0
    if sum(times_at(1.0)) > target:
        t = 1.0  # unreachable inside the sweet spots: propose the lower bounds
    elif sum(times_at(0.0)) <= target:
        t = 0.0
    else:
        for _ in range(40):
            mid = 0.5 * (lo_t + hi_t)
            lo_t, hi_t = (mid, hi_t) if sum(times_at(mid)) > target else (lo_t, mid)
        t = hi_t
    ds, ts = densities_at(t), times_at(t)
    rows = []
    for layer, d, s, (up, lo, dense_s) in zip(layers, ds, ts, spots):
        pays = d is not None and s < dense_s
        rows.append(dict(layer=layer.name, upper_density=up, lower_density=lo,
                         density=d if pays else current.get(layer.name, 1.0),
                         kernel=kernel if pays else "dense",
                         predicted_s=s, dense_s=dense_s, speedup=dense_s / s))
    total = sum(ts)
    summary = dict(dense_s=dense_total, predicted_s=total, speedup=dense_total / total,
                   target_s=target, reached=total <= target * (1 + 1e-6), t=t, kernel=kernel)
    return pd.DataFrame(rows), summary
