"""Offline A/B of the model's structure: no kernel is timed.

Refits a saved profile's calibration runs under each variant (which phases share a
factor or are held at 1, or how a phase is placed on the roofline), re-predicts the
measured rows of saved validation CSVs with the refitted profile, and prints the error
statistics side by side (the same measurements judge every variant, so the machine's
run-to-run noise does not favour one).

Usage (from a folder holding the reports; run in the regime the profile was measured in)::

    python benchmarks/calibration_ab.py reports/<machine>/profile.json \
        reports/<machine>/validation.csv reports/<machine>/heldout.csv
"""

from __future__ import annotations

import argparse
import copy
import dataclasses
from pathlib import Path

import pandas as pd

from winomodel.evaluation.validate import crossover_rows, error_statistics, repredicted
from winomodel.machine.calibration import calibration_layers
from winomodel.machine.profile import MachineProfile
from winomodel.model import fit
from winomodel.model import predict as predict_module
from winomodel.networks import load_networks
from winomodel.report.network_report import heldout_layers

ORIGINAL_PARAMETER_OF = fit.parameter_of


def baseline():
    pass


def rows_held():
    fit.FIXED_PARAMETERS = fit.FIXED_PARAMETERS + ("row_copies",)


def streams_held():
    fit.FIXED_PARAMETERS = fit.FIXED_PARAMETERS + ("row_copies", "pad_input", "crop")


def sparse_phases_merged():
    """Micro-kernel calls (row visits) scaled with the products."""
    def parameter_of(kernel, phase):
        if phase == "calls":
            return f"{kernel}:products"
        return ORIGINAL_PARAMETER_OF(kernel, phase)
    fit.parameter_of = parameter_of


def one_per_kernel():
    fit.parameter_of = lambda kernel, phase: f"{kernel}:all"


ORIGINAL_PLACE_PHASE = predict_module.place_phase


def csr_at_memory_bandwidth():
    """sparse_winograd's CSR stream (``weights``) read at memory's bandwidth whatever its size."""
    def place_phase(phase, profile, kernel=""):
        placed = ORIGINAL_PLACE_PHASE(phase, profile, kernel)
        if phase.name != "weights":
            return placed
        return dataclasses.replace(placed, memory_s=phase.bytes / (profile.bandwidth_gbs["DRAM"] * 1e9))
    predict_module.place_phase = place_phase


VARIANTS = {"baseline": baseline, "rows_held": rows_held, "streams_held": streams_held,
            "sparse_phases_merged": sparse_phases_merged, "one_per_kernel": one_per_kernel,
            "csr_at_memory_bandwidth": csr_at_memory_bandwidth}


def refit(profile: MachineProfile) -> MachineProfile:
    """``profile`` with its calibration runs refitted under the current parameter map."""
    cal = profile.calibration
    raw = fit.uncalibrated(profile)
    layers = {layer.name: layer for layer in calibration_layers()}
    runs = []
    for run in cal["runs"]:
        cols, _ = fit.run_columns(layers[run["layer"]], run["kernel"], run["density"], raw,
                                  cal["overhead_measured_s"])
        runs.append(dict(run, roofline_s=cols))
    new = fit.fit_calibration(runs, cal["overhead_measured_s"])
    new.update({k: cal[k] for k in ("layers", "layer_names", "densities", "quick") if k in cal})
    out = copy.copy(profile)
    out.calibration = new
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("profile")
    ap.add_argument("validation_csv", nargs="+")
    args = ap.parse_args(argv)
    layers = load_networks("alexnet,vgg16") + heldout_layers()
    for layer in list(layers):   # a single network's table names its layers without a prefix
        if "/" in layer.name and not layer.name.startswith("heldout/"):
            layers.append(layer.replace(name=layer.name.split("/", 1)[1]))
    frames = {path: pd.read_csv(path) for path in args.validation_csv}
    # each CSV's crossover refinements (``<name>_crossover_points.csv`` beside it), if saved
    points = {path: Path(path).with_name(Path(path).stem + "_crossover_points.csv")
              for path in args.validation_csv}
    points = {path: pd.read_csv(p) if p.exists() else None for path, p in points.items()}
    profile = MachineProfile.load(args.profile)
    print("variant, fitted parameters, then per CSV: median |error| %, p90 %, fastest within 10 %, "
          "worst time lost %, 3x3 crossovers within +-0.1; parameters on a bound")
    for name, variant in VARIANTS.items():
        saved = (fit.parameter_of, fit.FIXED_PARAMETERS, predict_module.place_phase)
        cells = []
        try:
            variant()
            refitted = refit(profile)
            # a parameter map shapes the refit only; a placement judges the rows too
            fit.parameter_of, fit.FIXED_PARAMETERS = saved[:2]
            for path, df in frames.items():
                again = repredicted(df, layers, refitted)
                s = error_statistics(again, crossover_rows(again, layers, refitted, points[path]))
                cells.append(f"{s['median_abs_error_pct']:.1f} / {s['p90_abs_error_pct']:.1f} / "
                             f"{100 * s['fastest_within_tolerance_fraction']:.0f} % / "
                             f"{s['worst_time_lost_pct']:.1f} / "
                             f"{100 * s['crossover_within_0.1_fraction_3x3']:.0f} %")
        finally:
            fit.parameter_of, fit.FIXED_PARAMETERS = saved[:2]
            predict_module.place_phase = saved[2]
        cal = refitted.calibration
        print(f"{name:22s} {cal['parameters']:3d}  " + "  |  ".join(cells) + f"  bounds: {sorted(cal['at_bounds'])}")


if __name__ == "__main__":
    main()
