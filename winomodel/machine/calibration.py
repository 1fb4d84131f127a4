"""Calibration runs: every kernel timed on layers the validation never uses.

The calibration layers come from ResNet-50 and GoogLeNet and share no shape with AlexNet,
VGG-16 or the held-out table (a test checks this).  :func:`calibrate` times every kernel
on them at a few densities (:func:`winomodel.evaluation.validate.run_grid`, the one timing
policy of :mod:`winomodel.timing`) and hands the runs to
:func:`winomodel.model.fit.fit_calibration`; the result is the profile's ``calibration``.
Validation then runs on other layers, so its errors say how well the calibrated model
transfers, not how well it was fitted.
"""

from __future__ import annotations

from typing import Callable, Dict, List, Optional, Sequence

import numpy as np

from ..layer import ConvLayer
from ..model.fit import fit_calibration, run_columns, uncalibrated
from .profile import MachineProfile

#: (name, N, C, K, H, W, R/S, stride, pad): ResNet-50 (torchvision names) and GoogLeNet
#: (Caffe names) layers, plus made-up shapes for batch > 1, odd and large channel counts,
#: an RGB input layer and two large layers (many channels on a 56 x 56 / 28 x 28 grid:
#: without them the factors came from layers a tenth the size of VGG-16's, whose
#: Winograd work arrays stay in L2, and sparse_winograd was predicted 20-50 % fast on
#: every VGG-16 layer)
_CALIBRATION = (
    ("resnet50_layer1.0.conv2", 1, 64, 64, 56, 56, 3, 1, 1),
    ("googlenet_inception_3a_3x3", 1, 96, 128, 28, 28, 3, 1, 1),
    ("googlenet_inception_4b_3x3", 1, 112, 224, 14, 14, 3, 1, 1),
    ("googlenet_inception_4d_3x3", 1, 144, 288, 14, 14, 3, 1, 1),
    ("googlenet_inception_5b_3x3", 1, 192, 384, 7, 7, 3, 1, 1),
    ("madeup_batch4_3x3", 4, 128, 96, 14, 14, 3, 1, 1),
    ("madeup_c320_3x3", 1, 320, 160, 10, 10, 3, 1, 1),
    ("madeup_c448_3x3", 1, 448, 512, 12, 12, 3, 1, 1),
    ("madeup_rgb_3x3", 1, 3, 32, 112, 112, 3, 1, 1),
    ("madeup_c192_56_3x3", 1, 192, 160, 56, 56, 3, 1, 1),
    ("madeup_c384_28_3x3", 1, 384, 448, 28, 28, 3, 1, 1),
    ("resnet50_layer2.0.conv2", 1, 128, 128, 56, 56, 3, 2, 1),
    ("resnet50_layer1.0.conv1", 1, 64, 64, 56, 56, 1, 1, 0),
    ("googlenet_inception_4c_5x5", 1, 24, 64, 14, 14, 5, 1, 2),
)
DENSITIES = (1.0, 0.3, 0.1, 0.05)
#: the quick calibration's layers: every kind of the full set (large and small grids, both
#: Winograd paths, batch, RGB input, stride 2, 1x1, 5x5) at a third less time; the five
#: left out are the full set's slowest to plan and time beside a layer of their kind
QUICK_LAYER_NAMES = ("resnet50_layer1.0.conv2", "googlenet_inception_3a_3x3",
                     "googlenet_inception_5b_3x3", "madeup_batch4_3x3", "madeup_c448_3x3",
                     "madeup_rgb_3x3", "madeup_c384_28_3x3", "resnet50_layer2.0.conv2",
                     "resnet50_layer1.0.conv1", "googlenet_inception_4c_5x5")


def calibration_layers(quick: bool = False) -> List[ConvLayer]:
    """The calibration layers (with ``quick``, those of :data:`QUICK_LAYER_NAMES`)."""
    return [ConvLayer(N=n, C=c, K=k, H=h, W=w, R=rs, S=rs, stride=st, pad=p, name=name)
            for name, n, c, k, h, w, rs, st, p in _CALIBRATION
            if not quick or name in QUICK_LAYER_NAMES]


#: the smallest layer every kernel runs: its time is a kernel's fixed cost per call
#: (thread-pool wake-up, allocations, the Python call), not any phase's
OVERHEAD_LAYER = ConvLayer(N=1, C=1, K=1, H=4, W=4, R=3, S=3, pad=1, name="call_overhead")


def calibrate(profile: MachineProfile, *, quick: bool = False,
              layers: Optional[Sequence[ConvLayer]] = None,
              densities: Optional[Sequence[float]] = None,
              progress: Optional[Callable[[str], None]] = None) -> Dict[str, object]:
    """Measure every kernel on the calibration layers and fit its phase factors.

    Parameters
    ----------
    profile : MachineProfile
        Ceilings to calibrate (its own calibration, if any, is ignored).
    quick : bool
        Fewer layers (:data:`QUICK_LAYER_NAMES`) and timing repeats.
    layers, densities : optional
        Override the grid (tests use tiny layers).
    progress : callable, optional
        Called with a line of text per layer.

    Returns
    -------
    dict
        ``{"factors": {kernel: {phase: factor}}, "layers": [...], "densities": [...],
        "fit": {kernel: {"runs": n, "median_abs_error_pct": x}}}``, the value of
        :attr:`MachineProfile.calibration`.
    """
    from ..kernels import get_kernel
    from ..evaluation.validate import run_grid

    raw = uncalibrated(profile)
    layers = list(layers) if layers is not None else calibration_layers(quick)
    densities = list(densities) if densities is not None else list(DENSITIES)
    overhead = call_overheads(quick=quick)
    df = run_grid(layers, densities, raw, quick=quick, with_torch=False, progress=progress)
    by_name = {layer.name or layer.describe(): layer for layer in layers}
    runs = []   # one per timed (kernel, layer, density): roofline seconds per parameter
    for kernel, rows in df.groupby("kernel"):
        k = get_kernel(kernel)
        rows = rows if k.sparse else rows.drop_duplicates("layer")
        for r in rows.itertuples():
            cols, phases = run_columns(by_name[r.layer], kernel, r.density, raw, overhead)
            runs.append({"kernel": kernel, "layer": r.layer, "density": float(r.density),
                         "measured_s": float(r.measured_s), "roofline_s": cols, "phases": phases})
    out = fit_calibration(runs, overhead)
    out.update({"layers": [layer.describe() for layer in layers], "layer_names": list(by_name),
                "densities": densities, "quick": bool(quick)})
    return out


def call_overheads(quick: bool = False) -> Dict[str, float]:
    """Seconds per call of every kernel on :data:`OVERHEAD_LAYER` (median of repeats)."""
    from ..kernels import get_kernel, kernel_names
    from ..timing import measure_rounds

    layer = OVERHEAD_LAYER
    rng = np.random.default_rng(0)
    x = rng.standard_normal(layer.input_shape, dtype=np.float32)
    w = rng.standard_normal(layer.weight_shape, dtype=np.float32)
    fns = {}
    for name in kernel_names():
        k = get_kernel(name)
        if k.supports(layer):
            plan = k.plan(w, layer, density=1.0 if k.sparse else None)
            fns[name] = (lambda p: (lambda: p(x)))(plan)
    timings = measure_rounds(fns, repeats=5 if quick else 9, min_time=0.01)
    return {name: t.median for name, t in timings.items()}
