"""Structured shrinking vs unstructured sparsity at the same FLOP budget.

Wang et al. 2020 prune a network in three dimensions: fewer channels (width), fewer
layers (depth), lower input resolution.  Each gives smaller *dense* layers.  The
alternative keeps the architecture and removes the same FLOPs as unstructured
zeros, run by the best (sparse) kernel per layer.  For a network and a budget (the
fraction of the dense FLOPs kept) this module builds the shrunk networks' conv
layers (PyTorch definitions on the ``meta`` device: shapes only, nothing computed),
predicts the time of each variant with the best kernel per layer and, if asked,
measures it (random weights; PyTorch's dense conv for the shrunk networks too).
"""

from __future__ import annotations

from typing import Callable, Dict, List, Sequence

import numpy as np

from ..errors import WinomodelError
from ..layer import ConvLayer
from ..model.predict import predict
from ..machine.profile import MachineProfile

STRATEGIES = ("width", "depth", "resolution", "unstructured")


def conv_layers_of(module, input_shape) -> List[ConvLayer]:
    """Conv2d layers of a module, shapes only (run on the ``meta`` device)."""
    import torch
    from torch import nn

    module = module.to("meta")  # no-op for modules built under torch.device("meta")
    found = []

    def hook(mod, args, name):
        found.append(ConvLayer.from_shapes(tuple(args[0].shape), tuple(mod.weight.shape),
                                           stride=tuple(mod.stride), padding=tuple(mod.padding),
                                           groups=mod.groups, name=name))

    handles = [m.register_forward_pre_hook(lambda mod, a, _n=n: hook(mod, a, _n))
               for n, m in module.named_modules() if isinstance(m, nn.Conv2d)]
    try:
        with torch.no_grad():
            module(torch.empty(input_shape, device="meta"))
    finally:
        for h in handles:
            h.remove()
    return found


def flops(layers: Sequence[ConvLayer]) -> int:
    return sum(layer.dense_flops for layer in layers)


def _bisect(fraction_at: Callable[[float], float], target: float, lo: float, hi: float) -> float:
    """The parameter in [lo, hi] whose FLOP fraction is closest to ``target`` (increasing)."""
    for _ in range(20):
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if fraction_at(mid) < target else (lo, mid)
    return hi


def shrunk_layers(network: str, budget: float, strategy: str, *, batch: int = 1,
                  resolution: int = 224):
    """Conv layers of ``network`` shrunk by ``strategy`` to about ``budget`` of its FLOPs.

    Returns
    -------
    (list of ConvLayer, float, str)
        The layers, their FLOP fraction of the full network, and the setting
        (e.g. ``"width 0.71"``).
    """
    from .. import zoo

    if network not in zoo.MODELS:
        raise WinomodelError(f"structured shrinking needs a network defined in winomodel.zoo: "
                             f"{', '.join(zoo.MODELS)}; got {network!r}")
    def make(**kwargs):
        import torch

        with torch.device("meta"):  # shapes only: no weights allocated or initialised
            return zoo.MODELS[network](**kwargs)

    full = flops(conv_layers_of(make(), (batch, 3, resolution, resolution)))
    min_res = 32  # five stride-2 stages

    def layers_for(value):
        if strategy == "width":
            return conv_layers_of(make(width=value), (batch, 3, resolution, resolution))
        if strategy == "depth":
            return conv_layers_of(make(depth=value), (batch, 3, resolution, resolution))
        r = max(min_res, int(round(resolution * value)))
        return conv_layers_of(make(), (batch, 3, r, r))

    if strategy not in ("width", "depth", "resolution"):
        raise WinomodelError(f"strategy must be width, depth or resolution, got {strategy!r}")
    cache: Dict[float, float] = {}

    def fraction(value):
        if value not in cache:
            cache[value] = flops(layers_for(value)) / full
        return cache[value]

    value = _bisect(fraction, budget, 1e-3, 1.0)
    layers = layers_for(value)
    setting = (f"{strategy} {value:.3f}" if strategy != "resolution"
               else f"resolution {max(min_res, int(round(resolution * value)))}")
    return layers, flops(layers) / full, setting


def best_kernel_time(layer: ConvLayer, profile: MachineProfile, density: float = 1.0):
    """(kernel, predicted seconds) of the fastest kernel on ``layer`` at spatial ``density``.

    Only spatial-domain sparse kernels take part below density 1: the FLOPs removed are
    spatial weights (a Winograd-domain density is not the same FLOP budget).
    """
    from ..kernels import get_kernel, kernel_names

    best = None
    for n in kernel_names():
        k = get_kernel(n)
        if not k.supports(layer) or (k.sparse and k.domain != "spatial"):
            continue
        s = predict(layer, k, density if k.sparse else 1.0, profile).seconds
        if best is None or s < best[1]:
            best = (n, s)
    return best


