"""Benchmarks: time every kernel (and PyTorch's conv2d) on layers x batches x densities.

Each kernel's plan is built once per cell, outside the timing; only execution is
timed, with :func:`winomodel.timing.measure` (warm-up excluded, several samples,
median and coefficient of variation).  Dense kernels and PyTorch do not depend on
the density, so they are measured once per layer x batch and their row is repeated
for every density of the grid (``stored_density`` stays 1).  Sparse kernels get
random weights pruned by the kernel itself to each density in its own domain
(``winomodel.plan(..., density=d)``).

Figures per row: median milliseconds, CV, real GFLOP/s (``plan.work().real_flops``
per second: the FLOPs the code executes), effective GFLOP/s (the layer's dense
direct FLOPs per second), % of the profiled fp32 peak (real FLOP/s; only with a
machine profile), and speedups against PyTorch and against our fastest dense
kernel on the same layer and batch.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Tuple

import numpy as np
import pandas as pd

from . import _config
from .api import plan as make_plan
from .errors import (MemoryBudgetError, NetworkTableError, UnknownKernelError,
                     UnsupportedLayerError, WinomodelError)
from .kernels import get_kernel, kernel_names
from .layer import ConvLayer
from .networks import load_layers_csv, load_network, select_layers
from .timing import measure
from .validation import check_density

#: name used for PyTorch's conv2d in the results
TORCH = "torch"
#: name used for ONNX Runtime's Conv (MLAS) in the results
ORT = "onnxruntime"
#: the external dense peers, timed when installed; ratios are also taken against the faster
PEERS = (TORCH, ORT)

#: named layer sets: suite -> [(network, [layer names])]
SUITES: Dict[str, List[Tuple[str, List[str]]]] = {
    # issue 5's targets: the 3x3 layers where sparse kernels should beat dense ones
    "issue5": [("vgg16", ["conv3_2", "conv4_2", "conv5_2"]),
               ("alexnet", ["conv3", "conv4", "conv5"])],
    # issue 22's targets: the layers the Winograd kernels run decomposed (stride-2 3x3 as
    # four F(m, 2) polyphase pieces, 5x5 as four F(m, 3) pieces)
    "issue22": [("resnet50", ["layer2.0.conv2", "layer3.0.conv2", "layer4.0.conv2"]),
                ("googlenet", ["inception_3a/5x5", "inception_3b/5x5", "inception_4a/5x5",
                               "inception_4b/5x5", "inception_4c/5x5", "inception_4d/5x5",
                               "inception_4e/5x5", "inception_5a/5x5", "inception_5b/5x5"]),
                ("alexnet", ["conv2"])],
}

#: columns of the frame :func:`run_bench` returns, in order
COLUMNS = ("network", "layer", "shape", "batch", "threads", "kernel", "density", "stored_density", "tile",
           "median_ms", "cv", "samples", "real_gflops", "effective_gflops", "pct_peak",
           "speedup_vs_torch", "speedup_vs_peer", "peer", "speedup_vs_best_dense",
           "best_dense_kernel", "note")


# ---- argument checks -------------------------------------------------------------------------
def _positive_ints(values, what: str) -> List[int]:
    if isinstance(values, (int, np.integer)) and not isinstance(values, bool):
        values = [values]
    try:
        items = list(values)
    except TypeError:
        raise WinomodelError(f"{what} must be a list of positive integers, got {values!r}") from None
    if not items:
        raise WinomodelError(f"{what} must list at least one value, got {values!r}")
    out = []
    for v in items:
        if isinstance(v, bool) or not hasattr(v, "__index__") or int(v) < 1:
            raise WinomodelError(f"{what} must be positive integers, got {v!r} in {values!r}")
        out.append(int(v))
    return list(dict.fromkeys(out))


def _densities(values) -> List[float]:
    if isinstance(values, (int, float)) and not isinstance(values, bool):
        values = [values]
    try:
        items = list(values)
    except TypeError:
        raise WinomodelError(f"densities must be a list of numbers in [0, 1], got {values!r}") from None
    if not items:
        raise WinomodelError("densities must list at least one value in [0, 1]")
    return list(dict.fromkeys(check_density(v, f"density {v!r}") for v in items))


def _kernels(names) -> List[str]:
    if names is None:
        return kernel_names()
    if isinstance(names, str):
        names = [n.strip() for n in names.split(",") if n.strip()]
    names = list(names)
    if not names:
        raise UnknownKernelError(f"no kernel given; available: {', '.join(kernel_names())}")
    for name in names:
        get_kernel(name)  # raises UnknownKernelError listing the available ones
    return list(dict.fromkeys(names))


def parse_list(text: str, kind: Callable, what: str) -> list:
    """Parse a comma-separated CLI value (``"1,8"``) with ``kind`` (int or float).

    Raises
    ------
    WinomodelError
        Naming the cell that is not a ``kind``.
    """
    cells = [c.strip() for c in str(text).split(",")]
    if not any(cells):
        raise WinomodelError(f"{what} must be a comma-separated list, got {text!r}")
    out = []
    for cell in cells:
        try:
            out.append(kind(cell))
        except ValueError:
            raise WinomodelError(f"{what}: {cell!r} is not a valid {kind.__name__} "
                                 f"(in {text!r})") from None
    return out


# ---- which layers -------------------------------------------------------------------------
def resolve_layers(*, network: Optional[str] = None, layers_file=None, select=None,
                   suite: Optional[str] = None) -> List[Tuple[str, ConvLayer]]:
    """The layers to benchmark as ``(network label, layer)`` pairs.

    Exactly one of ``network``, ``layers_file`` and ``suite`` is given; ``select``
    (names or ``"conv3,conv4"``) keeps some layers of a network or file.

    Raises
    ------
    NetworkTableError
        If none or several sources are given, the network or suite is unknown, or a
        selected layer does not exist.
    """
    given = [s for s in (network, layers_file, suite) if s is not None]
    if len(given) != 1:
        raise NetworkTableError("give exactly one of a network, a layer table file or a suite")
    if suite is not None:
        if suite not in SUITES:
            raise NetworkTableError(f"unknown suite {suite!r}; available: {', '.join(SUITES)}")
        if select is not None:
            raise NetworkTableError("a suite fixes its layers; do not combine it with a selection")
        return [(net, layer) for net, names in SUITES[suite]
                for layer in select_layers(load_network(net), names)]
    if network is not None:
        return [(network, layer) for layer in select_layers(load_network(network), select)]
    label = Path(layers_file).stem
    return [(label, layer) for layer in select_layers(load_layers_csv(layers_file), select)]


# ---- timing one cell ------------------------------------------------------------------------------
def _time_kernel(kernel: str, w: np.ndarray, x: np.ndarray, layer: ConvLayer,
                 density: Optional[float], repeats: int, min_time: float) -> dict:
    """Plan once, time the execution; returns a partial row (note set when skipped)."""
    try:
        p = make_plan(w, x.shape, stride=layer.stride, padding=layer.pad, groups=layer.groups,
                      kernel=kernel, density=density, name=layer.name)
    except (UnsupportedLayerError, MemoryBudgetError) as exc:
        return {"note": f"skipped: {exc}"}
    except NotImplementedError as exc:
        return {"note": f"skipped: not implemented ({exc})"}
    except Exception as exc:  # a broken kernel must not abort the whole benchmark
        return {"note": _failure(exc)}
    try:
        timing = measure(lambda: p(x), repeats=repeats, min_time=min_time)
        work = p.work(x.shape[0])
    except NotImplementedError as exc:
        return {"note": f"skipped: not implemented ({exc})"}
    except Exception as exc:  # recorded in the row's note, the other kernels still run
        return {"note": _failure(exc)}
    return {"seconds": timing.median, "cv": timing.cv, "samples": len(timing.samples),
            "real_flops": work.real_flops, "stored_density": float(p.density),
            "tile": getattr(work, "tile", None), "note": ""}


def _failure(exc: Exception) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return f"failed: {type(exc).__name__}: {lines[0] if lines else ''}"[:300]


def _time_torch(w: np.ndarray, x: np.ndarray, layer: ConvLayer, repeats: int,
                min_time: float) -> dict:
    import torch
    import torch.nn.functional as F

    xt, wt = torch.from_numpy(x), torch.from_numpy(w)

    def run():
        with torch.no_grad():
            return F.conv2d(xt, wt, stride=layer.stride, padding=layer.pad, groups=layer.groups)

    timing = measure(run, repeats=repeats, min_time=min_time)
    return {"seconds": timing.median, "cv": timing.cv, "samples": len(timing.samples),
            "real_flops": float(layer.replace(N=x.shape[0]).dense_flops), "stored_density": 1.0,
            "tile": None, "note": ""}


def _time_onnxruntime(w: np.ndarray, x: np.ndarray, layer: ConvLayer, repeats: int,
                      min_time: float, threads: int) -> dict:
    """ONNX Runtime's Conv on a one-node graph built here (its MLAS kernels: on a Zen 3
    they ran 1.21x PyTorch's conv2d on the issue-5 layers)."""
    import onnxruntime as ort
    from onnx import TensorProto, helper, numpy_helper

    (sv, sh), (pv, ph) = layer.stride, layer.pad
    node = helper.make_node("Conv", ["x", "w"], ["y"], strides=[sv, sh], pads=[pv, ph, pv, ph],
                            group=layer.groups, kernel_shape=[layer.R, layer.S])
    graph = helper.make_graph(
        [node], "conv", [helper.make_tensor_value_info("x", TensorProto.FLOAT, list(x.shape))],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)],
        initializer=[numpy_helper.from_array(w, "w")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = min(model.ir_version, 9)
    options = ort.SessionOptions()
    options.intra_op_num_threads = int(threads)
    options.inter_op_num_threads = 1
    options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    # its pool's threads spin after each run by default, and then took the cores from the
    # kernel timed next (sparse_direct measured 3.1x PyTorch after it, 3.9x without it)
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    session = ort.InferenceSession(model.SerializeToString(), sess_options=options,
                                   providers=["CPUExecutionProvider"])
    feed = {"x": x}
    timing = measure(lambda: session.run(None, feed), repeats=repeats, min_time=min_time)
    return {"seconds": timing.median, "cv": timing.cv, "samples": len(timing.samples),
            "real_flops": float(layer.replace(N=x.shape[0]).dense_flops), "stored_density": 1.0,
            "tile": None, "note": ""}


def _available(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def _torch_available() -> bool:
    return _available("torch")


def _onnxruntime_available() -> bool:
    return _available("onnxruntime") and _available("onnx")


# ---- the benchmark ------------------------------------------------------------------------------
def run_bench(layers: Iterable, *, batches: Sequence[int] = (1,),
              densities: Sequence[float] = (1.0, 0.1, 0.05), kernels=None,
              threads: Optional[int] = None, repeats: int = 5, min_time: float = 0.05,
              profile=None, torch: Optional[bool] = None, onnxruntime: Optional[bool] = None,
              seed: int = 0, progress: Optional[Callable[[str], None]] = None) -> pd.DataFrame:
    """Time kernels on every layer x batch x density.

    Parameters
    ----------
    layers : iterable of ConvLayer or of (network label, ConvLayer)
        Layers to run (their N is replaced by each batch size).
    batches : sequence of int
        Batch sizes, each >= 1.
    densities : sequence of float in [0, 1]
        Densities the sparse kernels are pruned to (in their own domain).
    kernels : list of str or comma-separated str, optional
        Registered kernel names (default: all).
    threads : int, optional
        Threads for Numba and PyTorch (default: Numba's current setting).
    repeats : int
        Timing samples per cell (median and CV taken over them).
    min_time : float
        Minimum seconds per sample (short calls are repeated within a sample).
    profile : MachineProfile, optional
        Adds ``pct_peak`` (real GFLOP/s as % of ``profile.peak_gflops["fp32"]``).
    torch : bool, optional
        Time ``torch.nn.functional.conv2d`` too (default: when torch is installed).
    onnxruntime : bool, optional
        Time ONNX Runtime's Conv too (default: when ``onnxruntime`` and ``onnx`` are
        installed).  ``speedup_vs_peer`` is taken against the faster of the two peers.
    seed : int
        Seed of the random weights and inputs.
    progress : callable, optional
        Called with a short message before each measurement.

    Returns
    -------
    pandas.DataFrame
        One row per layer x batch x kernel x density with the columns of
        :data:`COLUMNS`; kernels that cannot run a layer keep a row with empty
        timings and the reason in ``note``.

    Raises
    ------
    WinomodelError
        On an unknown kernel, an empty or out-of-range density list, a batch < 1,
        repeats < 1, a negative min_time or a thread count the machine lacks.
    """
    pairs = [(item if isinstance(item, tuple) else ("", item)) for item in layers]
    if not pairs:
        raise WinomodelError("no layers to benchmark")
    for _, layer in pairs:
        if not isinstance(layer, ConvLayer):
            raise WinomodelError(f"layers must be ConvLayer values, got {layer!r}")
    batches = _positive_ints(batches, "batch sizes")
    densities = _densities(densities)
    kernels = _kernels(kernels)
    if isinstance(repeats, bool) or not isinstance(repeats, (int, np.integer)) or repeats < 1:
        raise WinomodelError(f"repeats must be an integer >= 1, got {repeats!r}")
    if isinstance(min_time, bool) or not isinstance(min_time, (int, float)) or not min_time >= 0:
        raise WinomodelError(f"min_time must be a number of seconds >= 0, got {min_time!r}")
    if torch is None:
        torch = _torch_available()
    elif torch and not _torch_available():
        raise WinomodelError("torch=True but PyTorch is not installed")
    if onnxruntime is None:
        onnxruntime = _onnxruntime_available()
    elif onnxruntime and not _onnxruntime_available():
        raise WinomodelError("onnxruntime=True but onnxruntime (and onnx) are not installed")
    peak = float(profile.peak_gflops["fp32"]) if profile is not None else None
    say = progress or (lambda msg: None)

    old_threads = _config.num_threads()
    old_torch_threads = None
    if threads is not None:
        _config.set_num_threads(threads)  # validates the range
    if torch:
        import torch as _torch

        old_torch_threads = _torch.get_num_threads()
        _torch.set_num_threads(_config.num_threads())
    used_threads = _config.num_threads()
    rng = np.random.default_rng(seed)
    rows: List[dict] = []
    try:
        for net, base in pairs:
            for batch in batches:
                layer = base.replace(N=batch)
                layer.check_memory()
                w = rng.standard_normal(layer.weight_shape, dtype=np.float32)
                x = rng.standard_normal(layer.input_shape, dtype=np.float32)
                dense: Dict[str, dict] = {}
                for kernel in kernels:
                    if not get_kernel(kernel).sparse:
                        say(f"{net} {layer.describe()}: {kernel}")
                        dense[kernel] = _time_kernel(kernel, w, x, layer, None, repeats, min_time)
                if torch:
                    say(f"{net} {layer.describe()}: torch")
                    dense[TORCH] = _time_torch(w, x, layer, repeats, min_time)
                if onnxruntime:
                    say(f"{net} {layer.describe()}: onnxruntime")
                    dense[ORT] = _time_onnxruntime(w, x, layer, repeats, min_time, used_threads)
                ours = {k: r["seconds"] for k, r in dense.items() if k not in PEERS and "seconds" in r}
                best_dense = min(ours, key=ours.get) if ours else None
                peers = {k: r for k, r in dense.items() if k in PEERS and "seconds" in r}
                peer = min(peers, key=lambda k: peers[k]["seconds"]) if peers else None
                for density in densities:
                    measured = {}
                    for kernel in kernels:
                        if get_kernel(kernel).sparse:
                            say(f"{net} {layer.describe()}: {kernel} density {density:g}")
                            measured[kernel] = _time_kernel(kernel, w, x, layer, density,
                                                            repeats, min_time)
                        else:
                            measured[kernel] = dense[kernel]
                    measured.update((k, dense[k]) for k in PEERS if k in dense)
                    for kernel, result in measured.items():
                        rows.append(_row(net, layer, kernel, density, result, peak,
                                         dense.get(TORCH), dense.get(best_dense), best_dense,
                                         peers.get(peer), peer))
    finally:
        _config.set_num_threads(old_threads)
        if old_torch_threads is not None:
            import torch as _torch

            _torch.set_num_threads(old_torch_threads)
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    frame["threads"] = used_threads
    frame["tile"] = frame["tile"].astype("Int64")  # Winograd tile m, empty for direct kernels
    return frame


def _row(net, layer, kernel, density, result, peak, torch_result, best_result, best_name,
         peer_result=None, peer_name=None) -> dict:
    seconds = result.get("seconds")
    row = {"network": net, "layer": layer.name, "shape": layer.replace(N=1, name="").describe(),
           "batch": layer.N, "kernel": kernel, "density": density,
           "stored_density": result.get("stored_density", math.nan),
           "tile": result.get("tile"), "median_ms": math.nan, "cv": math.nan,
           "samples": result.get("samples", 0), "real_gflops": math.nan,
           "effective_gflops": math.nan, "pct_peak": math.nan, "speedup_vs_torch": math.nan,
           "speedup_vs_peer": math.nan, "peer": peer_name or "", "speedup_vs_best_dense": math.nan, "best_dense_kernel": best_name or "",
           "note": result.get("note", "")}
    if seconds is None:
        return row
    row.update(median_ms=1e3 * seconds, cv=result["cv"],
               real_gflops=result["real_flops"] / seconds / 1e9,
               effective_gflops=layer.dense_flops / seconds / 1e9)
    if peak:
        row["pct_peak"] = 100.0 * row["real_gflops"] / peak
    if torch_result and "seconds" in torch_result:
        row["speedup_vs_torch"] = torch_result["seconds"] / seconds
    if peer_result and "seconds" in peer_result:
        row["speedup_vs_peer"] = peer_result["seconds"] / seconds
    if best_result and "seconds" in best_result:
        row["speedup_vs_best_dense"] = best_result["seconds"] / seconds
    return row


def summarize(results: pd.DataFrame) -> pd.DataFrame:
    """Geometric-mean speedups per kernel x density over the measured layers x batches.

    Returns
    -------
    pandas.DataFrame
        Columns ``kernel, density, cells, geomean_speedup_vs_torch,
        geomean_speedup_vs_peer, geomean_speedup_vs_best_dense`` (NaN where no cell has the
        baseline; the peer is the faster of PyTorch and ONNX Runtime in each cell).
    """
    missing = {"kernel", "density", "median_ms", "speedup_vs_torch",
               "speedup_vs_best_dense"} - set(results.columns)
    if missing:
        raise WinomodelError(f"benchmark results lack column(s) {sorted(missing)}")

    def geomean(values: pd.Series) -> float:
        v = values.dropna()
        v = v[v > 0]
        return float(np.exp(np.log(v).mean())) if len(v) else math.nan

    rows = []
    timed = results.dropna(subset=["median_ms"])
    for (kernel, density), group in timed.groupby(["kernel", "density"], sort=False):
        rows.append({"kernel": kernel, "density": density, "cells": len(group),
                     "geomean_speedup_vs_torch": geomean(group["speedup_vs_torch"]),
                     "geomean_speedup_vs_peer": geomean(group.get("speedup_vs_peer",
                                                                  pd.Series(dtype=float))),
                     "geomean_speedup_vs_best_dense": geomean(group["speedup_vs_best_dense"])})
    return pd.DataFrame(rows, columns=["kernel", "density", "cells", "geomean_speedup_vs_torch",
                                       "geomean_speedup_vs_peer", "geomean_speedup_vs_best_dense"])


def default_output_path() -> Path:
    """``reports/<machine>/bench.csv`` (the profiler's report folder), else ``reports/bench.csv``."""
    try:
        from .machine.profiler import report_dir
    except ImportError:
        return Path("reports") / "bench.csv"
    return Path(report_dir()) / "bench.csv"


def default_profile():
    """The machine's saved profile if one exists and fits this machine, else None.

    Never measures anything.  Returns ``(profile or None, note)``.
    """
    try:
        from .machine.profiler import default_profile_path
    except ImportError:
        return None, "no profiler module; % of peak not shown"
    from .errors import ProfileError
    from .machine.profile import MachineProfile

    path = Path(default_profile_path())
    if not path.exists():
        return None, f"no machine profile at {path} (run `winomodel profile`); % of peak not shown"
    try:
        return MachineProfile.load(path), f"% of peak from {path}"
    except ProfileError as exc:
        return None, f"default profile not used: {exc}"
