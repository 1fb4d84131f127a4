"""A/B of the dense Winograd blocks: the block budget, the width cap, or the wide products.

Usage: python benchmarks/winograd_block_ab.py 4,16 [--suite issue5] [--batch 1,8] [--threads 2]
       [--repeats 7] [-o FILE.csv]
       python benchmarks/winograd_block_ab.py widths [--suite issue22] ...
       python benchmarks/winograd_block_ab.py narrow [--suite issue22] ...   (AVX2 regime)

``4,16``: one plan per block budget (MiB of V + M per (block, group) item, in place of the
kernels' budget: the larger of a floor and the last-level share).  ``widths``: one plan as sized by
default and one with no cap on the width of blocks whose products run in lane groups
(``_winograd_common.STRIDED_MAX_WIDTH``: ISAs narrower than 16 fp32 lanes); layers where
both give the same width are skipped.  ``narrow``: the same plans with the products of
blocks a multiple of ``_winograd_common.WIDE_LANES`` wide (AVX2's 3 x 32 micro-kernels) and
with those products in 4 x 16 lane groups, as before the wide kernels (the fused and split
loops recompiled with ``WIDE_LANES = 0``); other layers are skipped.  The plans and PyTorch's
conv2d are timed in
interleaved rounds (``winomodel.timing``), so the ratios compare like with like on a shared
machine.  Prints per layer the lanes per block (tb), the median times and the speedups over
PyTorch, then their geomeans, and writes a CSV.
"""

import argparse
import contextlib
import functools
import math
import types

import numba
import numpy as np
import pandas as pd
import torch

import winomodel
from winomodel._config import JIT, PARALLEL_JIT, set_num_threads
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


@functools.lru_cache(maxsize=1)
def _narrow_loops():
    """``run_dense`` and ``run_dense_split`` compiled with ``WIDE_LANES = 0`` (Numba binds a
    global's value when it compiles a function, so the loops are rebuilt over a copy of the
    module's globals)."""
    names = dict(vars(wc), WIDE_LANES=0)

    def rebuild(fn, options):
        py = fn.py_func
        options = {k: v for k, v in options.items() if k != "cache"}
        return numba.njit(**options)(types.FunctionType(py.__code__, names, py.__name__,
                                                        py.__defaults__))
    names["_dense_products"] = rebuild(wc._dense_products_strided, JIT)
    return {name: rebuild(getattr(wc, name), PARALLEL_JIT)
            for name in ("run_dense", "run_dense_split")}


@contextlib.contextmanager
def narrow_products():
    """Plans run with their products in 4 x 16 lane groups only (see :func:`_narrow_loops`)."""
    shipped = {name: getattr(wc, name) for name in ("run_dense", "run_dense_split")}
    try:
        for name, loop in _narrow_loops().items():
            setattr(wc, name, loop)
        yield
    finally:
        for name, loop in shipped.items():
            setattr(wc, name, loop)


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


def _call(plan, x, context):
    with context():
        plan(x)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("variants", help="budgets in MiB, comma-separated (e.g. 4,16), 'widths' "
                                     "or 'narrow'")
    ap.add_argument("--suite", default="issue5", choices=sorted(SUITES))
    ap.add_argument("--batch", default="1,8")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("-o", "--output", default="winograd_block_ab.csv")
    args = ap.parse_args()
    # per variant: the context its plan is made in, and the one its calls run in
    run_in = {}
    if args.variants == "widths":
        variants = {"default": contextlib.nullcontext, "uncapped": any_width}
    elif args.variants == "narrow":
        if not wc.WIDE_LANES:
            raise SystemExit("this ISA has no wide strided products (run in the AVX2 regime)")
        # the 4 x 16 loops first in each round: the order of a round's calls can matter
        variants = {"4x16": contextlib.nullcontext, "wide": contextlib.nullcontext}
        run_in = {"4x16": narrow_products}
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
            if args.variants == "narrow" and lanes["wide"] % wc.WIDE_LANES:
                continue   # 16-lane blocks: the same 4 x 16 products either way
            xt, wt = torch.from_numpy(x), torch.from_numpy(w)
            fns = {label: functools.partial(_call, plan, x, run_in.get(label, contextlib.nullcontext))
                   for label, plan in plans.items()}
            with torch.no_grad():
                timings = measure_rounds(fns, repeats=args.repeats)
                # PyTorch in rounds of its own: timed in the same rounds it slowed the
                # batch-1 winomodel calls after it (up to 2.5x, ad hoc)
                timings.update(measure_rounds({"torch": lambda: torch.nn.functional.conv2d(
                    xt, wt, stride=layer.stride, padding=layer.pad, groups=layer.groups)},
                    repeats=args.repeats))
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
