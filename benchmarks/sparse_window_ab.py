"""A/B of the sparse Winograd products' input-channel windows: V window budgets as shares of L1.

Usage: python benchmarks/sparse_window_ab.py [2/3,1] [--network vgg16] [--select conv3_2,...]
       [--densities 0.1,0.3,0.6,1.0] [--batch 1] [--threads 2] [--repeats 5] [-o FILE.csv]

One sparse_winograd plan per layer, density and share of this machine's L1 data cache that
one window of V may fill (``_winograd_common.V_WINDOW_L1_SHARE``; the window count follows
from it, :func:`~winomodel.kernels._winograd_common.window_count`), all timed in
interleaved rounds (``winomodel.timing``).  Prints per cell the windows and median times
of every share and the time of the first share over each other's, then their geomeans,
and writes a CSV.
"""

import argparse
import contextlib
import math
from fractions import Fraction

import numpy as np
import pandas as pd

import winomodel
from winomodel._config import set_num_threads
from winomodel.bench import resolve_layers
from winomodel.kernels import _winograd_common as wc
from winomodel.machine.caches import l1_data_bytes
from winomodel.timing import measure_rounds


@contextlib.contextmanager
def l1_share(share: Fraction):
    """Plans whose windows of V may fill ``share`` of the L1 data cache."""
    saved = wc.V_WINDOW_L1_SHARE
    try:
        wc.V_WINDOW_L1_SHARE = (share.numerator, share.denominator)
        yield
    finally:
        wc.V_WINDOW_L1_SHARE = saved


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("shares", nargs="?", default="2/3,1",
                    help="shares of L1 per window, comma-separated; the first is compared with the rest")
    ap.add_argument("--network", default="vgg16")
    ap.add_argument("--select", default="conv2_2,conv3_1,conv3_2,conv4_1,conv4_2,conv5_1")
    ap.add_argument("--densities", default="0.1,0.3,0.6,1.0")
    ap.add_argument("--batch", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("-o", "--output", default="sparse_window_ab.csv")
    args = ap.parse_args()
    shares = [Fraction(s) for s in args.shares.split(",")]
    densities = [float(d) for d in args.densities.split(",")]
    set_num_threads(args.threads)
    kernel = winomodel.get_kernel("sparse_winograd")
    rng = np.random.default_rng(0)
    budgets = {}
    for s in shares:
        with l1_share(s):
            budgets[s] = wc.v_window_bytes()
    print(f"L1 data cache {l1_data_bytes() >> 10} KiB; window budgets: " + ", ".join(
        f"{s} = {b} B" for s, b in budgets.items()), flush=True)
    rows = []
    for network, base in resolve_layers(network=args.network, select=args.select):
        layer = base.replace(N=args.batch)
        x = rng.standard_normal(layer.input_shape, dtype=np.float32)
        w = rng.standard_normal(layer.weight_shape, dtype=np.float32)
        plans = {}
        for d in densities:
            for s in shares:
                with l1_share(s):
                    plans[(d, s)] = kernel.plan(w, layer, density=d)
        timings = measure_rounds({key: (lambda p=p: p(x)) for key, p in plans.items()},
                                 repeats=args.repeats)
        for d in densities:
            first = timings[(d, shares[0])].median
            for s in shares:
                rows.append(dict(network=network, layer=base.name, batch=args.batch, density=d,
                                 l1_share=str(s), windows=plans[(d, s)].n_windows,
                                 median_ms=timings[(d, s)].median * 1e3,
                                 iqr_rel=timings[(d, s)].iqr_rel,
                                 first_share_speedup=timings[(d, s)].median / first))
            print(f"{base.name} d={d}: " + "  ".join(
                f"{s}: {plans[(d, s)].n_windows} win {timings[(d, s)].median * 1e3:.2f} ms "
                f"({timings[(d, s)].median / first:.2f}x)" for s in shares), flush=True)
    frame = pd.DataFrame(rows)
    frame.to_csv(args.output, index=False)
    for s, g in frame.groupby("l1_share", sort=False):
        if Fraction(s) != shares[0]:
            ratio = g.first_share_speedup
            print(f"share {shares[0]} over {s}: geomean {math.exp(np.log(ratio).mean()):.3f}x, "
                  f"range {ratio.min():.2f}-{ratio.max():.2f}x over {len(g)} cells")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
