"""``winomodel structured``: width/depth/resolution shrinking vs unstructured sparsity at the
same FLOP budget (predicted; measured with --measure)."""

from __future__ import annotations

from pathlib import Path

from ..errors import WinomodelError
from .cmd_predict import FORMATS, load_profile, print_table

COLUMNS = ("budget", "strategy", "setting", "flop_fraction", "layers", "predicted_s",
           "predicted_speedup", "measured_s", "torch_s", "measured_speedup")


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "structured", help="structured shrinking vs unstructured sparsity at a FLOP budget",
        description="For a network and FLOP budgets, predict (and with --measure time) the conv "
                    "time of (a) fewer channels, fewer layers or a lower resolution (smaller dense "
                    "layers) and (b) the same FLOPs removed as unstructured zeros run by the best "
                    "kernel per layer. Writes a CSV and a plot.")
    p.add_argument("--network", choices=("vgg16", "resnet50"), required=True)
    p.add_argument("--budgets", default="0.5,0.25,0.12",
                   help="fractions of the conv FLOPs kept, comma-separated (default %(default)s)")
    p.add_argument("--batch", type=int, default=1)
    p.add_argument("--resolution", type=int, default=224)
    p.add_argument("--measure", action="store_true", help="also time every variant (minutes)")
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--profile", metavar="FILE", default=None, help="machine profile JSON")
    p.add_argument("-o", "--output", metavar="FILE.csv", required=True,
                   help="CSV of the table; the plot goes to FILE.png")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..fileio import write_csv
    from ..report.model_report import echo_stderr
    from ..evaluation.structured import compare, plot

    try:
        budgets = [float(v) for v in args.budgets.split(",") if v.strip()]
    except ValueError:
        raise WinomodelError(f"--budgets must be numbers in (0, 1], got {args.budgets!r}") from None
    profile = load_profile(args.profile, measure_flag=False)
    rows = compare(args.network, budgets, profile, batch=args.batch, resolution=args.resolution,
                   measure=args.measure, repeats=args.repeats, echo=echo_stderr)
    out = Path(args.output)
    write_csv(out, rows)
    plot(rows, out.with_suffix(".png"))
    print_table(rows, f"{args.network}: structured shrinking vs unstructured sparsity", COLUMNS,
                {**FORMATS, "flop_fraction": "{:.3f}", "predicted_s": "{:.4f}",
                 "predicted_speedup": "{:.2f}", "measured_speedup": "{:.2f}",
                 "measured_s": "{:.4f}", "torch_s": "{:.4f}", "budget": "{:g}"})
    print(f"wrote {out} and {out.with_suffix('.png')}")
    return 0
