"""How far each Winograd kernel could go on a suite's layers: measured, and two bounds.

Usage: python benchmarks/winograd_bounds.py [--suite issue22] [--batch 1,8] [--density 0.1]
       [--repeats 7] [-o FILE.csv]      (AVX2 regime: eval "$(winomodel isa --env avx2)" first)

For every layer and batch of the suite, against PyTorch's conv2d of the same layer (2 threads,
timed in rounds of its own), each Winograd kernel's speedup as measured and:

- ``floor``: the same plan with every product removed (dense_winograd on all-zero weights,
  whose pieces the products skip; sparse_winograd at density 0), i.e. the padding, both
  transforms, the call's fixed costs and the threads' hand-offs alone.  ``torch / floor`` is
  the most any product speed-up could give the kernel as built.
- ``bound``: the floor plus the plan's own product work (``plan.work()``: the products, and
  for sparse_winograd the row visits) at this machine's measured ceilings for that
  micro-kernel and block width (the saved profile's ``wgemm<tb>`` / ``wsparse<tb>`` /
  ``wrows<tb>``), no memory time and no calibration factor: the products as fast as the
  profiler ever saw them.

Prints a table and the geomeans per network, and writes a CSV: per kernel the measured,
floor, products-at-ceiling and bound times (``*_ms``), the speedups over PyTorch (``*_x``)
and the measured time's interquartile range over its median (``*_iqr``).  The bound takes
the profile saved for this machine and regime (``winomodel profile``).
"""

import argparse
import math

import numpy as np
import pandas as pd
import torch

import winomodel
from winomodel._config import set_num_threads
from winomodel.bench import _time_torch as time_torch, resolve_layers
from winomodel.model.predict import place_phase
from winomodel.select import load_default_profile
from winomodel.timing import measure_rounds

PRODUCT_PHASES = ("products", "calls")
THREADS = 2
MIN_TIME = 0.05   # seconds per sample, as winomodel.timing's default


def products_at_ceiling(plan, batch: int, profile) -> float:
    """Seconds of the plan's product phases at the profile's compute ceilings."""
    work = plan.work(batch)
    return sum(place_phase(ph, profile).compute_s for ph in work.phases
               if ph.name in PRODUCT_PHASES)


def cell(layer, batch: int, density: float, repeats: int, profile, rng) -> dict:
    x = rng.random((batch, layer.C, layer.H, layer.W), dtype=np.float32)
    w = rng.standard_normal((layer.K, layer.C_per_group, layer.R, layer.S)).astype(np.float32)
    geometry = dict(stride=layer.stride, padding=layer.pad, groups=layer.groups)
    plans = {
        "dense_winograd": winomodel.plan(w, x.shape, kernel="dense_winograd", **geometry),
        "dense_winograd_floor": winomodel.plan(np.zeros_like(w), x.shape,
                                               kernel="dense_winograd", **geometry),
        "sparse_winograd": winomodel.plan(w, x.shape, kernel="sparse_winograd",
                                          density=density, **geometry),
        "sparse_winograd_floor": winomodel.plan(w, x.shape, kernel="sparse_winograd",
                                                density=0.0, **geometry),
    }
    torch_s = time_torch(w, x, layer, repeats, MIN_TIME)["seconds"]   # the suites' own timing
    times = measure_rounds({k: (lambda p=p: p(x)) for k, p in plans.items()}, repeats=repeats)
    row = {"layer": layer.name, "batch": batch, "torch_ms": 1e3 * torch_s}
    for kernel in ("dense_winograd", "sparse_winograd"):
        measured, floor = times[kernel].median, times[f"{kernel}_floor"].median
        products = products_at_ceiling(plans[kernel], batch, profile)
        bound = floor + products
        row.update({f"{kernel}_ms": 1e3 * measured, f"{kernel}_floor_ms": 1e3 * floor,
                    f"{kernel}_products_ms": 1e3 * products, f"{kernel}_bound_ms": 1e3 * bound,
                    f"{kernel}_x": torch_s / measured, f"{kernel}_bound_x": torch_s / bound,
                    f"{kernel}_floor_x": torch_s / floor,
                    f"{kernel}_iqr": times[kernel].iqr_rel})
    return row


def geomeans(frame: pd.DataFrame) -> pd.DataFrame:
    ratios = [c for c in frame.columns if c.endswith("_x")]
    return frame.groupby("network")[ratios].agg(
        lambda s: math.exp(float(np.mean(np.log(s)))))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--suite", default="issue22")
    ap.add_argument("--batch", default="1,8")
    ap.add_argument("--density", type=float, default=0.1)
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("-o", "--output", default="winograd_bounds.csv")
    args = ap.parse_args()
    set_num_threads(THREADS)
    torch.set_num_threads(THREADS)
    profile = load_default_profile()
    rng = np.random.default_rng(0)
    rows = []
    for network, layer in resolve_layers(suite=args.suite):
        for batch in (int(b) for b in args.batch.split(",")):
            rows.append({"network": network, **cell(layer, batch, args.density, args.repeats,
                                                    profile, rng)})
            r = rows[-1]
            print(f"{network:9s} {r['layer']:18s} N={batch}  torch {r['torch_ms']:7.3f} ms  "
                  + "  ".join(f"{k[:6]} {r[k + '_x']:.2f}x (bound {r[k + '_bound_x']:.2f}, "
                              f"floor {r[k + '_floor_x']:.2f})"
                              for k in ("dense_winograd", "sparse_winograd")), flush=True)
    frame = pd.DataFrame(rows)
    frame.to_csv(args.output, index=False)
    print(f"\ngeomeans over layers and batches (sparse_winograd at density {args.density}):")
    print(geomeans(frame).round(2).to_string())
    print(f"written to {args.output}")


if __name__ == "__main__":
    main()
