"""Whole-network benchmark: a pruned PyTorch model's convs through winomodel vs PyTorch.

Usage
-----
    python benchmarks/network_bench.py --network vgg16 --recipe han2015
    python benchmarks/network_bench.py --network resnet50 --density 0.12
    python benchmarks/network_bench.py --model my.onnx|my.pt --input 1,3,224,224

Two parts, both measured in one run (ratios; the machine is shared and noisy):

1. **Per layer**: PyTorch's dense conv2d and every winomodel kernel that supports the
   layer, on the layer's real (pruned) weights, timed by ``winomodel.timing`` (interleaved
   rounds of several calls, warm-up excluded, medians); the
   measured best kernel, the kernel the model (saved profile) or the fixed rule
   (no profile) chooses, and the predicted time when a profile exists.
2. **End to end**: the original module's forward against ``winomodel.torch.convert``'s
   (each layer with its measured-best winomodel kernel; BatchNorms folded into the convs
   before them, and, where any were, a conversion that keeps them too), interleaved
   repeats, median and spread ((max - min) / median).

Weights are random (nothing downloaded), magnitude-pruned to the densities asked:
``--recipe`` (published per-layer densities) or ``--density`` (uniform, on 3x3 and 1x1
convs; the 7x7 stem stays dense).  Prints tables and writes ``<out>_layers.csv`` and
``<out>_network.csv``.
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import sys
import time
from pathlib import Path


def parse_args(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--network", choices=("vgg16", "resnet50"))
    src.add_argument("--model", help=".onnx (weights read, PyTorch baseline rebuilt per layer) "
                                     "or .pt (a whole pickled torch module)")
    ap.add_argument("--recipe", default=None, help="published recipe, e.g. han2015")
    ap.add_argument("--density", type=float, default=None, help="uniform density of 3x3 and 1x1 convs")
    ap.add_argument("--batch", type=int, default=1)
    ap.add_argument("--resolution", type=int, default=224)
    ap.add_argument("--input", default=None, help="input shape N,C,H,W for --model .pt")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=5, help="timed repeats per layer and kernel")
    ap.add_argument("--net-repeats", type=int, default=7, help="timed end-to-end forwards")
    ap.add_argument("--kernels", default=None, help="comma-separated candidates (default: all)")
    ap.add_argument("-o", "--output", default=None, help="CSV prefix (default reports/network_<name>)")
    return ap.parse_args(argv)


def spread(v) -> float:
    m = statistics.median(v)
    return (max(v) - min(v)) / m if m > 0 else 0.0


def build(args):
    """(torch module or None, example input, ImportedModel, label)."""
    import torch

    import winomodel
    from winomodel import zoo
    from winomodel.recipes import prune_model, prune_torch_module, recipe_densities

    x = torch.randn(args.batch, 3, args.resolution, args.resolution)
    if args.network:
        net = zoo.MODELS[args.network]()
        label = args.network
    elif args.model.endswith(".onnx"):
        model = winomodel.from_onnx(args.model, batch=args.batch)
        return None, None, model, Path(args.model).stem
    else:
        net = torch.load(args.model, weights_only=False).eval()
        if args.input:
            x = torch.randn(*[int(v) for v in args.input.split(",")])
        label = Path(args.model).stem
    model = winomodel.from_torch(net, x)
    if args.recipe:
        densities = recipe_densities(model, args.network or label, args.recipe)
        label += f"-{args.recipe}"
    elif args.density is not None:
        densities = {m.name: args.density for m in model.supported() if m.layer.R <= 3}
        label += f"-d{args.density:g}"
    else:
        densities = {}
    if densities:
        net = prune_torch_module(net, densities, inplace=True)
        model = prune_model(model, densities)
    return net, x, model, label


def network_row(net, x, kernels, repeats):
    """The original module's forward against the converted one's, and, where the conversion
    folded BatchNorms into convs, against a conversion that keeps them (same rounds)."""
    import torch

    import winomodel.torch as wt
    from winomodel.timing import measure_rounds

    fast = wt.convert(net, kernel=kernels, example_input=x)
    forwards = {"original": lambda: net(x), "converted": lambda: fast(x)}
    folded = int((wt.conversion_table(fast)["folded"] != "").sum())
    if folded:
        kept = wt.convert(net, kernel=kernels, example_input=x, fold_batchnorm=False)
        forwards["unfolded"] = lambda: kept(x)
    with torch.no_grad():
        ref, got = net(x), fast(x)
        err = float((ref - got).abs().max() / ref.abs().max())
        # one forward per sample: each is tens of milliseconds
        timed = measure_rounds(forwards, repeats=repeats, min_time=0.0)
    samples = {k: t.samples for k, t in timed.items()}
    o, c = statistics.median(samples["original"]), statistics.median(samples["converted"])
    row = dict(original_s=o, converted_s=c, speedup=o / c, original_spread=spread(samples["original"]),
               converted_spread=spread(samples["converted"]), max_rel_error=err, repeats=repeats,
               batchnorms_folded=folded)
    if folded:
        u = statistics.median(samples["unfolded"])
        row.update(unfolded_s=u, speedup_unfolded=o / u, unfolded_spread=spread(samples["unfolded"]))
    return row


def main(argv=None) -> int:
    args = parse_args(argv)
    os.environ.setdefault("OMP_NUM_THREADS", str(args.threads))
    import pandas as pd
    import torch

    from winomodel._config import set_num_threads
    from winomodel.fileio import write_csv
    from winomodel.kernels import kernel_names
    from winomodel.layer_choice import has_saved_profile

    torch.set_num_threads(args.threads)
    set_num_threads(args.threads)
    profile = None
    if has_saved_profile():
        from winomodel.select import load_default_profile

        profile = load_default_profile()
    net, x, model, label = build(args)
    candidates = args.kernels.split(",") if args.kernels else kernel_names()
    for u in model.unsupported():
        print(f"  not run by winomodel: {u.name}: {u.reason}", file=sys.stderr)
    from winomodel.report.model_report import echo_stderr, network_totals, time_model_layers

    t0 = time.time()
    rows = time_model_layers(model, profile, kernels=candidates, repeats=args.repeats,
                             echo=echo_stderr)
    total = dict(network=label, batch=args.batch, threads=args.threads, **network_totals(rows))
    if net is not None:
        kernels = dict(zip(rows.layer, rows.best_kernel))
        total.update(network_row(net, x, kernels, args.net_repeats))
    total["bench_s"] = time.time() - t0
    out = Path(args.output or f"reports/network_{label}")
    write_csv(out.with_name(out.name + "_layers.csv"), rows)
    write_csv(out.with_name(out.name + "_network.csv"), pd.DataFrame([total]))
    cols = ["layer", "density", "gflops", "torch_s", "best_kernel", "best_s", "speedup_vs_torch",
            "chosen_kernel", "chosen_s", "predicted_s"]
    with pd.option_context("display.width", 200, "display.max_columns", 30,
                           "display.float_format", lambda v: f"{v:.4g}"):
        print(rows[cols].to_string(index=False))
        print()
        print(pd.Series(total).to_string())
    if net is not None and not math.isfinite(total["max_rel_error"]):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
