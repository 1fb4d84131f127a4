"""The roofline performance model: predicted time of a kernel on a layer at a density.

Every kernel states its work phase by phase (:meth:`ConvKernel.work`): FLOPs,
bytes moved and the working set the phase re-reads.  The model places each phase
on the roofline of the memory level that holds its working set,

    t_phase = max(flops / compute_ceiling(phase.compute, level),
                  bytes / bandwidth(level)),

and adds the phases.  Every ceiling comes from the machine profile (the
profiler's microbenchmarks).  A calibrated profile also carries one factor per
(kernel, phase), fitted on calibration layers disjoint from every validation layer
(:mod:`winomodel.model.fit`); the phase time is then multiplied by it.
"""

from __future__ import annotations

import dataclasses
from typing import Iterable, List, Optional, Sequence, Tuple

import numpy as np

from ..errors import WinomodelError
from ..layer import ConvLayer
from ..validation import check_density
from ..work import Phase, WorkEstimate
from ..machine.profile import MachineProfile


@dataclasses.dataclass(frozen=True)
class PhaseTime:
    """One phase placed on the roofline.

    Attributes
    ----------
    phase : Phase
    level : str
        Memory level holding the phase's working set.
    compute_s, memory_s : float
        Time at the compute ceiling and at the level's bandwidth.
    bound : str
        ``"compute:<ceiling>"`` or ``"memory:<level>"``, whichever is slower.
    factor : float
        Calibration factor applied to the roofline time (1.0 uncalibrated).
    imbalance : float
        The busiest thread's share of the phase's work items over an even share
        (:attr:`Phase.items`; 1.0 when they split evenly).
    """

    phase: Phase
    level: str
    compute_s: float
    memory_s: float
    factor: float = 1.0
    imbalance: float = 1.0

    @property
    def roofline_seconds(self) -> float:
        """The pure roofline time (of the busiest thread), before calibration."""
        return self.imbalance * max(self.compute_s, self.memory_s)

    @property
    def seconds(self) -> float:
        return self.factor * self.roofline_seconds

    @property
    def bound(self) -> str:
        if self.compute_s >= self.memory_s:
            return f"compute:{self.phase.compute}"
        return f"memory:{self.level}"


@dataclasses.dataclass(frozen=True)
class Prediction:
    """Predicted execution of one kernel on one layer at one density.

    Attributes
    ----------
    work : WorkEstimate
        The kernel's own phase counts.
    phases : tuple of PhaseTime
    overhead_s : float
        The kernel's measured fixed cost per call (calibrated profiles; else 0).
    """

    work: WorkEstimate
    phases: Tuple[PhaseTime, ...]
    overhead_s: float = 0.0

    @property
    def kernel(self) -> str:
        return self.work.kernel

    @property
    def seconds(self) -> float:
        """Predicted time: the sum of the phase times, plus the kernel's fixed cost per
        call when the profile is calibrated."""
        return float(sum(p.seconds for p in self.phases)) + self.overhead_s

    @property
    def dominant_phase(self) -> PhaseTime:
        """The phase that takes the longest."""
        return max(self.phases, key=lambda p: p.seconds)

    @property
    def bound(self) -> str:
        """Ceiling that binds the dominant phase, e.g. ``"compute:axpy"`` or ``"memory:L2"``."""
        return self.dominant_phase.bound

    @property
    def effective_gflops(self) -> float:
        """Dense-equivalent GFLOP/s (the layer's direct-conv FLOPs over the predicted time)."""
        return self.work.effective_flops / self.seconds / 1e9 if self.seconds > 0 else float("inf")

    @property
    def real_gflops(self) -> float:
        """GFLOP/s of the FLOPs the kernel really executes."""
        return self.work.real_flops / self.seconds / 1e9 if self.seconds > 0 else float("inf")

    def as_row(self) -> dict:
        """The prediction as one CSV row (layer, kernel, density, predicted_s, bound, ...)."""
        w = self.work
        return {
            "layer": w.layer.name or w.layer.describe(),
            "kernel": w.kernel,
            "density": w.density,
            "tile": w.tile,
            "predicted_s": self.seconds,
            "bound": self.bound,
            "dominant_phase": self.dominant_phase.phase.name,
            "effective_gflops": self.effective_gflops,
            "real_gflops": self.real_gflops,
            "real_flops": w.real_flops,
            "effective_flops": w.effective_flops,
            "bytes": w.total_bytes,
        }


#: memory levels all cores share: a phase placed there streams at the bandwidth the
#: profiler's working-set sweep measured for the team's working set
SHARED_LEVELS = ("L3", "DRAM")
#: level whose bandwidth binds a streaming loop whatever its per-byte overheads: a
#: calibration factor over 1 (a loop short of a cache's ceiling) is not carried there
MEMORY_LEVEL = "DRAM"


