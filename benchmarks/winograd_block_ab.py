"""A/B of the dense Winograd block budget (V + M bytes per (block, group) item).

Usage: python benchmarks/winograd_block_ab.py 4,16 [--batch 1,8] [--threads 2] [--repeats 7]
       [-o FILE.csv]

Each budget (MiB) builds its own plan of every issue-5 layer; the plans and PyTorch's conv2d
are timed in interleaved rounds (``winomodel.timing``), so the ratios compare like with like
on a shared machine.  Prints per layer the lanes per block (tb), the median times and the
speedups over PyTorch, then their geomeans, and writes a CSV.
"""

import argparse
import math

import numpy as np
import pandas as pd
import torch

import winomodel
from winomodel._config import set_num_threads
from winomodel.bench import SUITES
from winomodel.kernels import _winograd_common as wc
from winomodel.networks import load_network
from winomodel.timing import measure_rounds


def _plans(layer, weights, x, budgets):
    """One dense_winograd plan per budget, each run once so it keeps its geometry."""
    kernel = winomodel.get_kernel("dense_winograd")
    saved, share = dict(wc.BLOCK_BYTES), wc.last_level_share
    plans, lanes = {}, {}
    try:
        # the budget is the floor under the last-level share: hide the share, set the floor
        wc.last_level_share = lambda threads: 0
        for mib in budgets:
            wc.BLOCK_BYTES["dense"] = mib << 20
            wc._geometry.cache_clear()
            plan = kernel.plan(weights, layer)
            plan(x)
            plans[mib] = plan
            lanes[mib] = wc.geometry(layer, plan.decomposition, layer.N)[3]
    finally:
        wc.BLOCK_BYTES.update(saved)
        wc.last_level_share = share
        wc._geometry.cache_clear()
    return plans, lanes


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("budgets", help="budgets in MiB, comma-separated (e.g. 4,16)")
    ap.add_argument("--batch", default="1,8")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("-o", "--output", default="winograd_block_ab.csv")
    args = ap.parse_args()
    budgets = [int(b) for b in args.budgets.split(",")]
    set_num_threads(args.threads)
    torch.set_num_threads(args.threads)
    rng = np.random.default_rng(0)
    rows = []
    for network, names in SUITES["issue5"]:
        layers = {layer.name: layer for layer in load_network(network)}
        for name in names:
            for n in (int(b) for b in args.batch.split(",")):
                layer = layers[name].replace(N=n)
                x = rng.standard_normal((n, layer.C, layer.H, layer.W), dtype=np.float32)
                w = rng.standard_normal((layer.K, layer.C_per_group, layer.R, layer.S),
                                        dtype=np.float32)
                plans, lanes = _plans(layer, w, x, budgets)
                xt, wt = torch.from_numpy(x), torch.from_numpy(w)
                fns = {mib: (lambda p=plan: p(x)) for mib, plan in plans.items()}
                fns["torch"] = lambda: torch.nn.functional.conv2d(
                    xt, wt, stride=layer.stride, padding=layer.pad, groups=layer.groups)
                with torch.no_grad():
                    timings = measure_rounds(fns, repeats=args.repeats)
                t_torch = timings["torch"].median
                for mib in budgets:
                    rows.append(dict(network=network, layer=name, batch=n, budget_mib=mib,
                                     tb=lanes[mib], median_ms=timings[mib].median * 1e3,
                                     iqr_rel=timings[mib].iqr_rel,
                                     speedup_vs_torch=t_torch / timings[mib].median))
                print(f"{network} {name} N={n}: " + "  ".join(
                    f"{mib} MiB tb={lanes[mib]} {timings[mib].median * 1e3:.3f} ms "
                    f"{t_torch / timings[mib].median:.2f}x" for mib in budgets), flush=True)
    frame = pd.DataFrame(rows)
    frame.to_csv(args.output, index=False)
    print("geomean speedup vs torch: " + "  ".join(
        f"{mib} MiB {math.exp(np.log(g.speedup_vs_torch).mean()):.2f}"
        for mib, g in frame.groupby("budget_mib")))
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
