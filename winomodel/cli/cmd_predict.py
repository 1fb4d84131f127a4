"""``winomodel predict``: predicted time of every kernel on every layer and density, and
the per-layer sweet spots.

Also holds the layer/density/profile selection flags that ``validate`` and ``report``
share, so the three commands read their arguments the same way.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import WinomodelError
from ..formatting import format_cell
from ..validation import check_density
from .argtypes import open_fraction, positive_int

DEFAULT_DENSITIES = (1.0, 0.5, 0.2, 0.1, 0.05)


# ---- shared selection flags -------------------------------------------------------------
def add_selection_arguments(p, *, densities=DEFAULT_DENSITIES, required: bool = True) -> None:
    """Add --network / --layers, --batch, --densities, --kernels and --profile to ``p``."""
    source = p.add_mutually_exclusive_group(required=required)
    source.add_argument("--network", metavar="NAME",
                        help="shipped network, or several separated by commas (e.g. alexnet,vgg16)")
    source.add_argument("--layers", metavar="FILE.csv",
                        help="layer table with columns name,N,C,K,H,W,R,S,stride,pad,groups")
    source.add_argument("--model", metavar="FILE",
                        help="the conv layers of a model: ONNX file, or a whole PyTorch module "
                             "saved with torch.save (.pt/.pth)")
    p.add_argument("--input-shape", metavar="N,C,H,W", default=None,
                   help="example input of a --model PyTorch module (default 1,3,224,224)")
    p.add_argument("--batch", type=positive_int, default=None, help="batch size N for every layer")
    p.add_argument("--densities", default=",".join(f"{d:g}" for d in densities),
                   help="comma-separated weight densities (default %(default)s)")
    p.add_argument("--kernels", default=None,
                   help="comma-separated kernel names (default: all registered)")
    p.add_argument("--profile", metavar="FILE", default=None,
                   help="machine profile JSON (default: this machine's saved one, quick or full)")


def parse_densities(text: str) -> list:
    """``"1,0.5,0.1"`` -> ``[1.0, 0.5, 0.1]`` (each checked to be in [0, 1])."""
    parts = [t.strip() for t in str(text).split(",") if t.strip()]
    if not parts:
        raise WinomodelError(f"--densities needs at least one value, got {text!r}")
    out = []
    for t in parts:
        try:
            value = float(t)
        except ValueError:
            raise WinomodelError(f"--densities: {t!r} is not a number") from None
        out.append(check_density(value, f"density {t}"))
    return out


def parse_kernels(text):
    """``"a,b"`` -> ``["a", "b"]`` checked against the registry; None -> None (all)."""
    if text is None:
        return None
    from ..kernels import get_kernel

    names = [t.strip() for t in text.split(",") if t.strip()]
    for n in names:
        get_kernel(n)
    return names


def selected_layers(network=None, layers_csv=None, batch=None, model=None, input_shape=None):
    """Layers of one or more shipped networks (comma-separated, names prefixed when several),
    of a CSV table or of a model file (its runnable conv layers)."""
    from ..networks import load_layers_csv, load_networks, unique_names

    if model:
        return unique_names(load_model_layers(model, batch, input_shape).conv_layers())
    if layers_csv:
        return unique_names(load_layers_csv(layers_csv, batch=batch))
    if not network:
        raise WinomodelError("give --network NAME or --layers FILE.csv")
    return load_networks(network, batch=batch)


_MODELS = {}


def load_model_layers(path, batch=None, input_shape=None):
    """The ImportedModel of a model file (read once per command), unsupported layers printed."""
    from ..importers.files import load_model_file, parse_shape

    key = (str(path), batch, input_shape)
    if key not in _MODELS:
        shape = parse_shape(input_shape) if input_shape else None
        model, _ = load_model_file(path, input_shape=shape, batch=batch)
        for m in model.unsupported():
            print(f"not run by winomodel: {m.name} ({m.op}): {m.reason}")
        _MODELS[key] = model
    return _MODELS[key]


def describe_profile(profile, path) -> str:
    """One line saying which profile a command uses: its path, quick or full, when it
    was measured, and its calibration."""
    kind = "quick" if profile.extra.get("quick") else "full"
    cal = profile.calibration
    calibration = ((f"{'quick' if cal.get('quick') else 'full'} calibration")
                   if profile.calibrated else "not calibrated: pure roofline")
    return f"profile: {path} ({kind} profile, measured {profile.created}; {calibration})"


def load_profile(path=None, *, quick: bool = False, measure: bool = False, echo=None,
                 measure_flag: bool = True):
    """The profile in ``path``, else this machine's saved one (quick or full, whichever
    is saved); with none saved, measure a ``quick`` (or full) profile and its
    calibration only if ``measure``, else fail saying how to make one.  ``echo``
    (default: stderr) is told which profile is used; ``measure_flag``: whether the
    command offers ``--measure`` (named in the error)."""
    import sys

    from ..machine.profile import MachineProfile

    say = echo or (lambda line: print(line, file=sys.stderr, flush=True))
    if path:
        profile = MachineProfile.load(Path(path))
        say(describe_profile(profile, path))
        return profile
    try:
        from ..machine.profiler import default_profile_path, get_profile
    except ImportError:
        raise WinomodelError("the profiler is not available; pass --profile FILE") from None
    default = default_profile_path()
    if default.exists():
        profile = MachineProfile.load(default)
        say(describe_profile(profile, default))
        return profile
    if not measure:
        now = "pass --measure to do it now, " if measure_flag else ""
        raise WinomodelError(f"no saved profile at {default}: run `winomodel profile --quick` "
                             f"(about a minute), {now}or pass --profile FILE")
    say(f"profile: none saved at {default}; measuring a {'quick' if quick else 'full'} one and "
        "its calibration")
    profile = get_profile(quick=quick)
    say(describe_profile(profile, default))
    return profile


def print_table(frame, title: str, columns, formats=None) -> None:
    """Print selected columns of a DataFrame as a rich table."""
    from rich.console import Console
    from rich.table import Table

    formats = formats or {}
    table = Table(title=title)
    cols = [c for c in columns if c in frame.columns]
    for c in cols:
        table.add_column(c, justify="left" if frame[c].dtype == object else "right")
    for _, row in frame.iterrows():
        cells = [format_cell(row[c], c, formats) for c in cols]
        table.add_row(*cells)
    console = Console()
    if not console.is_terminal:
        console = Console(width=180)
    console.print(table)


PREDICT_COLUMNS = ("layer", "kernel", "density", "tile", "predicted_s", "bound",
                   "effective_gflops", "real_gflops", "speedup_vs_best_dense")
SPOT_COLUMNS = ("layer", "kernel", "best_dense_kernel", "upper_density", "upper_speedup",
                "upper_bound", "lower_density", "lower_speedup", "lower_bound")
MODEL_COLUMNS = ("layer", "spatial_density", "winograd_density_f4", "best_kernel", "best_s",
                 "speedup_vs_dense", "upper_density", "lower_density")
FORMATS = {"predicted_s": "{:.3e}", "measured_s": "{:.3e}", "effective_gflops": "{:.0f}",
           "real_gflops": "{:.0f}", "speedup_vs_best_dense": "{:.2f}", "error_pct": "{:+.0f}",
           "upper_density": "{:.3f}", "lower_density": "{:.3f}", "upper_speedup": "{:.2f}",
           "lower_speedup": "{:.2f}", "density": "{:g}"}


# ---- the command -------------------------------------------------------------------
def register(subparsers) -> None:
    p = subparsers.add_parser(
        "predict", help="predict each kernel's time per layer and density (roofline model)",
        description="Predict the time of every kernel on every layer at every density from the "
                    "machine profile, and the sweet spot of each sparse kernel per layer.")
    add_selection_arguments(p)
    p.add_argument("--gain", type=open_fraction, default=0.10,
                   help="lower density: halving the density gains less than this fraction (default 0.10)")
    p.add_argument("--measure", action="store_true",
                   help="with no saved profile, measure a quick one and its calibration first "
                        "(about a minute); without it, predict never measures")
    p.add_argument("-o", "--output", required=True, metavar="FILE.csv",
                   help="CSV of predictions; sweet spots go to FILE_sweetspots.csv")
    p.set_defaults(func=run)


def run(args) -> int:
    import pandas as pd

    from ..fileio import check_writable, write_csv, write_set
    from ..model.predict import predict_rows
    from ..model.sweetspot import sweet_spots

    out = Path(args.output)
    spot_path = out.with_name(out.stem + "_sweetspots.csv")
    for path in (out, spot_path):
        check_writable(path)
    densities = parse_densities(args.densities)
    kernels = parse_kernels(args.kernels)
    layers = selected_layers(args.network, args.layers, args.batch, args.model, args.input_shape)
    profile = load_profile(args.profile, quick=True, measure=args.measure)
    rows = pd.DataFrame(predict_rows(layers, densities, profile, kernels=kernels))
    spots = pd.DataFrame(sweet_spots(layers, profile, gain_fraction=args.gain, kernels=kernels))
    with write_set():  # both files new, or neither
        write_csv(out, rows)
        write_csv(spot_path, spots)
    print_table(rows, "predicted time per layer, kernel and density", PREDICT_COLUMNS, FORMATS)
    if not spots.empty:
        print_table(spots, f"sweet spots (lower: halving gains < {args.gain:.0%})", SPOT_COLUMNS, FORMATS)
    if args.model:  # the model's own weights: real densities, predicted best kernel per layer
        from ..model.network_plan import layer_plan

        model = load_model_layers(args.model, args.batch, args.input_shape)
        plan = layer_plan(model, profile, kernels=kernels, gain_fraction=args.gain)
        plan_path = out.with_name(out.stem + "_model.csv")
        write_csv(plan_path, plan)
        print_table(plan, f"{args.model}: real weights, predicted best kernel per layer",
                    MODEL_COLUMNS, {**FORMATS, "best_s": "{:.3e}", "speedup_vs_dense": "{:.2f}",
                                    "spatial_density": "{:.3f}", "winograd_density_f4": "{:.3f}"})
        total_dense, total_best = plan["best_dense_s"].sum(), plan["best_s"].sum()
        print(f"whole network: predicted conv time {total_best * 1e3:.2f} ms with the best kernel "
              f"per layer vs {total_dense * 1e3:.2f} ms dense ({total_dense / total_best:.2f}x)")
        print(f"wrote {plan_path}")
    print(f"wrote {out} and {spot_path}")
    return 0
