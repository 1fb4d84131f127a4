"""``winomodel report``: the main job -- profile (reused), predict, validate, write
reports/<machine>/ with CSVs, plots and summary.md."""

from __future__ import annotations


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "report", help="profile, predict, validate and write reports/<machine>/ (start here)",
        description="Profile the machine (reused if saved), predict every kernel on every layer, "
                    "validate on the real kernels, and write CSVs, roofline/speedup/sweet-spot "
                    "plots and summary.md to reports/<machine>/.")
    p.add_argument("--network", metavar="NAME", default=None,
                   help="shipped network(s), comma-separated (default: AlexNet + VGG-16)")
    p.add_argument("--quick", action="store_true",
                   help="quick profile and calibration, a small representative grid, fewer repeats, "
                        "crossovers read off the grid (a minute or two once compiled)")
    p.add_argument("--profile", metavar="FILE", default=None, help="use this profile JSON")
    p.add_argument("--out", metavar="DIR", default=None, help="output folder (default reports/<machine>/)")
    p.add_argument("--no-torch", action="store_true", help="do not time PyTorch's conv2d")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..perfmodel.report import make_report
    from .cmd_predict import load_profile

    profile = load_profile(args.profile, quick=args.quick) if args.profile else None
    path = make_report(network=args.network, quick=args.quick, profile=profile, out_dir=args.out,
                       with_torch=not args.no_torch)
    print(path.read_text())
    return 0
