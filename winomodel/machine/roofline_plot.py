"""Draw a machine's roofline from its profile alone.

:func:`draw_roofline` draws on a given matplotlib axes and returns it, so other
plots (kernel x layer points of the performance model) can be overlaid;
:func:`plot_roofline` writes PNG and SVG files atomically.

Axes: arithmetic intensity (FLOP/byte, log) against GFLOP/s (log).  Each memory
level is the line ``min(bandwidth x intensity, fp32 peak)``; compute ceilings are
horizontal lines; each level's ridge point (where its slope meets the fp32 peak)
is marked and labelled.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional, Tuple

import numpy as np

from ..errors import ProfileError
from ..fileio import atomic_path, write_set
from .profile import MachineProfile

_LEVEL_COLOURS = {"L1": "tab:blue", "L2": "tab:green", "L3": "tab:orange", "DRAM": "tab:red"}
_CEILING_STYLES = {"fma_peak": ("fp32 FMA peak", "-"), "gemm": ("gemm (row-blocked matrix product)", "--"),
                   "axpy": ("axpy (broadcast FMA stream)", "-."), "stream": ("stream (add/sub transform)", ":")}


def ridge_points(profile: MachineProfile) -> dict:
    """Arithmetic intensity (FLOP/byte) at which each level's slope meets the fp32 peak."""
    peak = profile.peak_gflops["fp32"]
    return {level: peak / bw for level, bw in profile.bandwidth_gbs.items()}


def draw_roofline(ax, profile: MachineProfile, *, intensity_range: Optional[Tuple[float, float]] = None,
                  show_ceilings: bool = True, title: Optional[str] = None):
    """Draw ``profile``'s roofline on ``ax`` and return ``ax``.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    profile : MachineProfile
    intensity_range : (float, float), optional
        x range in FLOP/byte; default spans every ridge point with margin.
    show_ceilings : bool
        Also draw the inner-loop compute ceilings (gemm, axpy, stream) and the fp64 peak.
    title : str, optional
    """
    if not isinstance(profile, MachineProfile):
        raise ProfileError(f"draw_roofline needs a MachineProfile, got {type(profile).__name__}")
    peak = profile.peak_gflops["fp32"]
    ridges = ridge_points(profile)
    if intensity_range is None:
        lo = min(min(ridges.values()) / 8, 1 / 16)
        hi = max(max(ridges.values()) * 8, 64)
        intensity_range = (lo, hi)
    lo, hi = intensity_range
    if not (0 < lo < hi):
        raise ProfileError(f"intensity_range must satisfy 0 < low < high, got {intensity_range!r}")
    x = np.logspace(np.log10(lo), np.log10(hi), 400)
    for level, bw in profile.bandwidth_gbs.items():
        colour = _LEVEL_COLOURS.get(level, "tab:gray")
        ax.plot(x, np.minimum(bw * x, peak), color=colour, lw=2, label=f"{level}: {bw:.0f} GB/s")
        ridge = ridges[level]
        if lo <= ridge <= hi:
            ax.plot([ridge], [peak], "o", color=colour, ms=6)
            ax.annotate(f"{level} ridge\n{ridge:.2g} F/B", (ridge, peak), textcoords="offset points",
                        xytext=(0, -28), ha="center", fontsize=7, color=colour)
    if show_ceilings:
        for name, value in profile.compute_gflops.items():
            label, style = _CEILING_STYLES.get(name, (name, "--"))
            # the Winograd products' ceilings sit beside gemm and axpy: not drawn
            if name == "fma_peak" or name.startswith(("wgemm", "wsparse", "wrows")):
                continue
            ax.axhline(value, color="0.35", ls=style, lw=1)
            ax.text(hi, value, f" {label}: {value:.0f}", va="bottom", ha="right", fontsize=7, color="0.25")
        fp64 = profile.peak_gflops["fp64"]
        ax.axhline(fp64, color="0.6", ls="-", lw=1)
        ax.text(hi, fp64, f" fp64 peak: {fp64:.0f}", va="bottom", ha="right", fontsize=7, color="0.45")
    ax.axhline(peak, color="black", lw=1.5)
    ax.text(lo, peak, f" fp32 peak: {peak:.0f} GFLOP/s", va="bottom", ha="left", fontsize=8)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(lo, hi)
    ax.set_ylim(top=peak * 1.8)   # room for the peak label
    ax.set_xlabel("arithmetic intensity (FLOP / byte)")
    ax.set_ylabel("GFLOP/s (fp32, real FLOPs)")
    ax.grid(True, which="both", alpha=0.25)
    ax.legend(loc="lower right", fontsize=8)
    if title is None:
        fp = profile.fingerprint
        title = f"Roofline: {fp.get('cpu_model', 'machine')}, {profile.threads} thread(s)"
        if profile.extra.get("quick"):
            title += " (quick profile)"
    ax.set_title(title, fontsize=10)
    return ax


def plot_roofline(profile: MachineProfile, out_stem) -> list:
    """Write ``<out_stem>.png`` and ``<out_stem>.svg`` of the roofline; returns the paths."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out_stem = Path(out_stem)
    fig, ax = plt.subplots(figsize=(8, 5.5))
    try:
        draw_roofline(ax, profile)
        fig.tight_layout()
        paths = []
        with write_set():  # PNG and SVG new together, or neither
            for ext in (".png", ".svg"):
                path = out_stem.with_name(out_stem.name + ext)
                with atomic_path(path) as tmp:
                    fig.savefig(tmp, dpi=150, format=ext[1:])
                paths.append(path)
    finally:
        plt.close(fig)
    return paths
