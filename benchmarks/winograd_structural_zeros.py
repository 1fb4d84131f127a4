"""A/B of dense_winograd's products with and without skipping the structural zeros.

Usage: python benchmarks/winograd_structural_zeros.py [--batch 1,8] [--threads 2]
       [--repeats 7] [-o FILE.csv]

On every issue-22 layer (ResNet-50's stride-2 3x3s, GoogLeNet's 5x5s, AlexNet conv2: the
decomposed layers) one dense_winograd plan runs twice: each position's sum over the pieces
that can be nonzero there (``plan.col_ranges``, the kernel as shipped) and over every piece
(the ranges widened to all columns: the products before the skip; the pieces' order only
moves zeros around, the result is the same).  Both and PyTorch's conv2d are timed in
interleaved rounds (``winomodel.timing``).  Prints per layer the piece-positions summed,
the median times and the speedups, then their geomeans, and writes a CSV.
"""

import argparse
import math

import numpy as np
import pandas as pd
import torch

import winomodel
from winomodel._config import set_num_threads
from winomodel.bench import resolve_layers
from winomodel.timing import measure_rounds


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--batch", default="1,8")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("-o", "--output", default="winograd_structural_zeros.csv")
    args = ap.parse_args()
    set_num_threads(args.threads)
    torch.set_num_threads(args.threads)
    rng = np.random.default_rng(0)
    rows = []
    for network, base in resolve_layers(suite="issue22"):
        name = base.name
        for n in (int(b) for b in args.batch.split(",")):
            layer = base.replace(N=n)
            x = rng.standard_normal(layer.input_shape, dtype=np.float32)
            w = rng.standard_normal(layer.weight_shape, dtype=np.float32)
            plan = winomodel.get_kernel("dense_winograd").plan(w, layer)
            dec = plan.decomposition
            skip = plan.col_ranges
            every = np.zeros_like(skip)
            every[:, 1] = dec.n_pieces * layer.C_per_group

            def run(ranges):
                plan.col_ranges = ranges
                return plan(x)

            xt, wt = torch.from_numpy(x), torch.from_numpy(w)
            fns = {"skip": lambda: run(skip), "every": lambda: run(every),
                   "torch": lambda: torch.nn.functional.conv2d(
                       xt, wt, stride=layer.stride, padding=layer.pad, groups=layer.groups)}
            with torch.no_grad():
                t = {k: v.median for k, v in measure_rounds(fns, repeats=args.repeats).items()}
            plan.col_ranges = skip
            summed = int(np.diff(dec.product_columns(), axis=1).sum())
            rows.append(dict(network=network, layer=name, batch=n, tile=dec.m, r=dec.r,
                             pieces=dec.n_pieces, positions=dec.alpha ** 2,
                             summed=summed, skip_ms=t["skip"] * 1e3,
                             every_ms=t["every"] * 1e3, torch_ms=t["torch"] * 1e3,
                             skip_vs_torch=t["torch"] / t["skip"],
                             every_vs_torch=t["torch"] / t["every"],
                             skip_gain=t["every"] / t["skip"]))
            print(f"{network} {name} N={n} F({dec.m},{dec.r}) x{dec.n_pieces}: sums "
                  f"{summed} of {dec.n_pieces * dec.alpha ** 2}; torch {t['torch'] * 1e3:.3f} ms,"
                  f" every piece {t['torch'] / t['every']:.2f}x, skipping the zeros "
                  f"{t['torch'] / t['skip']:.2f}x (gain {t['every'] / t['skip']:.2f}x)",
                  flush=True)
    frame = pd.DataFrame(rows)
    frame.to_csv(args.output, index=False)
    for network, g in frame.groupby("network", sort=False):
        gm = {c: math.exp(np.log(g[c]).mean()) for c in ("every_vs_torch", "skip_vs_torch",
                                                        "skip_gain")}
        print(f"{network}: geomean vs torch, every piece {gm['every_vs_torch']:.2f}x, skipping "
              f"{gm['skip_vs_torch']:.2f}x (gain {gm['skip_gain']:.2f}x)")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
