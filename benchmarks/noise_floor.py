"""How well one run of the machine predicts another: the noise floor of issue 21's statistics.

Takes saved full reports of the same regime (folders holding ``validation.csv``,
``heldout.csv`` and their ``*_crossovers.csv``), and for every ordered pair (A, B) scores
run A's *measured* times as if they were predictions of run B's, with the same statistics
the model is judged by (:func:`winomodel.evaluation.validate.error_statistics`): median
and p90 |error|, fastest kernel right within 10 %, worst time lost, and the measured
crossover density of A within +-0.1 of B's on the 3x3 pairs.  No model takes part and
nothing is timed: a figure the machine misses against itself is one no model can show.

Given per-layer tables of ``benchmarks/network_bench.py`` (``*_layers.csv``) instead, it
scores the per-layer kernel choice the same way: run A's measured fastest kernel as the
choice for run B (right exactly, and within 10 % of B's fastest).

Usage::

    python benchmarks/noise_floor.py DIR DIR [DIR ...] [-o noise_floor.csv]
    python benchmarks/noise_floor.py A_layers.csv B_layers.csv [...] [-o choice_floor.csv]
"""

from __future__ import annotations

import argparse
import itertools
from pathlib import Path

import pandas as pd

from winomodel.evaluation.validate import error_statistics
from winomodel.report.network_report import TARGETS

KEY = ["layer", "kernel", "density"]
LABELS = {"median_abs_error_pct": "median |error| %", "p90_abs_error_pct": "p90 |error| %",
          "fastest_within_tolerance_fraction": "fastest within 10 %",
          "worst_time_lost_pct": "worst time lost %",
          "crossover_within_0.1_fraction_3x3": "3x3 crossovers within +-0.1"}
#: statistic -> (label, the report's target, whether higher is better)
STATISTICS = {key: (LABELS[key], value, op == ">=") for key, op, value in TARGETS}


def pair_statistics(run_a: Path, run_b: Path, grid: str) -> dict:
    """Statistics of run A's measurements taken as the predictions of run B's."""
    a = pd.read_csv(run_a / f"{grid}.csv")
    b = pd.read_csv(run_b / f"{grid}.csv").drop(columns=["predicted_s"])
    rows = b.merge(a[KEY + ["measured_s"]].rename(columns={"measured_s": "predicted_s"}), on=KEY)
    if len(rows) != len(b):
        raise SystemExit(f"{run_a} and {run_b} do not hold the same {grid} grid")
    crossovers = None
    ca, cb = run_a / f"{grid}_crossovers.csv", run_b / f"{grid}_crossovers.csv"
    if ca.exists() and cb.exists():
        xa = pd.read_csv(ca)[["layer", "kernel", "measured_crossover"]]
        crossovers = pd.read_csv(cb).drop(columns=["crossover_error"]).merge(
            xa.rename(columns={"measured_crossover": "predicted_a"}), on=["layer", "kernel"])
        crossovers["crossover_error"] = crossovers["predicted_a"] - crossovers["measured_crossover"]
        crossovers = crossovers.dropna(subset=["crossover_error"])
    stats = error_statistics(rows, crossovers)
    return {"grid": grid, "run_a": str(run_a), "run_b": str(run_b),
            **{k: stats.get(k, float("nan")) for k in STATISTICS}}


KERNEL_COLUMNS = ("dense_direct_s", "sparse_direct_s", "dense_winograd_s", "sparse_winograd_s")


def choice_statistics(table_a: Path, table_b: Path, tolerance: float = 0.10) -> dict:
    """Run A's measured fastest kernel per layer taken as the choice for run B."""
    a = pd.read_csv(table_a).set_index("layer")
    b = pd.read_csv(table_b).set_index("layer")
    columns = [c for c in KERNEL_COLUMNS if c in a.columns and c in b.columns]
    if not a.index.equals(b.index):
        raise SystemExit(f"{table_a} and {table_b} do not hold the same layers")
    chosen = a[columns].idxmin(axis=1)
    best_b = b[columns].min(axis=1)
    lost = pd.Series([b.at[layer, chosen[layer]] for layer in b.index], index=b.index) / best_b - 1.0
    return {"run_a": str(table_a), "run_b": str(table_b),
            "right_exact": float((chosen == b[columns].idxmin(axis=1)).mean()),
            "right_within_tolerance": float((lost <= tolerance).mean()),
            "worst_time_lost_pct": float(100.0 * lost.max())}


#: issue 23's target for the per-layer kernel choice (share of layers right)
CHOICE_TARGET = 0.90


def choice_floor(tables, output: str) -> None:
    """Print and write :func:`choice_statistics` over every ordered pair of ``tables``."""
    df = pd.DataFrame([choice_statistics(a, b) for a, b in itertools.permutations(tables, 2)])
    df.to_csv(output, index=False)
    print(f"{len(tables)} runs, {len(df)} ordered pairs: run A's measured fastest kernel per layer "
          f"as the choice for run B")
    for col, label in (("right_exact", "right exactly, %"),
                       ("right_within_tolerance", "within 10 %, %")):
        met = (df[col] >= CHOICE_TARGET).mean()
        print(f"  {label:18s} median {100 * df[col].median():5.1f}  [{100 * df[col].min():5.1f} - "
              f"{100 * df[col].max():5.1f}]  (target {100 * CHOICE_TARGET:g}; met by {met:.0%} of pairs)")
    print(f"  worst time lost    median {df['worst_time_lost_pct'].median():5.1f} %  "
          f"[{df['worst_time_lost_pct'].max():5.1f} - {df['worst_time_lost_pct'].min():5.1f}]")
    print(f"\nwritten to {output}")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", nargs="+", type=Path,
                        help="report folders of one regime, or network_bench *_layers.csv tables")
    parser.add_argument("-o", "--output", default="noise_floor.csv")
    args = parser.parse_args(argv)
    if len(args.runs) < 2:
        parser.error("give at least two report folders or tables")
    if all(run.is_file() for run in args.runs):
        choice_floor(args.runs, args.output)
        return
    rows = [pair_statistics(a, b, grid) for grid in ("validation", "heldout")
            for a, b in itertools.permutations(args.runs, 2)]
    df = pd.DataFrame(rows)
    df.to_csv(args.output, index=False)
    print(f"{len(args.runs)} runs, {len(rows) // 2} ordered pairs per grid; each statistic as "
          f"median [least favourable - most favourable] over the pairs, the target in parentheses")
    for grid, sub in df.groupby("grid", sort=False):
        print(f"\n{grid}:")
        for col, (label, target, higher) in STATISTICS.items():
            values = sub[col].dropna()
            scale = 100.0 if higher else 1.0
            worst, best = (values.min(), values.max()) if higher else (values.max(), values.min())
            met = (values >= target) if higher else (values <= target)
            print(f"  {label:30s} {scale * values.median():6.1f} [{scale * worst:6.1f} - "
                  f"{scale * best:6.1f}]  (target {scale * target:g}; met by {met.mean():.0%} of pairs)")
    print(f"\nwritten to {args.output}")


if __name__ == "__main__":
    main()