def swept_bandwidth_gbs(profile: MachineProfile, working_set_bytes: float) -> Optional[float]:
    """Bandwidth the profiler's working-set sweep measured at ``working_set_bytes``
    (interpolated in log size; outside the sweep, its nearer end), or None when the
    profile holds no sweep (synthetic profiles).

    Past the last cache the sweep falls smoothly (on a 32 MiB L3: 349 GB/s at 20 MB,
    168 at 36 MB, 70 at 137 MB), where the levels' plateaus step from the L3's to
    DRAM's at the L3's capacity."""
    sweep = profile.extra.get("sweep") if isinstance(profile.extra, dict) else None
    if not sweep or not sweep.get("size_bytes"):
        return None
    return float(np.interp(np.log(max(working_set_bytes, 1.0)), np.log(sweep["size_bytes"]), sweep["gbs"]))


def place_phase(phase: Phase, profile: MachineProfile, kernel: str = "") -> PhaseTime:
    """Put one phase on the roofline of the memory level holding its working set, the
    whole team's (per-thread working sets times the profile's threads), times the
    profile's calibration factor of ``kernel``'s phase, if any.  A phase dealt out in
    ``items`` work items runs as long as its busiest thread.

    In a shared level (:data:`SHARED_LEVELS`) the bandwidth is the sweep's at the
    team's working set (:func:`swept_bandwidth_gbs`), not the level's
    plateau: past the last cache's capacity the bandwidth falls smoothly, and the step
    from the L3 plateau (378 GB/s) to DRAM (51 GB/s) charged VGG-16 conv4_1's
    sparse_winograd weights (8 B per stored weight: 15 MB at density 0.4, 19 MB at 0.5)
    a jump that its measured time does not show (0.93, 1.17, 1.40, 1.67 ms at densities
    0.3 to 0.6; predicted 0.96, 1.20, 1.59, 1.85 ms).  Refitted on three stored
    calibrations and judged on six stored reports, with each thread's stream counted
    in full (the threads stream a shared operand in step less often than not) and the
    weight streams' factor range widened to 4: crossovers within +-0.05 on 88 / 88 / 89 %
    of validation and 82 / 84 / 85 % of held-out 3x3 pairs (the level plateaus: 83 / 82 /
    82 % and 75 / 75 / 79 %), median time errors 5.6-6.1 % (4.4-4.9 %), p90 18.7-19.1 %
    (15.6-15.8 %).

    At :data:`MEMORY_LEVEL` a factor over 1 counts as 1: the calibration layers' copies
    live in the caches, where the padding's factor reached 4 (the loop's overheads per
    byte), and carried to VGG-16 conv1_2's 26 MB padding in DRAM it predicted 2.0 ms for
    a padding of a call that took 2.1 ms in all; refitted and judged on the same runs, the
    cap took the validation median and p90 errors from 5.1 % and 16.0 % to 4.8 % and 14.3 %,
    crossovers and held-out layers unchanged.  sparse_winograd's CSR stream follows the
    same rule: with the products' cost per stored weight measured apart
    (``wsparse<tb>``), it is a plain stream (keeping the last cache's bandwidth past it,
    as it once did, took the validation p90 from 21.4 % to 23.6 % natively and the AVX2
    regime's 3x3 crossovers within +-0.1 from 75 % to 69 %, same runs)."""
    threads = max(1, profile.threads)
    team = phase.working_set_bytes * (1 if phase.shared else threads)
    level = profile.level_for(team)
    gflops = (consumed_ceiling(profile, phase.compute, phase.consumed_bytes) if phase.consumed_bytes
              else profile.compute_ceiling(phase.compute, level))
    swept = swept_bandwidth_gbs(profile, team) if level in SHARED_LEVELS else None
    bandwidth = swept if swept is not None else profile.bandwidth_gbs[level]
    items = phase.items
    factor = profile.phase_factor(kernel, phase.name)
    return PhaseTime(phase=phase, level=level,
                     compute_s=phase.flops / (gflops * 1e9),
                     memory_s=phase.bytes / (bandwidth * 1e9),
                     factor=min(factor, 1.0) if level == MEMORY_LEVEL else factor,
                     imbalance=-(-items // threads) * threads / items if items else 1.0)


def consumed_ceiling(profile: MachineProfile, name: str, consumed_bytes: float) -> float:
    """Ceiling ``name`` of a loop streaming a shared operand of ``consumed_bytes`` (dense
    Winograd's U): the profiler measured it with the operand in the last cache and past it
    (sizes in ``extra["consumed_operand_bytes"]``); between those sizes the value is
    interpolated in log size, outside them it is the nearer one.  The products' times rise
    smoothly through the last cache (batch-1 14 x 14, K = 512, C from 256 to 640: U of
    19-47 MB, ``benchmarks/weights_stream.py``); valued by the level alone, VGG-16's
    14 x 14 layers (U of 38 MB) were predicted 13-15 % slow, and interpolated, the same
    runs' 3x3 crossovers within +-0.1 went from 72 / 81 / 84 / 75 % to 81 / 84 / 88 / 88 %
    (three native reports and one AVX2, ``benchmarks/calibration_ab.py``).  A profile without
    the sizes (older profilers) or without the past-cache value takes the value of the
    level holding the operand."""
    sizes = profile.extra.get("consumed_operand_bytes") if isinstance(profile.extra, dict) else None
    by_level = profile.compute_gflops_by_level.get(name, {}) if name in profile.compute_gflops else {}
    if (not sizes or MEMORY_LEVEL not in by_level or not {"cache", "memory"} <= set(sizes)
            or not 0 < sizes["cache"] < sizes["memory"]):
        return profile.compute_ceiling(name, profile.level_for(consumed_bytes))
    # as the sweep's bandwidth (:func:`swept_bandwidth_gbs`): log size, ends held
    return float(np.interp(np.log(consumed_bytes), np.log([sizes["cache"], sizes["memory"]]),
                           [profile.compute_gflops[name], by_level[MEMORY_LEVEL]]))


def predict_work(work: WorkEstimate, profile: MachineProfile) -> Prediction:
    """Predicted time of a kernel's stated work on a machine.

    Parameters
    ----------
    work : WorkEstimate
        From ``kernel.work(layer, density)``.
    profile : MachineProfile

    Returns
    -------
    Prediction
    """
    if not isinstance(work, WorkEstimate):
        raise WinomodelError(f"work must be a WorkEstimate, got {type(work).__name__}")
    _check_profile(profile)
    if not work.phases:
        raise WinomodelError(f"kernel {work.kernel} stated no phases for {work.layer.describe()}")
    return Prediction(work=work, phases=tuple(place_phase(p, profile, work.kernel) for p in work.phases),
                      overhead_s=profile.call_overhead(work.kernel))


def predict(layer: ConvLayer, kernel, density: float, profile: MachineProfile,
            **options) -> Prediction:
    """Predicted time of ``kernel`` (name or ConvKernel) on ``layer`` at ``density``.

    Dense kernels ignore ``density`` (they do the dense work at every density).

    Raises
    ------
    UnsupportedLayerError
        If the kernel cannot run the layer.
    """
    if not isinstance(layer, ConvLayer):
        raise WinomodelError(f"layer must be a ConvLayer, got {type(layer).__name__}")
    k = _kernel(kernel)
    density = check_density(density)
    k.check_layer(layer)
    return predict_work(k.work(layer, density if k.sparse else 1.0, **options), profile)


def predict_rows(layers: Sequence[ConvLayer], densities: Iterable[float], profile: MachineProfile,
                 kernels: Optional[Sequence[str]] = None) -> List[dict]:
    """One row per (layer, kernel, density) for every kernel that supports the layer.

    Dense kernels appear in every density's rows with the same (dense) prediction, so
    each (layer, density) cell compares all kernels.  Each row also carries the
    speedup over the best dense kernel of its layer.
    """
    from ..kernels import kernel_names

    densities = [check_density(d) for d in densities]
    if not densities:
        raise WinomodelError("densities must not be empty")
    names = list(kernels) if kernels is not None else kernel_names()
    ks = [_kernel(n) for n in names]
    rows = []
    for layer in layers:
        if not isinstance(layer, ConvLayer):
            raise WinomodelError(f"layers must be ConvLayer values, got {type(layer).__name__}")
        supported = [k for k in ks if k.supports(layer)]
        dense_pred = {k.name: predict(layer, k, 1.0, profile) for k in supported if not k.sparse}
        best_dense = min((p.seconds for p in dense_pred.values()), default=float("nan"))
        for d in densities:
            for k in supported:
                p = dense_pred[k.name] if not k.sparse else predict(layer, k, d, profile)
                row = p.as_row()
                row["density"] = d
                row["layer_shape"] = layer.describe()
                row["speedup_vs_best_dense"] = best_dense / p.seconds
                rows.append(row)
    return rows


def _kernel(kernel):
    from ..kernels import ConvKernel, get_kernel

    if isinstance(kernel, ConvKernel):
        return kernel
    return get_kernel(kernel)


def _check_profile(profile) -> None:
    if not isinstance(profile, MachineProfile):
        raise WinomodelError(f"profile must be a MachineProfile, got {type(profile).__name__}")
