"""The main job: profile (reused if present), predict, validate, and write a report.

``make_report`` writes to ``reports/<machine>/``:

* ``profile.json`` (through the profiler), ``predictions.csv``, ``sweetspots.csv``,
  ``validation.csv`` (+ ``_crossovers.csv``, ``_crossover_points.csv``, ``_stats.json``),
  and the same for the held-out layers (``heldout.csv`` ...);
* ``roofline.png`` (kernel x layer points, effective and real FLOP/s apart),
  ``speedup_vs_density.png`` (predicted curves, measured points), ``sweetspots.png``;
* ``summary.md``, the page a person reads first.
"""

from __future__ import annotations

import datetime
import math
from pathlib import Path
from typing import Callable, List, Optional, Sequence

import pandas as pd

from ..errors import WinomodelError
from ..fileio import check_writable, write_csv, write_json, write_set, write_text
from ..formatting import format_cell
from ..layer import ConvLayer
from ..model.predict import predict_rows
from .plots import plot_roofline, plot_speedups, plot_sweetspots
from ..machine.profile import MachineProfile
from ..model.sweetspot import DEFAULT_GAIN_FRACTION, sweet_spots
from ..evaluation.validate import (CROSSOVER_TOLERANCE, FASTEST_TOLERANCE, REFINE_GAP, REFINE_HALF_WIDTH,
                       REFINEMENT_COLUMNS,
                       VALIDATION_DENSITIES, crossover_rows, error_statistics, quick_layers,
                       refine_crossovers, repredicted, run_grid)

#: densities of the prediction table and curves
PREDICT_DENSITIES = (1.0, 0.5, 0.3, 0.2, 0.1, 0.05, 0.02, 0.01)
#: the issue's targets: (statistic, comparison, value)
TARGETS = (("median_abs_error_pct", "<=", 15.0), ("p90_abs_error_pct", "<=", 35.0),
           ("fastest_within_tolerance_fraction", ">=", 0.90),
           ("worst_time_lost_pct", "<=", 15.0),
           ("crossover_within_0.1_fraction_3x3", ">=", 0.90))
#: held-out layers the model never saw (no calibration layer shares a shape with them; a
#: test checks this), shipped with the package data (``data/heldout/layers.csv``, inside
#: the wheel as ``winomodel/data/heldout/layers.csv``)
HELDOUT_CSV = "heldout/layers.csv"
#: held-out layers validated by ``--quick``
QUICK_HELDOUT = 2


def default_layers(network: Optional[str], quick: bool) -> List[ConvLayer]:
    """Layers of ``network`` (comma-separated names allowed), else AlexNet + VGG-16
    (the quick grid with ``quick``)."""
    from ..networks import load_networks

    if network:
        return load_networks(network)
    if quick:
        return quick_layers()
    return load_networks("alexnet,vgg16")


def heldout_layers(quick: bool = False) -> List[ConvLayer]:
    """The held-out layer table shipped with the package data (:data:`HELDOUT_CSV`;
    empty if an install lacks it)."""
    from ..networks import _data_file, load_layers_csv, unique_names

    path = _data_file(HELDOUT_CSV)
    if path is None:
        return []
    layers = unique_names(load_layers_csv(path), prefix="heldout")
    return layers[:QUICK_HELDOUT] if quick else layers


def _saved_current_profile(quick: bool, echo: Callable[[str], None]) -> Optional[MachineProfile]:
    """This machine's saved profile when it fits (machine, thoroughness) and carries a
    calibration of this code, else None: nothing to measure, so no background compile."""
    from ..errors import ProfileError
    from ..machine.profiler import calibration_is_current, default_profile_path, load_matching

    path = default_profile_path()
    try:
        saved = load_matching(path, quick=quick) if path.exists() else None
    except ProfileError:
        return None
    if saved is None or not calibration_is_current(saved, quick=quick):
        return None
    echo(f"profile: reusing {path} ({'quick' if saved.extra.get('quick') else 'full'} profile, "
         f"measured {saved.created}; {'quick' if saved.calibration.get('quick') else 'full'} calibration)")
    return saved


