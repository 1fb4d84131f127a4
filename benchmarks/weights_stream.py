"""dense_winograd with U growing past the last cache: measured vs predicted time.

Usage: python benchmarks/weights_stream.py [--channels 256,320,384,448,512,640] [--threads 2]
       [--repeats 9] [--profile FILE] [-o FILE.csv]

Batch-1 14 x 14 layers, K = 512, C as given (U = 36 K C floats: 19-47 MB): the layers are
timed in interleaved rounds and predicted from the saved profile (or ``--profile``).  A
prediction that steps where U outgrows the last cache while the measured times do not
shows a phase placed on the wrong level.  Prints a table and writes a CSV.
"""

import argparse

import numpy as np
import pandas as pd

import winomodel
from winomodel._config import set_num_threads
from winomodel.layer import ConvLayer
from winomodel.machine.profile import MachineProfile
from winomodel.model.predict import predict
from winomodel.machine.profiler import default_profile_path
from winomodel.timing import measure_rounds


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--channels", default="256,320,384,448,512,640")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=9)
    ap.add_argument("--profile", default=None)
    ap.add_argument("-o", "--output", default="weights_stream.csv")
    args = ap.parse_args()
    set_num_threads(args.threads)
    profile = MachineProfile.load(args.profile or default_profile_path())
    kernel = winomodel.get_kernel("dense_winograd")
    rng = np.random.default_rng(0)
    fns, layers = {}, {}
    for c in (int(v) for v in args.channels.split(",")):
        layer = ConvLayer(C=c, K=512, H=14, W=14, N=1, pad=(1, 1), name=f"c{c}")
        x = rng.standard_normal((1, c, 14, 14), dtype=np.float32)
        plan = kernel.plan(rng.standard_normal((512, c, 3, 3), dtype=np.float32), layer)
        fns[c] = lambda plan=plan, x=x: plan(x)
        layers[c] = layer
    timings = measure_rounds(fns, repeats=args.repeats)
    rows = []
    for c, layer in layers.items():
        pred = predict(layer, kernel, 1.0, profile)
        weights = next(p for p in pred.phases if p.phase.name == "weights")
        measured = timings[c].median
        rows.append(dict(C=c, u_mb=36 * 512 * c * 4 / 1e6, measured_ms=measured * 1e3,
                         iqr_rel=timings[c].iqr_rel, predicted_ms=pred.seconds * 1e3,
                         error_pct=100 * (pred.seconds / measured - 1), weights_level=weights.level))
        r = rows[-1]
        print(f"C={c:4d} U={r['u_mb']:5.1f} MB  measured {r['measured_ms']:7.3f} ms "
              f"(spread {r['iqr_rel']:.1%})  predicted {r['predicted_ms']:7.3f} ms "
              f"({r['error_pct']:+.0f} %)  U placed in {r['weights_level']}", flush=True)
    pd.DataFrame(rows).to_csv(args.output, index=False)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
