"""Report figures: roofline with kernel x layer points, speedup vs density, sweet spots.

All figures are written atomically as PNG.  Effective FLOP/s (the layer's dense
direct-conv FLOPs over the time) and real FLOP/s (the FLOPs the kernel executes)
are drawn apart: a sparse or Winograd kernel's effective point may sit above the
roof, its real point never should.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Optional, Sequence

import numpy as np
import pandas as pd

from ..fileio import atomic_path
from ..layer import ConvLayer
from ..model.predict import predict
from ..machine.profile import MachineProfile

_MARKERS = {"dense_direct": "s", "sparse_direct": "o", "dense_winograd": "D", "sparse_winograd": "^"}


def _pyplot():
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    return plt


def _save(fig, path) -> Path:
    with atomic_path(path, suffix=".png") as tmp:
        fig.savefig(tmp, dpi=120, bbox_inches="tight", format="png")
    _pyplot().close(fig)
    return Path(path)


def _draw_roof(ax, profile: MachineProfile) -> None:
    try:  # the profiler's own drawing when it exists
        from ..machine.roofline_plot import draw_roofline

        draw_roofline(ax, profile)
        return
    except ImportError:
        pass
    x = np.logspace(-2, 3, 200)
    for level, bw in profile.bandwidth_gbs.items():
        ax.plot(x, np.minimum(bw * x, profile.peak_gflops["fp32"]), lw=1, label=f"{level} {bw:.0f} GB/s")
    for name, g in profile.compute_gflops.items():
        ax.axhline(g, ls=":", lw=0.8, color="grey")
        ax.text(x[0], g, f" {name} {g:.0f}", fontsize=7, va="bottom", color="grey")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("arithmetic intensity (real FLOP / byte)")
    ax.set_ylabel("GFLOP/s")


def plot_roofline(path, profile: MachineProfile, rows: pd.DataFrame, *, time_column: str = "measured_s",
                  title: str = "") -> Path:
    """Roofline of ``profile`` with one point per kernel x layer x density row.

    Filled markers: real GFLOP/s; hollow: effective (dense-equivalent) GFLOP/s, at the
    same arithmetic intensity (real FLOPs over bytes).  Times come from ``time_column``
    (``measured_s`` when present, else ``predicted_s``).
    """
    plt = _pyplot()
    if time_column not in rows.columns:
        time_column = "predicted_s"
    fig, ax = plt.subplots(figsize=(8, 5.5))
    _draw_roof(ax, profile)
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for i, (kernel, sub) in enumerate(rows.groupby("kernel", sort=False)):
        sub = sub.drop_duplicates(subset=["layer", "density"] if "sparse" in kernel else ["layer"])
        ai = sub["real_flops"] / sub["bytes"]
        c = colors[(i + 4) % len(colors)]
        m = _MARKERS.get(kernel, "o")
        ax.scatter(ai, sub["real_flops"] / sub[time_column] / 1e9, marker=m, color=c, s=22,
                   label=f"{kernel} real")
        ax.scatter(ai, sub["effective_flops"] / sub[time_column] / 1e9, marker=m, facecolors="none",
                   edgecolors=c, s=22, label=f"{kernel} effective")
    ax.set_xscale("log")
    ax.set_yscale("log")
    what = "measured" if time_column == "measured_s" else "predicted"
    ax.set_title(title or f"Roofline with kernel x layer points ({what} times; filled = real, "
                          f"hollow = effective FLOP/s)", fontsize=9)
    ax.legend(fontsize=6, ncol=2, loc="lower right")
    return _save(fig, path)


def plot_speedups(path, layers: Sequence[ConvLayer], profile: MachineProfile,
                  measured: Optional[pd.DataFrame] = None, *, baseline: str = "best_dense") -> Path:
    """Speedup of each sparse kernel over the best dense kernel vs density, one panel per layer.

    Lines: the model (predicted); points: measured speedups from ``measured`` rows.
    """
    from ..kernels import get_kernel, kernel_names

    plt = _pyplot()
    n = len(layers)
    cols = min(3, n)
    nrows = math.ceil(n / cols)
    fig, axes = plt.subplots(nrows, cols, figsize=(4.2 * cols, 3.2 * nrows), squeeze=False)
    grid = np.logspace(-2, 0, 40)
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    for ax, layer in zip(axes.flat, layers):
        name = layer.name or layer.describe()
        dense = [predict(layer, k, 1.0, profile).seconds for k in kernel_names(sparse=False)
                 if get_kernel(k).supports(layer)]
        best = min(dense) if dense else float("nan")
        for i, k in enumerate(kernel_names(sparse=True)):
            if not get_kernel(k).supports(layer):
                continue
            c = colors[i % len(colors)]
            ax.plot(grid, [best / predict(layer, k, d, profile).seconds for d in grid], color=c,
                    label=f"{k} predicted")
            if measured is not None and "measured_speedup_vs_best_dense" in measured.columns:
                m = measured[(measured["layer"] == name) & (measured["kernel"] == k)]
                ax.scatter(m["density"], m["measured_speedup_vs_best_dense"], color=c, s=18,
                           label=f"{k} measured")
        ax.axhline(1.0, color="grey", lw=0.8, ls="--")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_title(layer.describe(), fontsize=8)
        ax.set_xlabel("weight density")
        ax.set_ylabel("speedup vs best dense")
    for ax in list(axes.flat)[n:]:
        ax.axis("off")
    handles = {}
    for ax in axes.flat:
        for h, label in zip(*ax.get_legend_handles_labels()):
            handles.setdefault(label, h)
    fig.legend(list(handles.values()), list(handles.keys()), fontsize=7, loc="upper center",
               ncol=max(1, len(handles)), bbox_to_anchor=(0.5, 1.02))
    fig.tight_layout()
    return _save(fig, path)


def plot_sweetspots(path, spots: pd.DataFrame) -> Path:
    """Per layer and sparse kernel, a bar from the lower to the upper density (log scale)."""
    plt = _pyplot()
    spots = spots.reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(8, 0.35 * max(len(spots), 3) + 1.2))
    colors = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    kernels = list(dict.fromkeys(spots["kernel"]))
    labels = []
    for i, row in spots.iterrows():
        labels.append(f"{row['layer']} / {row['kernel']}")
        c = colors[kernels.index(row["kernel"]) % len(colors)]
        up = row["upper_density"]
        lo = row["lower_density"] if pd.notna(row["lower_density"]) else 1e-4
        if pd.isna(up):
            ax.text(1e-3, i, "never beats dense", va="center", fontsize=7)
            continue
        ax.barh(i, up - lo, left=lo, color=c, alpha=0.7)
        if pd.notna(row.get("upper_speedup")):
            ax.text(up, i, f" {row['upper_speedup']:.3g}x @{up:.2g}", va="center", fontsize=6)
        if pd.notna(row.get("lower_speedup")) and pd.notna(row["lower_density"]):
            ax.text(lo, i, f"{row['lower_speedup']:.3g}x @{lo:.2g} ", va="center", ha="right", fontsize=6)
    ax.set_yticks(range(len(labels)))
    ax.set_yticklabels(labels, fontsize=7)
    ax.set_xscale("log")
    ax.set_xlim(1e-4, 2)
    ax.invert_yaxis()
    ax.set_xlabel("weight density (bar: lower density .. crossover with best dense)")
    ax.set_title("Predicted sweet spot per layer and sparse kernel", fontsize=9)
    return _save(fig, path)
