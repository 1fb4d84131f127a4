"""dense_winograd's output tiles measured and predicted: does the model pick the fastest?

Usage: python benchmarks/winograd_tiles.py [--network vgg16] [--batch 1] [--threads 2]
       [--repeats 5] [-o FILE.csv]   (AVX2 regime: eval "$(winomodel isa --env avx2)" first)

For every distinct 3x3 layer shape of the network: F(2, 3), F(4, 3) and F(6, 3) timed in
interleaved rounds (warm-up excluded, median), each tile's predicted time from the saved
profile, the tile the model picks (:func:`winomodel.select.tuned_options`: the default
tile and larger ones) and what the pick costs against the measured fastest.  Prints a
table and writes a CSV.
"""

import argparse

import numpy as np
import pandas as pd

import winomodel
from winomodel._config import set_num_threads
from winomodel.model.predict import predict
from winomodel.networks import load_network
from winomodel.select import load_default_profile, tuned_options
from winomodel.timing import measure_rounds

TILES = (2, 4, 6)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--network", default="vgg16")
    ap.add_argument("--batch", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("-o", "--output", default="winograd_tiles.csv")
    args = ap.parse_args()
    set_num_threads(args.threads)
    profile = load_default_profile()
    kernel = winomodel.get_kernel("dense_winograd")
    rng = np.random.default_rng(0)
    rows, seen = [], set()
    for layer in load_network(args.network):
        layer = layer.replace(N=args.batch)
        key = (layer.C, layer.K, layer.H, layer.W, layer.N)
        if not layer.is_unit_stride_3x3 or key in seen:
            continue
        seen.add(key)
        w = rng.standard_normal(layer.weight_shape, dtype=np.float32)
        x = rng.standard_normal(layer.input_shape, dtype=np.float32)
        plans = {m: kernel.plan(w, layer, tile=m) for m in TILES}
        timed = measure_rounds({m: (lambda p=p: p(x)) for m, p in plans.items()}, repeats=args.repeats)
        measured = {m: timed[m].median for m in TILES}
        predicted = {m: predict(layer, kernel, 1.0, profile, tile=m).seconds for m in TILES}
        pick = tuned_options(layer, kernel, profile)["tile"]
        fastest = min(measured, key=measured.get)
        row = dict(layer=layer.name, shape=layer.describe(), picked=pick, fastest=fastest,
                   pick_lost_pct=100 * (measured[pick] / measured[fastest] - 1))
        row.update({f"F{m}_ms": measured[m] * 1e3 for m in TILES})
        row.update({f"F{m}_pred_ms": predicted[m] * 1e3 for m in TILES})
        row.update({f"F{m}_spread": timed[m].iqr_rel for m in TILES})
        rows.append(row)
        print(f"{layer.describe():40s} " + "  ".join(
            f"F{m} {measured[m] * 1e3:7.2f} ({predicted[m] * 1e3:7.2f})" for m in TILES)
            + f"   picked F{pick}, fastest F{fastest}", flush=True)
    df = pd.DataFrame(rows)
    df.to_csv(args.output, index=False)
    print(f"picked the fastest on {int((df.picked == df.fastest).sum())} of {len(df)} shapes; "
          f"worst cost of the pick {df.pick_lost_pct.max():.1f} %; wrote {args.output}")


if __name__ == "__main__":
    main()