def make_report(*, network: Optional[str] = None, quick: bool = False,
                profile: Optional[MachineProfile] = None, out_dir=None,
                layers: Optional[Sequence[ConvLayer]] = None,
                heldout: Optional[Sequence[ConvLayer]] = None,
                densities: Sequence[float] = VALIDATION_DENSITIES,
                repeats: Optional[int] = None, min_time: Optional[float] = None,
                with_torch: bool = True, echo: Callable[[str], None] = print) -> Path:
    """Profile, predict, validate and write the report; returns the summary.md path.

    Parameters
    ----------
    network : str, optional
        Shipped network(s) to report on; default AlexNet + VGG-16 (quick: a small grid).
    quick : bool
        Quick profile, small grid, fewer repeats (about two minutes).
    profile : MachineProfile, optional
        Use this profile instead of this machine's (tests use synthetic ones).
    out_dir : path, optional
        Default ``reports/<machine>/``.
    layers, heldout : list of ConvLayer, optional
        Override the validation and held-out layer sets.
    """
    if profile is None:
        profile = _saved_current_profile(quick, echo)
    if profile is None:
        from ..kernels.warmup import BackgroundCompile
        from ..machine.profiler import get_profile

        echo("profile: none saved that fits this machine and code: measuring one and calibrating")
        # the kernels compile in other processes while this one compiles the
        # profiler's microbenchmarks; nothing is timed before they are done
        compiling = BackgroundCompile().start()
        try:
            profile = get_profile(quick=quick, before_timing=compiling.wait)
        finally:
            compiling.wait()
    if not isinstance(profile, MachineProfile):
        raise WinomodelError(f"profile must be a MachineProfile, got {type(profile).__name__}")
    if out_dir is None:
        from ..machine.profiler import report_dir

        out_dir = report_dir()
    out = Path(out_dir)
    check_writable(out / "summary.md")  # before minutes of timing, not after
    layers_given = layers
    layers = list(layers) if layers is not None else default_layers(network, quick)
    heldout = list(heldout) if heldout is not None else heldout_layers(quick)
    if not layers:
        raise WinomodelError("no layers to report on")

    # every file of the report is staged and renamed at the end: all new, or none
    with write_set():
        echo(f"predict: {len(layers)} layers")
        predictions = pd.DataFrame(predict_rows(layers, PREDICT_DENSITIES, profile))
        spots = pd.DataFrame(sweet_spots(layers, profile))
        write_csv(out / "predictions.csv", predictions)
        write_csv(out / "sweetspots.csv", spots)

        def validate(which, name):
            echo(f"validate: {len(which)} {name} layers x {len(densities)} densities")
            rows = run_grid(which, densities, profile, quick=quick, repeats=repeats, min_time=min_time,
                            with_torch=with_torch, progress=echo)
            # the quick report reads crossovers off the grid; the full one refines them
            points = (pd.DataFrame(columns=list(REFINEMENT_COLUMNS)) if quick else
                      refine_crossovers(rows, which, repeats=repeats, min_time=min_time, progress=echo))
            cross = crossover_rows(rows, which, profile, points)
            stats = error_statistics(rows, cross)
            if profile.calibrated:  # the pure roofline judged on the same runs, for comparison
                from ..model.fit import uncalibrated

                raw = uncalibrated(profile)
                raw_rows = repredicted(rows, which, raw)
                stats["uncalibrated"] = error_statistics(raw_rows, crossover_rows(raw_rows, which, raw, points))
            write_csv(out / f"{name}.csv", rows)
            write_csv(out / f"{name}_crossovers.csv", cross)
            write_csv(out / f"{name}_crossover_points.csv", points)
            write_json(out / f"{name}_stats.json", stats)
            return rows, cross, stats

        rows, cross, stats = validate(layers, "validation")
        held = validate(heldout, "heldout") if heldout else None

        echo("plots")
        plot_roofline(out / "roofline.png", profile, rows)
        plot_speedups(out / "speedup_vs_density.png", layers, profile, rows)
        if not spots.empty:
            plot_sweetspots(out / "sweetspots.png", spots)
        scope = network or ("the quick grid" if quick and layers_given is None else
                            "AlexNet + VGG-16" if layers_given is None else "the given layers")
        summary = summary_markdown(profile, layers, rows, cross, stats, spots, held, scope=scope)
        path = write_text(out / "summary.md", summary)
    echo(f"wrote {out}/ (summary.md first)")
    return path


