"""Does the Winograd kernels' block sizing pick the fastest lanes per block (tb)?

Usage: python benchmarks/block_width_pick.py [--networks vgg16,resnet50,googlenet,alexnet]
       [--batch 1,8] [--density 0.1] [--threads 2] [--repeats 5] [-o FILE.csv]
       (AVX2 regime: eval "$(winomodel isa --env avx2)" first)

For every distinct layer of the networks that the Winograd kernels run (default F(m, r)),
dense_winograd and sparse_winograd (at ``--density``) are planned once per block width the
sizing chooses among (:func:`winomodel.kernels._winograd_common._block_width`'s
candidates: the micro-kernel widths within the block budget and 25 % of the fewest lanes;
sparse_winograd's pick sized by its plan's CSR),
each width forced, and all timed in interleaved rounds (``winomodel.timing``).  Prints per
cell the median time of every width, the width the sizing picks and what the pick costs
against the fastest, then the geomean and worst cost per kernel, and writes a CSV.
"""

import argparse
import contextlib
import math

import numpy as np
import pandas as pd

import winomodel
from winomodel._config import set_num_threads
from winomodel.errors import UnsupportedLayerError
from winomodel.kernels import _winograd_common as wc
from winomodel.networks import load_network
from winomodel.timing import measure_rounds


@contextlib.contextmanager
def sized(width=None):
    """Plans sized by the kernels' rule (``width`` None) or with ``width`` lanes forced,
    and the candidate widths of the last geometry sized."""
    rule, seen = wc._block_width, {}

    def block_width(widths, *args):
        seen["widths"] = tuple(widths)
        return rule(widths, *args) if width is None else width

    try:
        wc._block_width = block_width
        wc._geometry.cache_clear()
        yield seen
    finally:
        wc._block_width = rule
        wc._geometry.cache_clear()


def distinct_layers(networks):
    """(network, layer) for each distinct shape the Winograd kernels run, first seen first."""
    kernel, seen = winomodel.get_kernel("dense_winograd"), set()
    for network in networks:
        for layer in load_network(network):
            try:
                kernel.check_layer(layer)
            except UnsupportedLayerError:
                continue
            key = (layer.C, layer.K, layer.H, layer.W, layer.R, layer.S, layer.stride,
                   layer.pad, layer.groups)
            if key not in seen:
                seen.add(key)
                yield network, layer


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--networks", default="vgg16,resnet50,googlenet,alexnet")
    ap.add_argument("--batch", default="1,8")
    ap.add_argument("--density", type=float, default=0.1)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("-o", "--output", default="block_width_pick.csv")
    args = ap.parse_args()
    set_num_threads(args.threads)
    kernels = {"dense": winomodel.get_kernel("dense_winograd"),
               "sparse": winomodel.get_kernel("sparse_winograd")}
    rng = np.random.default_rng(0)
    rows = []
    for n in (int(b) for b in args.batch.split(",")):
        for network, base in distinct_layers(args.networks.split(",")):
            layer = base.replace(N=n)
            x = rng.standard_normal(layer.input_shape, dtype=np.float32)
            w = rng.standard_normal(layer.weight_shape, dtype=np.float32)
            fns, picks = {}, {}
            for kind, kernel in kernels.items():
                options = {} if kind == "dense" else {"density": args.density}
                with sized() as seen:
                    ruled = kernel.plan(w, layer, **options)
                    streamed = wc.csr_bytes(ruled.nnz) if kind == "sparse" else None
                    picks[kind] = wc.geometry(layer, ruled.decomposition, n, kind, streamed)[3]
                for width in seen["widths"]:
                    with sized(width):
                        plan = kernel.plan(w, layer, **options)
                        plan(x)   # sizes the plan's calls under the forced width
                    fns[kind, width] = lambda p=plan: p(x)
            timings = measure_rounds(fns, repeats=args.repeats)
            for kind in kernels:
                times = {width: timings[k, width].median for k, width in timings if k == kind}
                fastest = min(times, key=times.get)
                row = dict(network=network, layer=base.name, batch=n, kernel=f"{kind}_winograd",
                           widths="/".join(map(str, times)), picked=picks[kind], fastest=fastest,
                           pick_cost=times[picks[kind]] / times[fastest])
                row.update({f"ms_{width}": times[width] * 1e3 for width in (16, 32, 64)
                            if width in times})
                rows.append(row)
                print(f"{network:9s} {base.name:18s} N={n} {kind:6s} " + "  ".join(
                    f"tb={width} {t * 1e3:.3f} ms" for width, t in times.items())
                    + f"  picked {picks[kind]} (x{row['pick_cost']:.2f} of the fastest)", flush=True)
    frame = pd.DataFrame(rows)
    frame.to_csv(args.output, index=False)
    for kernel, group in frame.groupby("kernel"):
        cost = group.pick_cost.to_numpy()
        print(f"{kernel}: the pick costs x{math.exp(np.log(cost).mean()):.3f} geomean, worst "
              f"x{cost.max():.2f}, fastest (within 5 %) in {np.mean(cost <= 1.05):.0%} of "
              f"{len(cost)} cells")
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
