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
    p.add_argument("--model", metavar="FILE", default=None,
                   help="report on your own model instead (ONNX, or a PyTorch module saved with "
                        "torch.save): each conv layer timed on its real weights, the whole network "
                        "against PyTorch's dense conv, per-layer bars")
    p.add_argument("--input-shape", metavar="N,C,H,W", default=None,
                   help="example input of a --model PyTorch module (default 1,3,224,224)")
    p.add_argument("--batch", type=int, default=None, help="batch size N for --model")
    p.add_argument("--repeats", type=int, default=5, help="timed rounds per layer for --model")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..report.network_report import make_report
    from .cmd_predict import load_profile

    if args.out:  # an unwritable folder found now, not after the profile is measured
        from pathlib import Path

        from ..fileio import check_writable

        check_writable(Path(args.out) / "summary.md")
    if args.model:
        return run_model(args)
    profile = load_profile(args.profile, quick=args.quick) if args.profile else None
    path = make_report(network=args.network, quick=args.quick, profile=profile, out_dir=args.out,
                       with_torch=not args.no_torch)
    print(path.read_text())
    return 0


def run_model(args) -> int:
    from pathlib import Path

    from ..errors import WinomodelError
    from ..report.model_report import echo_stderr, make_model_report
    from .cmd_predict import load_model_layers, load_profile

    if args.repeats < 1:
        raise WinomodelError(f"--repeats must be >= 1, got {args.repeats}")
    model = load_model_layers(args.model, args.batch, args.input_shape)
    if not model.supported():
        raise WinomodelError(f"{args.model} has no conv layer winomodel can run")
    profile = load_profile(args.profile, quick=args.quick, measure=True)
    if args.out:
        out = Path(args.out)
    else:
        from ..machine.profiler import report_dir

        out = report_dir() / f"model_{Path(args.model).stem}"
    path = make_model_report(model, out, profile, repeats=args.repeats,
                             with_torch=not args.no_torch, echo=echo_stderr)
    print(path.read_text())
    return 0
