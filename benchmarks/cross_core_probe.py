"""How much it costs, right now, for one thread to read what the other thread just wrote.

Usage: python benchmarks/cross_core_probe.py [--seconds 60] [-o FILE.csv]

Every half second, one row: a two-item parallel loop writes 256 KB (each thread its half),
then a second one reads it back, each thread either its own half (``own_us``) or the
other thread's (``cross_us``: every cache line crosses from one core to the other), and a
sparse_winograd call on a batch-1 14 x 14 layer at density 0.3 (split path: the products
of each thread read V that both threads transformed) and a dense_direct call (each thread
its own output channels) beside them.  On a VM the host may move the virtual CPUs between
cores that share a last-level cache and cores that do not; this shows it as a step in
``cross_us`` while ``own_us`` stays put (on the 2-core Zen 4 VM of
``docs/results-2026-12-05.md``: 69 -> 179 us, with sparse_winograd 146 -> 236 us and
dense_direct 1160 -> 1260 us in the same seconds).  It measures; it changes nothing.
"""

import argparse
import time

import numba
import numpy as np
import pandas as pd

from winomodel.kernels import get_kernel
from winomodel.layer import ConvLayer

#: floats each probe call writes and reads (256 KB: within either core's L2)
PROBE_FLOATS = 1 << 16


@numba.njit(parallel=True, cache=True)
def write_halves(a, b):
    """Item t writes half t of ``a``."""
    n = a.size // 2
    for t in numba.prange(2):
        for i in range(t * n, (t + 1) * n):
            a[i] = b[i] + 1.0


@numba.njit(parallel=True, cache=True)
def read_halves(a, out, cross):
    """Item t sums half t of ``a`` (its own writes) or, with ``cross``, the other half."""
    n = a.size // 2
    for t in numba.prange(2):
        start = (1 - t) * n if cross else t * n
        s = 0.0
        for i in range(start, start + n):
            s += a[i]
        out[t] = s


def per_call_us(fn, calls: int) -> float:
    t0 = time.perf_counter()
    for _ in range(calls):
        fn()
    return (time.perf_counter() - t0) / calls * 1e6


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("-o", "--output", default="cross_core_probe.csv")
    args = ap.parse_args()
    if numba.get_num_threads() < 2:
        raise SystemExit("needs two Numba threads")
    numba.set_num_threads(2)
    rng = np.random.default_rng(0)
    a = np.zeros(PROBE_FLOATS, np.float32)
    b = np.ones_like(a)
    sums = np.zeros(2)
    small = ConvLayer(N=1, C=96, K=208, H=14, W=14, R=3, S=3, pad=1, name="googlenet_4a_like")
    mid = ConvLayer(N=1, C=128, K=128, H=28, W=28, R=3, S=3, pad=1, name="c128_28")
    x_small = rng.standard_normal((1, 96, 14, 14)).astype(np.float32)
    x_mid = rng.standard_normal((1, 128, 28, 28)).astype(np.float32)
    sparse = get_kernel("sparse_winograd").plan(
        rng.standard_normal((208, 96, 3, 3)).astype(np.float32), small, density=0.3)
    dense = get_kernel("dense_direct").plan(rng.standard_normal((128, 128, 3, 3)).astype(np.float32), mid)
    probes = {
        "cross_us": (lambda: (write_halves(a, b), read_halves(a, sums, True)), 300),
        "own_us": (lambda: (write_halves(a, b), read_halves(a, sums, False)), 300),
        "sparse_winograd_us": (lambda: sparse(x_small), 300),
        "dense_direct_us": (lambda: dense(x_mid), 20),
    }
    for fn, _ in probes.values():
        fn()
    rows = []
    end = time.time() + args.seconds
    while time.time() < end:
        row = {"time": time.strftime("%H:%M:%S")}
        row.update({name: round(per_call_us(fn, calls), 1) for name, (fn, calls) in probes.items()})
        rows.append(row)
        print(" ".join(f"{k}={v}" for k, v in row.items()), flush=True)
        time.sleep(0.5)
    df = pd.DataFrame(rows)
    df.to_csv(args.output, index=False)
    ratio = df["cross_us"] / df["own_us"]
    print(f"cross / own: median {ratio.median():.2f}, range {ratio.min():.2f}-{ratio.max():.2f} "
          f"over {len(df)} rows; written to {args.output}")


if __name__ == "__main__":
    main()