# ---- summary.md --------------------------------------------------------------------------
def md_table(frame: pd.DataFrame, columns, formats=None) -> str:
    """A Markdown table of ``columns`` of ``frame`` (numbers formatted by ``formats``)."""
    formats = formats or {}
    cols = [c for c in columns if c in frame.columns]
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for _, row in frame.iterrows():
        cells = [format_cell(row[c], c, formats, missing="–") for c in cols]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def profile_warnings(profile: MachineProfile) -> List[str]:
    """Markdown bullet lines that flag a profile the reader should not trust blindly."""
    notes = []
    extra = profile.extra or {}
    peak = profile.peak_gflops["fp32"]
    theory = (extra.get("theoretical") or {}).get("fp32_gflops")
    if theory and peak < 0.5 * theory:
        notes.append(f"- WARNING: measured fp32 peak {peak:.0f} GFLOP/s is under half the theoretical "
                     f"{theory:.0f} GFLOP/s: the machine was probably busy while profiling")
    over = [n for n, g in profile.compute_gflops.items() if n != "fma_peak" and g > 1.05 * peak]
    if over:
        notes.append(f"- WARNING: ceilings {', '.join(over)} exceed the fp32 peak: noisy profile")
    load = extra.get("load_average")
    if load:
        notes.append(f"- load average while profiling: {', '.join(f'{v:.1f}' for v in load)} "
                     f"(on {profile.fingerprint.get('logical_cpus', '?')} logical CPUs)")
    if extra.get("noisy_points"):
        notes.append(f"- {len(extra['noisy_points'])} profiler points were noisy (cv above "
                     f"{extra.get('max_cv', '?')})")
    for level, note in (extra.get("level_notes") or {}).items():
        if "DISAGREE" in str(note).upper():
            notes.append(f"- {level}: {note}")
    if extra.get("quick"):
        notes.append("- quick profile (coarse sweep); `winomodel profile` measures a full one")
    return notes


def _shown(key: str, value: float) -> str:
    return (f"{100 * value:.0f} %" if "fraction" in key else
            f"{value:.1f} %" if key.endswith("_pct") else f"{value:.3g}")


#: a kernel's measured time on the 4 x 4 calibration layer above this says the machine was
#: busy while calibrating (idle: 20-70 µs; a 2-core VM shared with 2-thread jobs: 8-32 ms,
#: multiples of the scheduler's time slice)
BUSY_CALL_S = 1e-3
#: figures of the measurements alone (the same whatever model predicts)
MEASURED_ONLY = ("crossover_3x3_ratio_tolerance_median_pct", "crossover_3x3_ratio_tolerance_min_pct",
                 "measured_iqr_median_pct", "measured_iqr_p90_pct")


def _targets_table(stats: dict) -> str:
    raw = stats.get("uncalibrated")
    head = "| figure of merit | measured | target | met |" + (" pure roofline (uncalibrated) |" if raw else "")
    lines = [head, "|---|---|---|---|" + ("---|" if raw else "")]
    for key, op, value in TARGETS:
        got = stats.get(key, math.nan)
        ok = (got <= value) if op == "<=" else (got >= value)
        target = (f"{op} {100 * value:.0f} %" if "fraction" in key else
                  f"{op} {value:g} %" if key.endswith("_pct") else f"{op} {value:g}")
        lines.append(f"| {key} | {_shown(key, got)} | {target} | {'yes' if ok and not math.isnan(got) else 'NO'} |"
                     + (f" {_shown(key, raw.get(key, math.nan))} |" if raw else ""))
    for key in ("fastest_exact_fraction", "crossover_max_abs_error_3x3", "crossover_within_0.05_fraction_3x3",
                *MEASURED_ONLY):
        if key in stats:
            lines.append(f"| {key} | {_shown(key, stats[key])} | – | – |"
                         + ((" – |" if key in MEASURED_ONLY else f" {_shown(key, raw.get(key, math.nan))} |")
                            if raw else ""))
    return "\n".join(lines)


def _best_speedups(rows: pd.DataFrame) -> pd.DataFrame:
    from ..kernels import get_kernel

    sparse = rows[rows["kernel"].map(lambda n: get_kernel(n).sparse)]
    cols = ["layer", "density", "kernel", "measured_speedup_vs_best_dense",
            "speedup_vs_best_dense"] + (["measured_speedup_vs_torch"]
                                        if "measured_speedup_vs_torch" in rows.columns else [])
    best = sparse.loc[sparse.groupby(["layer", "density"])["measured_s"].idxmin(), cols]
    return best.rename(columns={"speedup_vs_best_dense": "predicted_speedup_vs_best_dense"})


