"""Dev benchmark: dense_direct / sparse_direct vs torch conv2d, 2 threads fp32 (not part of the package).

Usage: python benchmarks/direct_bench.py [--batches 1 8] [--repeats 5] [--densities 0.1 0.05]
       [--phases]
Per layer and batch: median times (torch, ours interleaved in one run), ratio = torch time /
our time (> 1: we are faster); geomeans of the ratios of medians and of best-of-repeats
(the latter is less hurt by other processes on a shared machine), and the sparse kernel's real (nonzero) GFLOP/s.  Geomeans at
the end.  --phases also times the sparse kernel's pad and products phases separately.
"""

import argparse
import math
import time

import numpy as np
import torch

import winomodel
from winomodel._config import set_num_threads
from winomodel.kernels import _direct_common as dc

LAYERS = [  # name, C, K, H, W, groups (3x3, stride 1, pad 1)
    ("vgg conv3_2", 256, 256, 56, 56, 1),
    ("vgg conv4_2", 512, 512, 28, 28, 1),
    ("vgg conv5_2", 512, 512, 14, 14, 1),
    ("alex conv3", 256, 384, 13, 13, 1),
    ("alex conv4", 384, 384, 13, 13, 2),
    ("alex conv5", 384, 256, 13, 13, 2),
]


def median_times(fns, repeats):
    """Median time of each callable, runs interleaved so load changes hit all alike."""
    for fn in fns:
        fn()
    ts = [[] for _ in fns]
    for _ in range(repeats):
        for i, fn in enumerate(fns):
            t0 = time.perf_counter()
            fn()
            ts[i].append(time.perf_counter() - t0)
    return [float(np.median(t)) for t in ts], [float(np.min(t)) for t in ts]


def geomean(v):
    return math.exp(sum(math.log(x) for x in v) / len(v))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--batches", type=int, nargs="+", default=[1, 8])
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--densities", type=float, nargs="+", default=[0.1, 0.05])
    ap.add_argument("--layers", type=int, nargs="+", default=list(range(len(LAYERS))))
    ap.add_argument("--no-dense", action="store_true")
    ap.add_argument("--phases", action="store_true")
    ap.add_argument("--asm", action="store_true",
                    help="count zmm FMAs in the compiled products loops and exit (run with "
                         "NUMBA_CACHE_DIR=$(mktemp -d): Numba hides the assembly of cached code)")
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    if args.asm:
        return _asm_report()
    torch.set_num_threads(args.threads)
    set_num_threads(args.threads)
    rng = np.random.default_rng(0)
    ratios = {"dense": []}
    ratios.update({d: [] for d in args.densities})
    rates = {d: [] for d in args.densities}
    best_ratios = {k: [] for k in ratios}
    hdr = f"{'layer':13s} {'N':>2s} {'torch ms':>9s} {'torchGF/s':>9s}"
    if not args.no_dense:
        hdr += f" {'dense ms':>9s} {'x torch':>7s}"
    for d in args.densities:
        hdr += f" {'sp' + str(d) + ' ms':>10s} {'x torch':>7s} {'nzGF/s':>7s}"
    print(hdr)
    for li in args.layers:
        name, C, K, H, W, g = LAYERS[li]
        w = rng.standard_normal((K, C // g, 3, 3)).astype(np.float32)
        for n in args.batches:
            x = rng.standard_normal((n, C, H, W)).astype(np.float32)
            xt, wt = torch.from_numpy(x), torch.from_numpy(w)
            fns = [lambda: torch.nn.functional.conv2d(xt, wt, padding=1, groups=g)]
            if not args.no_dense:
                pd = winomodel.plan(w, x.shape, padding=1, groups=g, kernel="dense_direct")
                fns.append(lambda pd=pd: pd(x))
            plans = [winomodel.plan(w, x.shape, padding=1, groups=g, kernel="sparse_direct",
                                    density=d) for d in args.densities]
            fns += [lambda p=p: p(x) for p in plans]
            ts, best = median_times(fns, args.repeats)
            if not args.no_dense:
                best_ratios["dense"].append(best[0] / best[1])
            for d, t in zip(args.densities, best[len(fns) - len(plans):]):
                best_ratios[d].append(best[0] / t)
            flops = 2 * n * K * (C // g) * 9 * H * W
            line = f"{name:13s} {n:2d} {ts[0] * 1e3:9.2f} {flops / ts[0] / 1e9:9.1f}"
            i = 1
            if not args.no_dense:
                line += f" {ts[1] * 1e3:9.2f} {ts[0] / ts[1]:7.2f}"
                ratios["dense"].append(ts[0] / ts[1])
                i = 2
            for d, p, t in zip(args.densities, plans, ts[i:]):
                nz = 2 * p.nnz * n * H * W / t / 1e9
                line += f" {t * 1e3:10.2f} {ts[0] / t:7.2f} {nz:7.1f}"
                ratios[d].append(ts[0] / t)
                rates[d].append(nz)
            print(line, flush=True)
            if args.phases:
                _phase_times(plans[0], x, args.repeats)
    print("geomean x torch (medians):", {str(k): round(geomean(v), 2) for k, v in ratios.items() if v})
    print("geomean x torch (best of repeats):",
          {str(k): round(geomean(v), 2) for k, v in best_ratios.items() if v})
    print("geomean sparse nonzero GFLOP/s:", {str(k): round(geomean(v), 1) for k, v in rates.items()})


def _phase_times(p, x, repeats):
    L = p.layer.replace(N=x.shape[0])
    geo = dc.Geometry.of(L)
    buf = dc.pad_polyphase(x, L, geo)
    out = np.empty(L.output_shape, np.float32)
    blocks = dc.channel_blocks(L)
    ts, _ = median_times([lambda: dc.pad_polyphase(x, L, geo),
                       lambda: dc.csr_products(buf, p.chunk_ptr, p.offsets, p.values, blocks,
                                               geo.Lpad, geo.Wph, out)], repeats)
    print("    sparse phases ms: pad %.2f products+crop %.2f" % tuple(t * 1e3 for t in ts))


def _asm_report():
    rng = np.random.default_rng(0)
    w = rng.standard_normal((8, 8, 3, 3)).astype(np.float32)
    x = rng.standard_normal((1, 8, 9, 9)).astype(np.float32)
    for k in ("dense_direct", "sparse_direct"):
        winomodel.conv2d(x, w, padding=1, kernel=k)
    from winomodel.kernels import _direct_micro as dm

    # the products loops call the micro-kernels (LLVM may inline them): inspect both
    widest = [getattr(dm, f"dense_micro_{max(dm.DENSE_WIDTHS)}"), getattr(dm, f"sparse_micro_{max(dm.SPARSE_WIDTHS)}")]
    for fn in [dc.dense_products, dc.csr_products] + [f for f in widest if f.signatures]:
        fmas = [ln for ln in fn.inspect_asm(fn.signatures[0]).splitlines() if "vfmadd" in ln]
        kinds = {r: sum(r in ln for ln in fmas) for r in ("zmm", "ymm")}
        print(f"{fn.__name__}: {len(fmas)} vfmadd, {kinds['zmm']} on zmm, {kinds['ymm']} on ymm, "
              f"{len(fmas) - kinds['zmm'] - kinds['ymm']} scalar/xmm (remainder loops)")


if __name__ == "__main__":
    main()
