"""Whole-network benchmark: a pruned PyTorch model's convs through winomodel vs PyTorch.

Usage
-----
    python benchmarks/network_bench.py --network vgg16 --recipe han2015
    python benchmarks/network_bench.py --network resnet50 --density 0.12
    python benchmarks/network_bench.py --model my.onnx|my.pt --input 1,3,224,224

Two parts, both measured in one run (ratios; the machine is shared and noisy):

1. **Per layer**: PyTorch's dense conv2d and every winomodel kernel that supports the
   layer, on the layer's real (pruned) weights, interleaved, warm-up excluded; the
   measured best kernel, the kernel the model (saved profile) or the fixed rule
   (no profile) chooses, and the predicted time when a profile exists.
2. **End to end**: the original module's forward against ``winomodel.torch.convert``'s
   (each layer with its measured-best winomodel kernel), interleaved repeats, median
   and spread ((max - min) / median).

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


def interleaved(fns: dict, repeats: int) -> dict:
    """Seconds of each callable: one warm-up call each, then ``repeats`` rounds interleaved."""
    for fn in fns.values():
        fn()
    samples = {k: [] for k in fns}
    for _ in range(repeats):
        for k, fn in fns.items():
            t0 = time.perf_counter()
            fn()
            samples[k].append(time.perf_counter() - t0)
    return samples


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


def layer_rows(model, candidates, repeats, profile):
    import numpy as np
    import torch

    import winomodel
    from winomodel.kernels import get_kernel
    from winomodel.layer_choice import rule_kernel

    rows = []
    for m in model.supported():
        L = m.layer
        x = np.random.default_rng(0).standard_normal(L.input_shape, dtype=np.float32)
        xt, wt = torch.from_numpy(x), torch.from_numpy(m.weights)
        fns = {"torch": lambda: torch.conv2d(xt, wt, stride=L.stride, padding=L.pad, groups=L.groups)}
        for name in candidates:
            if get_kernel(name).supports(L):
                p = winomodel.plan(m.weights, L.input_shape, stride=L.stride, padding=L.pad,
                                   groups=L.groups, kernel=name)
                fns[name] = (lambda p=p: p(x))
        with torch.no_grad():
            med = {k: statistics.median(v) for k, v in interleaved(fns, repeats).items()}
        ours = {k: v for k, v in med.items() if k != "torch"}
        best = min(ours, key=ours.get)
        row = dict(layer=m.name, shape=L.describe(), density=m.density, gflops=L.dense_flops / 1e9,
                   torch_s=med["torch"], best_kernel=best, best_s=ours[best],
                   speedup_vs_torch=med["torch"] / ours[best])
        if profile is not None:
            from winomodel.perfmodel.model import predict

            pred = {k: predict(L, k, m.density if get_kernel(k).domain == "spatial" else 1.0,
                               profile).seconds for k in ours}
            chosen = min(pred, key=pred.get)
            row.update(chosen_kernel=chosen, chosen_by="model", predicted_s=pred[chosen])
        else:
            chosen = rule_kernel(L, m.density)
            chosen = chosen if chosen in ours else best
            row.update(chosen_kernel=chosen, chosen_by="rule", predicted_s=float("nan"))
        row.update(chosen_s=ours[chosen], choice_right=chosen == best,
                   time_lost_pct=100 * (ours[chosen] / ours[best] - 1))
        row.update({f"{k}_s": v for k, v in ours.items()})
        rows.append(row)
        print(f"  {m.name:24s} d={m.density:.3f} torch {med['torch'] * 1e3:8.2f} ms  best {best:15s} "
              f"{ours[best] * 1e3:8.2f} ms  x{row['speedup_vs_torch']:.2f}  chosen {chosen}",
              file=sys.stderr, flush=True)
    return rows


def network_row(net, x, kernels, repeats):
    import torch

    import winomodel.torch as wt

    fast = wt.convert(net, kernel=kernels, example_input=x)
    with torch.no_grad():
        ref, got = net(x), fast(x)
        err = float((ref - got).abs().max() / ref.abs().max())
        samples = interleaved({"original": lambda: net(x), "converted": lambda: fast(x)}, repeats)
    o, c = statistics.median(samples["original"]), statistics.median(samples["converted"])
    return dict(original_s=o, converted_s=c, speedup=o / c, original_spread=spread(samples["original"]),
                converted_spread=spread(samples["converted"]), max_rel_error=err, repeats=repeats)


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
        from winomodel.perfmodel.select import load_default_profile

        profile = load_default_profile()
    net, x, model, label = build(args)
    candidates = args.kernels.split(",") if args.kernels else kernel_names()
    for u in model.unsupported():
        print(f"  not run by winomodel: {u.name}: {u.reason}", file=sys.stderr)
    t0 = time.time()
    rows = pd.DataFrame(layer_rows(model, candidates, args.repeats, profile))
    total = dict(network=label, batch=args.batch, threads=args.threads, layers=len(rows),
                 torch_conv_s=rows.torch_s.sum(), best_conv_s=rows.best_s.sum(),
                 chosen_conv_s=rows.chosen_s.sum(), predicted_conv_s=rows.predicted_s.sum(min_count=1),
                 choice_right_pct=100 * rows.choice_right.mean())
    total["conv_speedup_best"] = total["torch_conv_s"] / total["best_conv_s"]
    total["conv_speedup_chosen"] = total["torch_conv_s"] / total["chosen_conv_s"]
    total["predicted_error_pct"] = 100 * (total["predicted_conv_s"] / total["chosen_conv_s"] - 1)
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