def _calibration_lines(profile: MachineProfile) -> List[str]:
    if not profile.calibrated:
        return ["", "The profile is not calibrated: these are pure roofline times."]
    cal = profile.calibration
    lines = ["", f"**Calibrated** ({'quick' if cal.get('quick') else 'full'} grid): each phase time is "
             "multiplied by a factor per (kernel, phase), fitted (non-negative, least absolute relative "
             f"error) to runs on {len(cal.get('layer_names', []))} calibration layers "
             f"({', '.join(cal.get('layer_names', []))}) at densities "
             f"{', '.join(f'{d:g}' for d in cal.get('densities', []))}. None of them has the shape of a "
             "validation or held-out layer."
             + " Factors:", ""]
    for kernel, factors in cal.get("factors", {}).items():
        fit = cal.get("fit", {}).get(kernel, {})
        fixed = cal.get("overhead_s", {}).get(kernel)
        lines.append(f"- {kernel}: " + ", ".join(f"{ph} x{f:.2f}" for ph, f in factors.items())
                     + (f"; fixed cost {fixed * 1e6:.0f} µs per call" if fixed is not None else "")
                     + (f" (fit: median |error| {fit['median_abs_error_pct']:.1f} % over {fit['runs']} runs)"
                        if fit else ""))
    if "parameters" in cal:
        lines.append(f"- {cal['parameters']} fitted parameters (phases that run the same code share one; "
                     "each kernel's fixed cost per call is its measured tiny-layer time, not fitted)")
    slow = {k: v for k, v in (cal.get("overhead_measured_s") or {}).items() if v > BUSY_CALL_S}
    if slow:
        lines.append("- WARNING: the fixed cost per call measured " + ", ".join(
            f"{k} {v * 1e3:.1f} ms" for k, v in sorted(slow.items())) + " on a 4 x 4 layer (an idle "
            "machine: tens of µs): the cores were shared while calibrating, and every parallel call "
            "waited for a descheduled thread; calibrate again when the machine is idle "
            "(`winomodel profile --quick --force`)")
    bounds = cal.get("at_bounds") or {}
    lines.append("- factors on a bound of their range: " + (", ".join(
        f"{p} x{v:g} ({side} end)" for p, (v, side) in sorted(bounds.items())) if bounds else "none"))
    return lines


