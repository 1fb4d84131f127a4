"""``winomodel validate``: run the real kernels on a grid, compare with the model's
predictions and print the error statistics."""

from __future__ import annotations

from pathlib import Path

from .argtypes import positive_int
from .cmd_predict import (FORMATS, add_selection_arguments, load_profile, parse_densities,
                          parse_kernels, print_table, selected_layers)

VALIDATE_COLUMNS = ("layer", "kernel", "density", "predicted_s", "measured_s", "measured_cv",
                    "error_pct", "bound", "measured_speedup_vs_best_dense")
CROSSOVER_COLUMNS = ("layer", "kernel", "predicted_crossover", "measured_crossover", "crossover_error")


def register(subparsers) -> None:
    from ..evaluation.validate import VALIDATION_DENSITIES

    p = subparsers.add_parser(
        "validate", help="run the kernels on a grid and measure the model's error",
        description="Run every kernel on layers x densities (dense kernels once per layer), "
                    "compare with the predicted times and print the error statistics.")
    add_selection_arguments(p, densities=VALIDATION_DENSITIES, required=False)
    p.add_argument("--quick", action="store_true",
                   help="small representative grid (AlexNet conv2/3/5, VGG-16 conv4_2/5_1) "
                        "when no --network/--layers is given, and fewer repeats")
    p.add_argument("--repeats", type=positive_int, default=None, help="timing samples per kernel")
    p.add_argument("--no-torch", action="store_true", help="do not time PyTorch's conv2d")
    p.add_argument("-o", "--output", required=True, metavar="FILE.csv",
                   help="CSV of validated rows; FILE_crossovers.csv, FILE_crossover_points.csv "
                        "and FILE_stats.json beside it")
    p.set_defaults(func=run)


def validate_and_write(layers, densities, profile, output, *, kernels=None, quick=False,
                       repeats=None, with_torch=True, echo=print):
    """Run the grid (and the crossover refinements), write rows, crossovers, refinement
    points and statistics next to ``output``; returns ``(rows, crossovers, stats)``."""
    from ..fileio import write_csv, write_json, write_set
    from ..evaluation.validate import crossover_rows, error_statistics, refine_crossovers, run_grid

    rows = run_grid(layers, densities, profile, kernels=kernels, quick=quick, repeats=repeats,
                    with_torch=with_torch, progress=echo)
    points = refine_crossovers(rows, layers, quick=quick, repeats=repeats, progress=echo)
    crossovers = crossover_rows(rows, layers, profile, points)
    stats = error_statistics(rows, crossovers)
    out = Path(output)
    with write_set():  # the four files new, or none
        write_csv(out, rows)
        write_csv(out.with_name(out.stem + "_crossovers.csv"), crossovers)
        write_csv(out.with_name(out.stem + "_crossover_points.csv"), points)
        write_json(out.with_name(out.stem + "_stats.json"), stats)
    return rows, crossovers, stats


def run(args) -> int:
    from ..errors import WinomodelError
    from ..evaluation.validate import format_statistics, quick_layers

    if args.repeats is not None and args.repeats < 1:
        raise WinomodelError(f"--repeats must be >= 1, got {args.repeats}")
    densities = parse_densities(args.densities)
    kernels = parse_kernels(args.kernels)
    if args.network or args.layers or args.model:  # a model's layer shapes, densities of the grid
        layers = selected_layers(args.network, args.layers, args.batch, args.model, args.input_shape)
    elif args.quick:
        layers = quick_layers()
    else:
        raise WinomodelError("give --network NAME, --layers FILE.csv or --quick")
    from ..fileio import check_writable

    check_writable(args.output)  # before minutes of timing, not after
    profile = load_profile(args.profile, quick=args.quick, measure=True)
    rows, crossovers, stats = validate_and_write(
        layers, densities, profile, args.output, kernels=kernels, quick=args.quick,
        repeats=args.repeats, with_torch=not args.no_torch)
    print_table(rows, "predicted vs measured", VALIDATE_COLUMNS,
                dict(FORMATS, measured_cv="{:.2f}", measured_speedup_vs_best_dense="{:.2f}"))
    if not crossovers.empty:
        print_table(crossovers, "crossover density (sparse = best dense)", CROSSOVER_COLUMNS,
                    {"crossover_error": "{:+.3f}"})
    print(format_statistics(stats))
    print(f"wrote {args.output}")
    return 0
