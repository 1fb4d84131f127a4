"""``winomodel prune``: per-layer densities for a model from its sweet spots (guided
pruning), or from a published recipe, optionally applied by magnitude and written back."""

from __future__ import annotations

from pathlib import Path

from ..errors import WinomodelError
from .cmd_predict import FORMATS, load_profile, print_table

PRUNE_COLUMNS = ("layer", "current_density", "upper_density", "lower_density", "density", "kernel",
                 "dense_s", "predicted_s", "speedup")


def add_model_arguments(p, *, required: bool = True) -> None:
    """``--model FILE`` with ``--input-shape`` (PyTorch modules) and ``--batch``."""
    p.add_argument("--model", metavar="FILE", required=required,
                   help="ONNX file or a whole PyTorch module saved with torch.save (.pt/.pth)")
    p.add_argument("--input-shape", metavar="N,C,H,W", default=None,
                   help="example input of a PyTorch module (default 1,3,224,224)")


def load_model(args):
    from ..importers.files import load_model_file, parse_shape

    shape = parse_shape(args.input_shape) if getattr(args, "input_shape", None) else None
    return load_model_file(args.model, input_shape=shape, batch=getattr(args, "batch", None))


def print_unsupported(model) -> None:
    for m in model.unsupported():
        print(f"not run by winomodel: {m.name} ({m.op}): {m.reason}")


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "prune", help="propose per-layer densities from the sweet spots (guided pruning)",
        description="Propose per-layer weight densities for a model: each layer is pruned only "
                    "inside the sweet spot of its sparse kernel (not below the density where "
                    "halving stops paying, nor below the validated 0.05, and not at all where no "
                    "sparse kernel beats dense) until the predicted speedup or time budget is met. "
                    "Or apply a published recipe. Optionally prune by magnitude and write the model.")
    add_model_arguments(p)
    p.add_argument("--batch", type=int, default=None, help="batch size N")
    goal = p.add_mutually_exclusive_group(required=True)
    goal.add_argument("--target-speedup", type=float, metavar="S",
                      help="predicted conv speedup over the best dense kernels to reach")
    goal.add_argument("--budget", type=float, metavar="MS",
                      help="predicted total conv time to reach, in milliseconds")
    goal.add_argument("--recipe", metavar="NETWORK:RECIPE",
                      help="published densities instead, e.g. vgg16:han2015 or alexnet:park2016")
    p.add_argument("--domain", choices=("spatial", "winograd"), default="spatial",
                   help="prune for sparse_direct (spatial) or sparse_winograd (Winograd domain)")
    p.add_argument("--gain", type=float, default=0.10,
                   help="lower density: halving the density gains less than this fraction (default 0.10)")
    p.add_argument("--profile", metavar="FILE", default=None, help="machine profile JSON")
    p.add_argument("-o", "--output", metavar="FILE.csv", default=None, help="CSV of the proposal")
    p.add_argument("--write", metavar="FILE", default=None,
                   help="write the model pruned by magnitude to these densities (.onnx for an "
                        "ONNX input, .pt for a PyTorch one; spatial domain only)")
    p.set_defaults(func=run)


def run(args) -> int:
    import pandas as pd

    from ..fileio import write_csv
    from ..model.network_plan import propose_densities

    model, module = load_model(args)
    print_unsupported(model)
    layers = model.conv_layers()
    if not layers:
        raise WinomodelError(f"{args.model} has no conv layer winomodel can run")
    current = model.densities()
    if args.recipe:
        from ..recipes import recipe_densities

        network, _, recipe = args.recipe.partition(":")
        densities = recipe_densities(model, network, recipe or None)
        table = pd.DataFrame([dict(layer=n, current_density=current[n], density=d)
                              for n, d in densities.items()])
        print_table(table, f"{args.recipe} densities for {args.model}", PRUNE_COLUMNS, FORMATS)
    else:
        profile = load_profile(args.profile, measure_flag=False)
        budget = None if args.budget is None else args.budget / 1e3
        table, summary = propose_densities(layers, profile, target_speedup=args.target_speedup,
                                           budget_s=budget, domain=args.domain,
                                           gain_fraction=args.gain, current=current)
        table.insert(1, "current_density", table["layer"].map(current))
        print_table(table, f"guided pruning of {args.model} ({summary['kernel']})", PRUNE_COLUMNS,
                    {**FORMATS, "dense_s": "{:.3e}", "density": "{:.3f}", "speedup": "{:.2f}",
                     "current_density": "{:.3f}"})
        verdict = "reached" if summary["reached"] else \
            "NOT reachable inside the sweet spots: every prunable layer is at its lower density"
        print(f"predicted conv time {summary['predicted_s'] * 1e3:.2f} ms vs dense "
              f"{summary['dense_s'] * 1e3:.2f} ms: {summary['speedup']:.2f}x; target "
              f"{summary['target_s'] * 1e3:.2f} ms {verdict}")
        densities = {r.layer: r.density for r in table.itertuples() if r.density < current[r.layer]}
    if args.output:
        write_csv(Path(args.output), table)
        print(f"wrote {args.output}")
    if args.write:
        if args.domain == "winograd" and not args.recipe:
            raise WinomodelError("Winograd-domain weights have no 3x3 spatial equivalent, so they "
                                 "cannot be written into the model; use --domain spatial to write it")
        from ..importers.files import write_pruned

        out = write_pruned(args.model, module, densities, args.write)
        print(f"wrote {out} ({len(densities)} layers pruned by magnitude)")
    return 0