def summary_markdown(profile: MachineProfile, layers, rows, cross, stats, spots, held=None, *,
                     scope: str = "the given layers") -> str:
    """The text of summary.md."""
    fp = profile.fingerprint or {}
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    ceilings = ", ".join(f"{k} {v:.0f}" for k, v in profile.compute_gflops.items())
    bws = ", ".join(f"{k} {v:.0f} GB/s (<= {profile.level_capacity_bytes[k] / 2**20:.3g} MiB)"
                    for k, v in profile.bandwidth_gbs.items())
    out = [
        f"# winomodel report — {fp.get('cpu_model', 'synthetic machine')}",
        "",
        f"Generated {now}; {profile.threads} threads; layers: {scope} "
        f"({len(layers)} layers, densities {', '.join(f'{d:g}' for d in sorted(set(rows['density']), reverse=True))}).",
        "",
        "## Machine (profiler ceilings, never fitted to kernel runs)",
        f"- fp32 peak {profile.peak_gflops['fp32']:.0f} GFLOP/s; inner-loop ceilings (GFLOP/s): {ceilings}",
        f"- bandwidth: {bws}",
        *profile_warnings(profile),
        "",
        "## How the model works",
        "Each kernel states its own work per phase (FLOPs, bytes, working set). Each phase is placed on "
        "the roofline of the smallest memory level holding its working set: "
        "time = max(FLOPs / inner-loop ceiling, bytes / level bandwidth); phase times are added. "
        "In the levels the cores share (L3, DRAM) the bandwidth is the one the profiler's working-set "
        "sweep measured at the phase's working set (it falls smoothly past the last cache). "
        "No parameter is fitted to the validation runs.",
        *_calibration_lines(profile),
        "",
        "## How right it was (validation grid)",
        _targets_table(stats),
        "",
        f"Cells = (layer, density) pairs ({stats['cells']}); the predicted fastest kernel counts as right "
        f"when its measured time is within {100 * FASTEST_TOLERANCE:.0f} % of the measured fastest. "
        "Measured crossover: where the sparse kernel's time over the best dense kernel's crosses 1. "
        "Where the grid points around it are more than "
        f"{REFINE_GAP:g} apart, a full report (not `--quick`) times the sparse kernel again at the density the grid "
        f"interpolation gives and {REFINE_HALF_WIDTH:g} either side, in rounds with the best dense "
        "kernel; a line fitted to each round's three ratios (sparse time over the same round's "
        "dense time) gives a root, and the crossover is the median root, `measured_low` and "
        "`measured_high` the smallest and largest (`_crossover_points.csv` holds every round; "
        "`dense_off`: how far the dense kernel's median there lay from its grid time). "
        "Elsewhere it is interpolated linearly between grid points "
        "(`measured_crossover_grid`: the grid-only value). Predicted crossover: the model's "
        "continuous crossover, capped at the largest grid density. `ratio_tolerance`: how far "
        "the predicted sparse/dense time ratio at the crossover may be off for the predicted "
        f"crossover to stay within ±{CROSSOVER_TOLERANCE:g} (the tolerance times the measured "
        "ratio's slope in density there); compare it with the time errors above.",
        *([f"Measurement: every time is the median of interleaved rounds (warm-up excluded); the "
           f"spread of each measurement (interquartile range over the median, column `measured_iqr`) "
           f"was {stats['measured_iqr_median_pct']:.1f} % at the median and "
           f"{stats['measured_iqr_p90_pct']:.1f} % at the 90th percentile."]
          if "measured_iqr_median_pct" in stats else []),
    ]
    if held is not None:
        _, hcross, hstats = held
        out += ["", "## Held-out layers (never used while building the model)", _targets_table(hstats)]
    out += [
        "",
        "## Sweet spot per layer and sparse kernel (predicted)",
        f"Upper density: sparse time = best dense time. Lower density: below it, halving the density "
        f"gains less than {100 * DEFAULT_GAIN_FRACTION:.0f} % of the time. Speedups are over the best "
        "dense kernel; bound = the ceiling of the phase that dominates there.",
        "",
        md_table(spots, ("layer", "kernel", "best_dense_kernel", "upper_density", "upper_speedup",
                         "upper_bound", "lower_density", "lower_speedup", "lower_bound"),
                 {"upper_density": "{:.3f}", "lower_density": "{:.3f}", "upper_speedup": "{:.2f}x",
                  "lower_speedup": "{:.2f}x"}) if not spots.empty else "(no sparse kernel supports these layers)",
        "",
        "## Crossover density, predicted vs measured",
        md_table(cross.rename(columns={"measured_crossover_low": "measured_low",
                                       "measured_crossover_high": "measured_high",
                                       "refine_dense_deviation": "dense_off",
                                       "crossover_ratio_tolerance": "ratio_tolerance"}),
                 ("layer", "kernel", "predicted_crossover", "measured_crossover", "measured_low",
                  "measured_high", "measured_crossover_grid", "dense_off", "crossover_error",
                  "ratio_tolerance"),
                 {"predicted_crossover": "{:.3f}", "measured_crossover": "{:.3f}",
                  "measured_low": "{:.3f}", "measured_high": "{:.3f}",
                  "measured_crossover_grid": "{:.3f}", "dense_off": "{:+.0%}",
                  "crossover_error": "{:+.3f}", "ratio_tolerance": "{:.1%}"})
        if not cross.empty else "(none)",
        "",
        "## Fastest sparse kernel per cell (measured), speedup over best dense and PyTorch",
        md_table(_best_speedups(rows), ("layer", "density", "kernel", "measured_speedup_vs_best_dense",
                                        "predicted_speedup_vs_best_dense", "measured_speedup_vs_torch"),
                 {"measured_speedup_vs_best_dense": "{:.2f}x", "predicted_speedup_vs_best_dense": "{:.2f}x",
                  "measured_speedup_vs_torch": "{:.2f}x", "density": "{:g}"}),
        "",
        "## Files",
        "- `predictions.csv`, `sweetspots.csv`: the model alone (more densities)",
        "- `validation.csv` (+ `_crossovers.csv`, `_crossover_points.csv`, `_stats.json`): predicted vs "
        "measured, spread of repeats"
        + ("; `heldout*.csv` the same for the held-out layers" if held is not None else ""),
        "- `roofline.png`: kernel x layer points on the measured roofline (filled = real FLOP/s, hollow = "
        "effective dense-equivalent FLOP/s; effective points may sit above the roof)",
        "- `speedup_vs_density.png`: predicted curves, measured points; `sweetspots.png`",
        "",
        "Timings on a shared machine are noisy: see `measured_cv` per row.",
    ]
    return "\n".join(out) + "\n"
