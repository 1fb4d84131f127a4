"""Max pooling: PyTorch (NCHW and channels-last input) against winomodel.pooling.max_pool2d.

Usage: python benchmarks/pool_bench.py [--batch 1] [--threads 2] [--repeats 7] [-o FILE.csv]

The pools of VGG-16 (five 2x2 stride 2) and ResNet-50's stem (3x3 stride 2 padding 1) on
random float32 input, timed in interleaved rounds (``winomodel.timing``); the results are
checked equal to PyTorch's.  Prints the medians and speedups and writes a CSV.
"""

import argparse

import numpy as np
import pandas as pd
import torch

from winomodel._config import set_num_threads
from winomodel.pooling import max_pool2d
from winomodel.timing import measure_rounds

POOLS = [  # name, C, H, kernel, stride, padding
    ("vgg16 pool1", 64, 224, 2, 2, 0), ("vgg16 pool2", 128, 112, 2, 2, 0),
    ("vgg16 pool3", 256, 56, 2, 2, 0), ("vgg16 pool4", 512, 28, 2, 2, 0),
    ("vgg16 pool5", 512, 14, 2, 2, 0), ("resnet50 stem pool", 64, 112, 3, 2, 1),
]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--batch", type=int, default=1)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--repeats", type=int, default=7)
    ap.add_argument("-o", "--output", default="pool_bench.csv")
    args = ap.parse_args()
    set_num_threads(args.threads)
    torch.set_num_threads(args.threads)
    rng = np.random.default_rng(0)
    rows = []
    for name, c, h, k, s, p in POOLS:
        x = rng.standard_normal((args.batch, c, h, h), dtype=np.float32)
        xt = torch.from_numpy(x)
        xl = xt.contiguous(memory_format=torch.channels_last)
        f = torch.nn.functional.max_pool2d
        np.testing.assert_array_equal(max_pool2d(x, k, s, p), f(xt, k, s, p).numpy())
        t = {key: v.median for key, v in measure_rounds(
            {"torch": lambda: f(xt, k, s, p), "torch_channels_last": lambda: f(xl, k, s, p),
             "winomodel": lambda: max_pool2d(x, k, s, p)}, repeats=args.repeats).items()}
        gbs = x.nbytes * (1 + 1 / s ** 2) / t["winomodel"] / 1e9
        rows.append(dict(pool=name, batch=args.batch, C=c, H=h, kernel=k, stride=s, padding=p,
                         **{f"{key}_ms": v * 1e3 for key, v in t.items()},
                         speedup_vs_torch=t["torch"] / t["winomodel"], winomodel_gbs=gbs))
        print(f"{name:20s} torch {t['torch'] * 1e3:7.3f} ms  channels-last "
              f"{t['torch_channels_last'] * 1e3:7.3f} ms  winomodel {t['winomodel'] * 1e3:7.3f} ms"
              f"  x{t['torch'] / t['winomodel']:.1f} ({gbs:.1f} GB/s)", flush=True)
    frame = pd.DataFrame(rows)
    frame.to_csv(args.output, index=False)
    print(f"sum: torch {frame.torch_ms.sum():.2f} ms, winomodel {frame.winomodel_ms.sum():.2f} ms; "
          f"wrote {args.output}")


if __name__ == "__main__":
    main()