def compare(network: str, budgets: Sequence[float], profile: MachineProfile, *,
            batch: int = 1, resolution: int = 224, measure: bool = False, repeats: int = 3,
            echo=None):
    """Predicted (and optionally measured) conv time of each strategy at each FLOP budget.

    Parameters
    ----------
    network : str
        ``"vgg16"`` or ``"resnet50"`` (:mod:`winomodel.zoo`).
    budgets : sequence of float in (0, 1]
        Fraction of the full network's conv FLOPs kept.
    profile : MachineProfile
    measure : bool
        Also time each variant's layers (winomodel's predicted-best kernel on random
        weights at the density, and PyTorch's dense conv2d for the dense variants).

    Returns
    -------
    pandas.DataFrame
        One row per (budget, strategy): ``budget, strategy, setting, flop_fraction,
        predicted_s, predicted_speedup`` (over the full dense network's best dense kernels),
        and with ``measure`` ``measured_s, torch_s, measured_speedup``.
    """
    import pandas as pd

    budgets = [float(b) for b in budgets]
    if not budgets or any(not (0.0 < b <= 1.0) for b in budgets):
        raise WinomodelError(f"budgets must be fractions in (0, 1], got {budgets!r}")
    from .. import zoo

    if network not in zoo.MODELS:
        raise WinomodelError(f"unknown network {network!r}; structured shrinking knows "
                             f"{', '.join(zoo.MODELS)}")
    import torch

    with torch.device("meta"):
        full_net = zoo.MODELS[network]()
    full_layers = conv_layers_of(full_net, (batch, 3, resolution, resolution))
    full_dense = sum(best_kernel_time(l, profile, 1.0)[1] for l in full_layers)
    base_measured = None
    if measure:
        base_measured = _measure(full_layers, 1.0, profile, repeats)
    rows = []
    for b in budgets:
        for strategy in STRATEGIES:
            if strategy == "unstructured":
                layers, frac, setting, density = full_layers, b, f"density {b:g}", b
            else:
                layers, frac, setting = shrunk_layers(network, b, strategy, batch=batch,
                                                      resolution=resolution)
                density = 1.0
            pred = sum(best_kernel_time(l, profile, density)[1] for l in layers)
            row = dict(network=network, budget=b, strategy=strategy, setting=setting,
                       flop_fraction=frac, layers=len(layers), predicted_s=pred,
                       predicted_speedup=full_dense / pred)
            if measure:
                ours, torch_s = _measure(layers, density, profile, repeats)
                row.update(measured_s=ours, torch_s=torch_s,
                           measured_speedup=base_measured[1] / ours)
            rows.append(row)
            if echo is not None:
                echo(f"  budget {b:g} {strategy:12s} {setting:18s} predicted {pred * 1e3:8.2f} ms"
                     + (f"  measured {row['measured_s'] * 1e3:8.2f} ms" if measure else ""))
    return pd.DataFrame(rows)


def _measure(layers, density, profile, repeats):
    """(winomodel seconds with the predicted-best kernel, PyTorch dense seconds) summed."""
    import torch

    import winomodel

    from ..pruning import prune_magnitude
    from ..report.model_report import median_seconds

    rng = np.random.default_rng(0)
    ours = theirs = 0.0
    for layer in layers:
        kernel, _ = best_kernel_time(layer, profile, density)
        w = rng.standard_normal(layer.weight_shape, dtype=np.float32)
        x = rng.standard_normal(layer.input_shape, dtype=np.float32)
        p = winomodel.plan(w, layer.input_shape, stride=layer.stride, padding=layer.pad,
                           groups=layer.groups, kernel=kernel,
                           density=density if winomodel.get_kernel(kernel).sparse else None)
        xt, wt = torch.from_numpy(x), torch.from_numpy(prune_magnitude(w, density))
        fns = {"ours": lambda p=p: p(x),
               "torch": lambda xt=xt, wt=wt, l=layer: torch.conv2d(xt, wt, stride=l.stride,
                                                                   padding=l.pad, groups=l.groups)}
        with torch.no_grad():
            med = median_seconds(fns, repeats)
        ours += med["ours"]
        theirs += med["torch"]
    return ours, theirs


def plot(rows, path) -> None:
    """Predicted (and measured) speedup over the full dense network vs FLOP budget, one line
    per strategy."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from ..fileio import atomic_path

    fig, ax = plt.subplots(figsize=(6, 4.2))
    for strategy, group in rows.groupby("strategy"):
        group = group.sort_values("budget")
        line, = ax.plot(group.budget, group.predicted_speedup, "o-", label=f"{strategy} (predicted)")
        if "measured_speedup" in group:
            ax.plot(group.budget, group.measured_speedup, "x--", color=line.get_color(),
                    label=f"{strategy} (measured)")
    ax.set_xlabel("conv FLOPs kept (fraction of the full network)")
    ax.set_ylabel("speedup over the full dense network")
    ax.invert_xaxis()
    ax.set_title(f"{rows.network.iloc[0]}: structured shrinking vs unstructured sparsity")
    ax.legend(fontsize=7)
    fig.tight_layout()
    with atomic_path(path) as tmp:
        fig.savefig(tmp, dpi=110)
    plt.close(fig)
