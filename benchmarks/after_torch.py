"""What one winomodel call costs right after a PyTorch call, and the other way round.

Usage: python benchmarks/after_torch.py [--network vgg16] [--layer conv2_1]
       [--kernel dense_winograd] [--threads 2] [--calls 31] [-o FILE.csv]

PyTorch's CPU wheel brings its own OpenMP runtime and Numba's ``omp`` layer uses the
system's, so the process holds two thread pools; after a parallel region a pool's threads
spin for a while before they sleep.  This times single calls of the layer (random weights
and input): winomodel back to back, winomodel each right after one PyTorch conv of the same
layer, PyTorch back to back and PyTorch each right after one winomodel call.  Medians over
``--calls`` calls; prints the four and writes a CSV.
"""

import argparse
import statistics
import time

import numpy as np
import pandas as pd
import torch

import winomodel
from winomodel._config import set_num_threads
from winomodel.networks import load_network


def _one(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--network", default="vgg16")
    ap.add_argument("--layer", default="conv2_1")
    ap.add_argument("--kernel", default="dense_winograd")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--calls", type=int, default=31)
    ap.add_argument("-o", "--output", default="after_torch.csv")
    args = ap.parse_args()
    set_num_threads(args.threads)
    torch.set_num_threads(args.threads)
    layer = {l.name: l for l in load_network(args.network)}[args.layer]
    rng = np.random.default_rng(0)
    x = rng.standard_normal(layer.input_shape, dtype=np.float32)
    w = rng.standard_normal(layer.weight_shape, dtype=np.float32)
    plan = winomodel.plan(w, x.shape, stride=layer.stride, padding=layer.pad,
                          groups=layer.groups, kernel=args.kernel)
    xt, wt = torch.from_numpy(x), torch.from_numpy(w)

    def ours():
        plan(x)

    def theirs():
        with torch.no_grad():
            torch.conv2d(xt, wt, stride=layer.stride, padding=layer.pad, groups=layer.groups)

    ours(), theirs()
    cases = {"winomodel, back to back": (None, ours),
             "winomodel, right after a PyTorch call": (theirs, ours),
             "PyTorch, back to back": (None, theirs),
             "PyTorch, right after a winomodel call": (ours, theirs)}
    rows = []
    for name, (before, fn) in cases.items():
        samples = []
        for _ in range(args.calls):
            if before is not None:
                before()
            samples.append(_one(fn))
        rows.append(dict(network=args.network, layer=args.layer, kernel=args.kernel, case=name,
                         median_ms=statistics.median(samples) * 1e3, calls=args.calls))
        print(f"{args.layer} {name:40s} {rows[-1]['median_ms']:8.3f} ms", flush=True)
    pd.DataFrame(rows).to_csv(args.output, index=False)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
