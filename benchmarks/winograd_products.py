"""Rate of the dense Winograd products alone, one thread, the way the fused path calls them.

Usage: python benchmarks/winograd_products.py [--shapes K:C:tb,...] [--repeats 7] [-o FILE.csv]
       (in the AVX2 regime: eval "$(winomodel isa --env avx2)"; python benchmarks/...)

For each (K, C/g, tb): all 36 positions of F(4, 3), the output channels in the rounds of
the fused path (``k_chunk``), V and U random.  Prints GFLOP/s per shape against the
one-thread fp32 FMA peak of the saved profile when there is one, and writes a CSV.
"""

import argparse

import numba
import numpy as np
import pandas as pd

from winomodel._config import set_num_threads
from winomodel.kernels import _winograd_common as wc
from winomodel.kernels.scratch import aligned_rows
from winomodel.machine.isa import current
from winomodel.machine.microbench import winograd_products_kernel
from winomodel.timing import measure

SHAPES = "64:64:64,128:128:64,256:256:64,512:512:64,512:512:32,512:512:16,384:256:64,256:128:64"
ALPHA2 = 36  # F(4, 3)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shapes", default=SHAPES, help="K:C:tb triples, comma-separated")
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("-o", "--output", default="winograd_products.csv")
    args = ap.parse_args()
    set_num_threads(1)
    rng = np.random.default_rng(0)
    rows = []
    print(f"ISA: {current().describe()}")
    for shape in args.shapes.split(","):
        K, C, tb = (int(v) for v in shape.split(":"))
        U = wc.pack_panels(rng.standard_normal((1, ALPHA2, K, C), dtype=np.float32))
        V = aligned_rows(ALPHA2, C * tb + wc.ROW_PAD)
        V[:] = rng.standard_normal(V.shape, dtype=np.float32)
        kc = wc.k_chunk(K, 4, tb)
        M = aligned_rows(ALPHA2, kc * tb + wc.ROW_PAD)
        every_column = np.tile(np.array([[0, C]], dtype=np.int64), (ALPHA2, 1))
        # the profiler's loop (ceilings wgemm16/32/64): k_chunk rounds of all positions
        t = measure(lambda: winograd_products_kernel(U, V, M, every_column, K, tb, kc, 1), repeats=args.repeats)
        gflops = 2.0 * K * C * tb * ALPHA2 / t.median / 1e9
        rows.append(dict(K=K, C=C, tb=tb, k_chunk=kc, median_ms=t.median * 1e3,
                         iqr_rel=t.iqr_rel, gflops=gflops))
        print(f"K={K:4d} C/g={C:4d} tb={tb:3d}: {t.median * 1e3:8.3f} ms  {gflops:6.1f} GFLOP/s"
              f"  (spread {t.iqr_rel:.1%})", flush=True)
    pd.DataFrame(rows).to_csv(args.output, index=False)
    print(f"wrote {args.output}  (threads: {numba.get_num_threads()})")


if __name__ == "__main__":
    main()
