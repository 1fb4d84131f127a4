"""A/B of the dense Winograd block sizing: the block budget, or the width cap.

Usage: python benchmarks/winograd_block_ab.py 4,16 [--suite issue5] [--batch 1,8] [--threads 2]
       [--repeats 7] [-o FILE.csv]
       python benchmarks/winograd_block_ab.py widths [--suite issue22] ...

``4,16``: one plan per block budget (MiB of V + M per (block, group) item, in place of the
kernels' budget: the larger of a floor and the last-level share).  ``widths``: one plan as sized by
default and one with no cap on the width of blocks whose products run in lane groups
(``_winograd_common.STRIDED_MAX_WIDTH``: ISAs narrower than 16 fp32 lanes); layers where
both give the same width are skipped.  The plans and PyTorch's conv2d are timed in
interleaved rounds (``winomodel.timing``), so the ratios compare like with like on a shared
machine.  Prints per layer the lanes per block (tb), the median times and the speedups over
PyTorch, then their geomeans, and writes a CSV.
"""

import argparse
import contextlib
import math

import numpy as np
import pandas as pd
import torch

import winomodel
from winomodel._config import set_num_threads
from winomodel.bench import SUITES, resolve_layers
from winomodel.kernels import _winograd_common as wc
from winomodel.timing import measure_rounds
from winomodel.work import BLOCK_WIDTHS


@contextlib.contextmanager
def budget(mib: int):
    """Plans sized for a dense block budget of ``mib`` MiB (instead of the larger of
    ``BLOCK_BYTES`` and the last-level share; the width rule keeps its view of the cache)."""
    rule = wc.block_bytes
    try:
        wc.block_bytes = lambda kind, threads: (mib << 20) if kind == "dense" else rule(kind, threads)
        wc._geometry.cache_clear()
        yield
    finally:
        wc.block_bytes = rule
        wc._geometry.cache_clear()


@contextlib.contextmanager
def any_width():
    """Plans sized with no cap on the dense block width (the products' lane groups)."""
    cap = wc.STRIDED_MAX_WIDTH
    try:
        wc.STRIDED_MAX_WIDTH = max(BLOCK_WIDTHS)
        wc._geometry.cache_clear()
        yield
    finally:
        wc.STRIDED_MAX_WIDTH = cap
        wc._geometry.cache_clear()


def _plans(layer, weights, x, variants):
    """One dense_winograd plan per variant (label -> context), each run once so it keeps
    its geometry."""
    kernel = winomodel.get_kernel("dense_winograd")
    plans, lanes = {}, {}
    for label, context in variants.items():
        with context():
            plan = kernel.plan(weights, layer)
            plan(x)
            plans[label] = plan
            lanes[label] = wc.geometry(layer, plan.decomposition, layer.N)[3]
    return plans, lanes


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("variants", help="budgets in MiB, comma-separated (e.g. 4,16), or 'widths'")
    ap.add_argument("--suite", default="issue5", choices=sorted(SUITES))
    ap.add_argument("--batch", default="1,8")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("-o", "--output", default="winograd_block_ab.csv")
    args = ap.parse_args()
    if args.variants == "widths":
        variants = {"default": contextlib.nullcontext, "uncapped": any_width}
    else:
        variants = {f"{mib} MiB": (lambda mib=mib: budget(mib))
                    for mib in (int(b) for b in args.variants.split(","))}
    set_num_threads(args.threads)
    torch.set_num_threads(args.threads)
    rng = np.random.default_rng(0)
    rows = []
    for network, base in resolve_layers(suite=args.suite):
        name = base.name
        for n in (int(b) for b in args.batch.split(",")):
            layer = base.replace(N=n)
            x = rng.standard_normal(layer.input_shape, dtype=np.float32)
            w = rng.standard_normal(layer.weight_shape, dtype=np.float32)
            plans, lanes = _plans(layer, w, x, variants)
            if len(set(lanes.values())) == 1 and args.variants == "widths":
                continue
            xt, wt = torch.from_numpy(x), torch.from_numpy(w)
            fns = {label: (lambda p=plan: p(x)) for label, plan in plans.items()}
            fns["torch"] = lambda: torch.nn.functional.conv2d(
                xt, wt, stride=layer.stride, padding=layer.pad, groups=layer.groups)
            with torch.no_grad():
                timings = measure_rounds(fns, repeats=args.repeats)
            t_torch = timings["torch"].median
            for label in variants:
                rows.append(dict(network=network, layer=name, batch=n, variant=label,
                                 tb=lanes[label], median_ms=timings[label].median * 1e3,
                                 iqr_rel=timings[label].iqr_rel,
                                 speedup_vs_torch=t_torch / timings[label].median))
            print(f"{network} {name} N={n}: " + "  ".join(
                f"{label} tb={lanes[label]} {timings[label].median * 1e3:.3f} ms "
                f"{t_torch / timings[label].median:.2f}x" for label in variants), flush=True)
    frame = pd.DataFrame(rows, columns=["network", "layer", "batch", "variant", "tb", "median_ms",
                                        "iqr_rel", "speedup_vs_torch"])
    frame.to_csv(args.output, index=False)
    print(f"geomean speedup vs torch over {len(frame) // len(variants)} layers: " + "  ".join(
        f"{label} {math.exp(np.log(g.speedup_vs_torch).mean()):.2f}"
        for label, g in frame.groupby("variant", sort=False)))
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
