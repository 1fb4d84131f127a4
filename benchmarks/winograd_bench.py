"""Dev benchmark: dense/sparse Winograd vs torch conv2d, 2 threads fp32 (not part of the package).

Usage: PYTHONPATH=. python benchmarks/winograd_bench.py [--batches 1 8] [--repeats 5]
       [--density 0.1] [--threads 2] [--tile m]
Prints per-layer medians and ratios (torch time / ours) and their geomeans.
"""

import argparse
import math
import time

import numpy as np
import torch

import winomodel
from winomodel._config import set_num_threads

LAYERS = [  # name, C, K, H, W, groups
    ("vgg conv3_2", 256, 256, 56, 56, 1),
    ("vgg conv4_2", 512, 512, 28, 28, 1),
    ("vgg conv5_2", 512, 512, 14, 14, 1),
    ("alex conv3", 256, 384, 13, 13, 1),
    ("alex conv4", 384, 384, 13, 13, 2),
    ("alex conv5", 384, 256, 13, 13, 2),
]


def interleaved_medians(fns, repeats):
    """Median time of each function, calls interleaved so load changes hit all alike."""
    for fn in fns:
        fn()
    times = [[] for _ in fns]
    for _ in range(repeats):
        for fn, ts in zip(fns, times):
            t0 = time.perf_counter()
            fn()
            ts.append(time.perf_counter() - t0)
    return [float(np.median(ts)) for ts in times]


def median_time(fn, repeats):
    fn()
    ts = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t0)
    return float(np.median(ts))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--batches", type=int, nargs="+", default=[1, 8])
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--density", type=float, default=0.1)
    ap.add_argument("--tile", type=int, default=None)
    ap.add_argument("--layers", type=int, nargs="*", default=None)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    set_num_threads(args.threads)
    rng = np.random.default_rng(0)
    opts = {} if args.tile is None else {"tile": args.tile}
    for n in args.batches:
        ratios_d, ratios_s, rates = [], [], []
        print(f"batch {n}: layer | torch ms | dense ms (x) | sparse ms (x) | sparse real GFLOP/s")
        for i, (name, c, k, h, w, g) in enumerate(LAYERS):
            if args.layers and i not in args.layers:
                continue
            x = rng.standard_normal((n, c, h, w)).astype(np.float32)
            wt = rng.standard_normal((k, c // g, 3, 3)).astype(np.float32)
            xt, wtt = torch.from_numpy(x), torch.from_numpy(wt)
            pd = winomodel.plan(wt, x.shape, padding=1, groups=g, kernel="dense_winograd", **opts)
            ps = winomodel.plan(wt, x.shape, padding=1, groups=g, kernel="sparse_winograd",
                                density=args.density, **opts)
            with torch.no_grad():
                tt, td, ts = interleaved_medians(
                    [lambda: torch.nn.functional.conv2d(xt, wtt, padding=1, groups=g),
                     lambda: pd(x), lambda: ps(x)], args.repeats)
            prod = ps.work().phase("products").flops
            real = ps.work().real_flops
            ratios_d.append(tt / td)
            ratios_s.append(tt / ts)
            rates.append(real / ts / 1e9)
            print(f"  {name:12s} tile{pd.tile} | {tt*1e3:8.2f} | {td*1e3:8.2f} ({tt/td:5.2f}x) | "
                  f"{ts*1e3:8.2f} ({tt/ts:5.2f}x) | {real/ts/1e9:6.1f} (products {prod/ts/1e9:6.1f})")
        gm = lambda v: math.exp(sum(map(math.log, v)) / len(v))
        print(f"  geomean dense {gm(ratios_d):.2f}x  sparse {gm(ratios_s):.2f}x  "
              f"sparse real GFLOP/s {gm(rates):.1f}")


if __name__ == "__main__":
    main()
