"""``winomodel repeatability``: the measured crossover densities of several saved runs
side by side, and the best a model predicting one number per layer could score."""

from __future__ import annotations

from pathlib import Path

from .cmd_predict import print_table


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "repeatability", help="compare the measured crossovers of several report folders",
        description="Read <which>_crossovers.csv of two or more report folders (or the CSV "
                    "files themselves), print each 3x3 layer's measured crossover run by run, "
                    "and per run the fraction within the tolerance of its own prediction and "
                    "of the other runs' mean measurement (the leave-one-out bound).")
    p.add_argument("runs", nargs="+", metavar="DIR", help="report folders (or crossover CSVs)")
    p.add_argument("--set", dest="which", choices=("validation", "heldout"), default="validation",
                   help="which crossover table of each folder (default validation)")
    p.add_argument("--all-layers", action="store_true", help="not only the 3x3 layers")
    p.add_argument("-o", "--output", metavar="FILE.csv", default=None,
                   help="write the table; FILE_runs.csv beside it holds the per-run figures")
    p.set_defaults(func=run)


def short_names(paths) -> dict:
    """Each path's last component, or the whole path where two would share it."""
    tails = [Path(str(p).rstrip("/")).name or str(p) for p in paths]
    return {str(p): (t if tails.count(t) == 1 else str(p)) for p, t in zip(paths, tails)}


def run(args) -> int:
    from ..fileio import write_csv, write_set
    from ..perfmodel.repeatability import CROSSOVER_TOLERANCE, across_runs, load_runs

    if args.output:
        from ..fileio import check_writable

        check_writable(args.output)
    runs = load_runs(args.runs, args.which)
    names = short_names(list(runs))
    runs = {names[k]: v for k, v in runs.items()}
    table, per_run = across_runs(runs, only_3x3=not args.all_layers)
    formats = {n: "{:.3f}" for n in list(runs) + ["mean", "range", "predicted"]}
    print_table(table, f"measured crossover density per run ({args.which})",
                ["layer", "kernel", *runs, "mean", "range", "predicted"], formats)
    print_table(per_run, f"within +-{CROSSOVER_TOLERANCE:g}: the model vs the leave-one-out bound",
                ["run", "pairs", "model_within", "model_worst", "bound_within", "bound_worst"],
                {"model_within": "{:.0%}", "bound_within": "{:.0%}", "model_worst": "{:.3f}",
                 "bound_worst": "{:.3f}"})
    print("bound: a model predicting each layer's mean measured crossover of the other runs")
    if args.output:
        out = Path(args.output)
        with write_set():  # both files new, or neither
            write_csv(out, table)
            write_csv(out.with_name(out.stem + "_runs.csv"), per_run)
        print(f"wrote {out}")
    return 0
