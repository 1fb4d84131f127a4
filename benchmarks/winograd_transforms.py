"""The Winograd transforms alone, one thread, as shipped and in the variants they replaced.

Usage: python benchmarks/winograd_transforms.py [--channels 128] [--size 120] [--repeats 7]
       [-o FILE.csv]      (AVX2 regime: eval "$(winomodel isa --env avx2)" first)

For every F(m, r) the kernels generate: one block of 32 interior tiles (every tile whole) of
a C = K = ``--channels``, stride-1 layer with a ``--size`` x ``--size`` output; the input transform of its
C channels and the output transform of its K channels, timed in interleaved rounds
(``winomodel.timing``), in ns per 16 tiles and channel, with variants compiled in the same
process: ``input_16`` / ``output_16`` move the 16 tiles through one shuffle network of 16
lanes (as before ``_simd.network_lanes``; the same code where the ISA has 16 fp32 lanes),
``output_masked`` stores every row with a masked store (as before plain stores for whole
tiles).  Prints a table and writes a CSV.
"""

import argparse
import types

import numba
import numpy as np
import pandas as pd

from winomodel._config import set_num_threads
from winomodel.kernels import _simd
from winomodel.kernels import _winograd_common as wc
from winomodel.kernels import _winograd_generated as gen
from winomodel.kernels import winograd_transforms as wt
from winomodel.kernels.scratch import aligned_rows
from winomodel.layer import ConvLayer
from winomodel.machine.isa import current
from winomodel.timing import measure_rounds

TB = 32   # tiles of the block


def rebuilt(name: str, **intrinsics):
    """The generated function ``name`` recompiled against ``_simd`` with ``intrinsics``
    replaced (Numba binds the module global ``_simd`` when it compiles, so the function is
    rebuilt over a copy of the generated module's globals)."""
    simd = types.ModuleType("simd_variant")   # Numba resolves globals of module type
    vars(simd).update({k: v for k, v in vars(_simd).items() if not k.startswith("__")})
    vars(simd).update(intrinsics)
    py = getattr(gen, name).py_func
    options = {k: v for k, v in gen._OPTS.items() if k != "cache"}
    return numba.njit(**options)(types.FunctionType(py.__code__, dict(vars(gen), _simd=simd),
                                                    py.__name__, py.__defaults__))


def time_spec(m: int, r: int, channels: int, size: int, repeats: int, rng) -> dict:
    # unpadded, so the output is size x size: whole tiles for m = 2, 4, 6 where 12 divides it
    layer = ConvLayer(C=channels, K=channels, H=size + r - 1, W=size + r - 1, R=r, S=r, pad=0)
    dec = wc.wd.decompose(r, r, (1, 1), m, r)
    th, tw = -(-layer.P // m), -(-layer.Q // m)
    x = rng.standard_normal(layer.input_shape, dtype=np.float32)
    xp = wc.pad_input(x, layer, dec)
    wq = wc.wd.planes(layer, dec).wq
    a2 = dec.alpha ** 2
    V = aligned_rows(a2, channels * TB + wc.ROW_PAD)
    M = aligned_rows(a2, channels * TB + wc.ROW_PAD)
    M[:] = rng.standard_normal(M.shape, dtype=np.float32)
    out = np.zeros((1, layer.K, layer.P, layer.Q), dtype=np.float32)
    outflat = out.reshape(-1)
    off = np.empty(TB, dtype=np.uint64)
    obase = np.empty(TB, dtype=np.uint64)
    rows = np.empty(TB, dtype=np.int64)
    cols = np.empty(TB, dtype=np.int64)
    tile0 = (th // 2) * tw + 1       # a block of whole tiles in the middle rows
    wc._tile_offsets(tile0, TB, m, th, tw, xp.shape[2] * xp.shape[1], wq, off)
    wc._output_targets(tile0, TB, m, th, tw, layer.K, layer.P, layer.Q, obase, rows, cols)
    assert (rows == m).all() and (cols == m).all(), "the block must hold whole tiles only: --size a multiple of 12"
    xflat = xp.reshape(-1)
    alpha = dec.alpha
    inputs = {"input": getattr(gen, f"input_transform_{m}_{r}"),
              "input_16": rebuilt(f"input_transform_{m}_{r}", **{
                  f"gather_rows_{alpha}": _simd.make_row_gather(alpha, _simd.LANES)})}
    outputs = {"output": getattr(gen, f"output_transform_{m}_{r}"),
               "output_16": rebuilt(f"output_transform_{m}_{r}", **{
                   f"scatter_tiles_{m}": _simd.make_tile_scatter(m, True, _simd.LANES)}),
               "output_masked": rebuilt(f"output_transform_{m}_{r}", **{
                   f"scatter_tiles_{m}": _simd.make_tile_scatter(m, plain_interior=False)})}
    chan_out = layer.P * layer.Q
    calls = {key: (lambda f=f: f(xflat, off, 0, channels, xp.shape[2], wq, TB, V, 0))
             for key, f in inputs.items()}
    calls.update({key: (lambda f=f: f(M, outflat, 0, channels, obase, chan_out, rows, cols,
                                      layer.Q, TB, TB)) for key, f in outputs.items()})
    t = measure_rounds(calls, repeats=repeats)
    per = channels * TB / 16     # (16 tiles, channel) units per call
    row = dict(m=m, r=r, alpha=dec.alpha)
    for key, timing in t.items():
        row[f"{key}_ns"] = timing.median * 1e9 / per
        row[f"{key}_iqr"] = timing.iqr_rel
    return row


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--channels", type=int, default=128)
    ap.add_argument("--size", type=int, default=120, help="a multiple of 12: whole tiles for m = 2, 4, 6")
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("-o", "--output", default="winograd_transforms.csv")
    args = ap.parse_args()
    set_num_threads(1)
    rng = np.random.default_rng(0)
    print(f"ISA: {current().describe()}; ns per 16 tiles and channel, one thread")
    rows = []
    for m, r in wt.SPECS:
        row = time_spec(m, r, args.channels, args.size, args.repeats, rng)
        rows.append(row)
        print(f"F({m}, {r}): input {row['input_ns']:6.1f} (16-tile networks "
              f"{row['input_16_ns']:6.1f})  output {row['output_ns']:6.1f} (16-tile networks "
              f"{row['output_16_ns']:6.1f}, masked stores {row['output_masked_ns']:6.1f})",
              flush=True)
    pd.DataFrame(rows).to_csv(args.output, index=False)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
