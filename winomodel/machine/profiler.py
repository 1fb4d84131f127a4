"""Measure this machine's roofline ceilings and keep them as a :class:`MachineProfile`.

Public API
----------
run_profile          measure now and return the profile
get_profile          load the saved profile if it fits this machine, else measure and save
machine_slug         short filesystem-safe id of this machine
reports_root, report_dir, default_profile_path
                     where reports and the profile live

What is measured (see :mod:`winomodel.machine.microbench` for the loops):

* fp32 and fp64 peak FLOP/s, one thread and all threads, next to the datasheet
  peak ``cores x SIMD lanes x FMA units x 2 x measured clock``;
* an ERT-style working-set sweep (STREAM triad ``a = b + s*c`` on each thread's
  slice; 12 bytes counted per element: two reads and one write, no write-allocate),
  levels found as plateaus and cross-checked with the OS cache sizes;
* DRAM bandwidth STREAM-style (triad, arrays >= 4x the last-level cache, best of N
  after a discarded first run; 12 bytes per element, no write-allocate);
* the inner-loop ceilings ``gemm``, ``axpy``, ``stream``, the dense Winograd
  products' ``wgemm16/32/64`` and the sparse Winograd products' ``wsparse16/32/64``
  (per stored weight) and ``wrows16/32/64`` (per row visit) of
  :data:`winomodel.work.COMPUTE_CEILINGS`.

Every point is timed with JIT compilation excluded, a minimum run time per sample
and several samples; its spread (CV) is recorded, a point noisier than
``MAX_CV`` is re-measured, and one that stays noisy is flagged in
``extra["noisy_points"]`` (and in the printed table), never silently kept.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import math
import os
import re
import time
import sys
from pathlib import Path
from typing import Callable, Dict, List, Optional

import numpy as np

from .. import _config  # noqa: F401  (sets NUMBA_SLP_VECTORIZE before numba is imported)
from ..errors import ProfileError, WinomodelError
from ..formatting import format_bytes
from ..kernels.scratch import aligned_empty, aligned_rows
from ..timing import measure
from . import microbench as mb
from .caches import cache_sizes_from_os, largest_total
from .isa import current as current_isa
from .plateaus import find_plateaus, name_levels
from .profile import LEVELS, MachineProfile, machine_fingerprint

#: a point whose samples vary more than this (CV) is re-measured, then flagged
MAX_CV = 0.05
#: re-measurements of a noisy point before it is flagged
RETRIES = 2
#: FMA latency in cycles assumed to turn the dependent-chain time into a clock
#: (4 on Intel cores since Skylake and on AMD Zen)
FMA_LATENCY_CYCLES = 4
#: least seconds one thread-team run of the sweep lasts: every run is a dispatch to the
#: team's threads (tens of microseconds), and a fixed byte count made the fastest levels'
#: runs the shortest (0.5 ms in L1).  On the 2-core Zen 4 the AVX2 regime's L1 then read
#: 538 GB/s and now 594-597 (the C triad, ``benchmarks/probes/run_probes.sh 2 avx2``: 639-670).
MIN_SWEEP_RUN_S = 2e-3

_SETTINGS = {
    # quick: coarse sweep that stops inside L3, small DRAM arrays, fewer samples
    True: dict(repeats=3, min_time=0.02, sweep_step=1.3, sweep_bytes=256e6, sweep_max=64 * 2 ** 20,
               dram_bytes=384 * 2 ** 20, dram_runs=4, peak_iters=2_000_000),
    False: dict(repeats=5, min_time=0.05, sweep_step=1.1, sweep_bytes=512e6, sweep_max=None,
                dram_bytes=None, dram_runs=6, peak_iters=4_000_000),
}


# ---------------------------------------------------------------------------
# where profiles live
# ---------------------------------------------------------------------------
def machine_slug() -> str:
    """Short filesystem-safe id of this machine, e.g. ``"intel-xeon-processor-2t"``."""
    import numba

    model = machine_fingerprint()["cpu_model"] or "unknown-cpu"
    model = re.sub(r"\((r|tm)\)|\bcpu\b|@.*$|\d+-core processor", " ", model.lower())
    slug = re.sub(r"[^a-z0-9]+", "-", model).strip("-") or "unknown-cpu"
    # a regime other than the host's own keeps its own profile and reports
    target = current_isa()
    suffix = "" if target.source == "host" else f"-{target.name}-{target.vector_bits}"
    return f"{slug}-{numba.config.NUMBA_NUM_THREADS}t{suffix}"


def reports_root() -> Path:
    """Root folder of reports: ``$WINOMODEL_REPORTS`` or ``./reports``."""
    return Path(os.environ.get("WINOMODEL_REPORTS") or "reports")


def report_dir() -> Path:
    """This machine's report folder, ``reports_root()/machine_slug()``."""
    return reports_root() / machine_slug()


def default_profile_path() -> Path:
    """Where this machine's profile is saved by default."""
    return report_dir() / "profile.json"


# ---------------------------------------------------------------------------
# public entry points
# ---------------------------------------------------------------------------
def get_profile(path=None, *, quick: bool = False, force: bool = False, threads: Optional[int] = None,
                progress: bool = True, calibrate: bool = True,
                before_timing: Optional[Callable[[], None]] = None) -> MachineProfile:
    """The machine profile at ``path``, measured and saved first if needed.

    A saved profile is reused when its fingerprint matches this machine and
    setup (thread count included) and it is at least as thorough as asked (a
    quick profile does not stand in for a full one).  Otherwise, or with
    ``force``, the machine is measured and the profile saved to ``path``.

    Parameters
    ----------
    path : path-like, optional
        Profile JSON; default :func:`default_profile_path`.
    quick, threads, progress
        As in :func:`run_profile`.
    force : bool
        Measure even if a matching profile exists.
    calibrate : bool
        Also make sure the profile carries a current calibration
        (:mod:`winomodel.machine.calibration`; redone when the kernels' code changed
        or a quick one stands in for a full one) and save it.
    before_timing : callable, optional
        Called before any measurement starts (after the profiler compiled its
        microbenchmarks), e.g. to wait for a background compile
        (:class:`winomodel.kernels.warmup.BackgroundCompile`).

    Raises
    ------
    ProfileError
        If the saved file is corrupt, truncated, foreign or of a future schema
        (it is not overwritten silently: use ``force``).
    """
    path = Path(path) if path is not None else default_profile_path()
    threads = _check_threads(threads)
    profile = None
    if not force and path.exists():
        profile = load_matching(path, quick=quick, threads=threads)
    if profile is None:
        profile = run_profile(quick=quick, threads=threads, progress=progress,
                              before_timing=before_timing)
        profile.save(path)
    if calibrate and not calibration_is_current(profile, quick=quick):
        if before_timing is not None:
            before_timing()
        profile = calibrate_profile(profile, quick=quick, threads=threads, progress=progress)
        profile.save(path)
    return profile


def calibration_is_current(profile: MachineProfile, *, quick: bool = False) -> bool:
    """Whether ``profile``'s calibration was made with this code's kernels, on at least
    the grid asked for (a quick calibration does not stand in for a full one)."""
    cal = profile.calibration
    return (profile.calibrated and cal.get("kernels_code") == kernels_code_fingerprint()
            and (quick or not cal.get("quick")))


def calibrate_profile(profile: MachineProfile, *, quick: bool = False, threads: Optional[int] = None,
                      progress: bool = True) -> MachineProfile:
    """``profile`` with a fresh calibration (see :func:`winomodel.machine.calibration.calibrate`)."""
    import numba

    from .calibration import calibrate

    threads = _check_threads(threads)
    before = numba.get_num_threads()
    numba.set_num_threads(threads)
    say = (lambda msg: print(f"calibration {msg}", file=sys.stderr, flush=True)) if progress else None
    try:
        t0 = time.perf_counter()
        cal = calibrate(profile, quick=quick, progress=say)
    finally:
        numba.set_num_threads(before)
    cal["kernels_code"] = kernels_code_fingerprint()
    cal["wall_seconds"] = round(time.perf_counter() - t0, 1)
    return dataclasses.replace(profile, calibration=cal)


def kernels_code_fingerprint() -> str:
    """Hash of the kernels' source files and of the calibration's and the model's: a
    calibration is only valid for the code it timed and the raw phase times it fitted."""
    import hashlib

    from .. import kernels, work
    from ..model import fit, predict
    from . import calibration

    digest = hashlib.sha1()
    for f in (sorted(Path(kernels.__file__).parent.glob("*.py"))
              + [Path(m.__file__) for m in (calibration, fit, predict, work)]):
        digest.update(f.name.encode())
        digest.update(f.read_bytes())
    return digest.hexdigest()[:16]


def run_profile(*, quick: bool = False, threads: Optional[int] = None,
                progress: bool = True,
                before_timing: Optional[Callable[[], None]] = None) -> MachineProfile:
    """Measure this machine's ceilings now.

    Parameters
    ----------
    quick : bool
        Coarser sweep (stops inside the last cache), smaller DRAM arrays (recorded
        in ``extra["dram_note"]``), fewer samples: well under a minute.
    threads : int, optional
        Threads for the all-thread ceilings (default: all Numba threads).
    progress : bool
        Show progress on stderr.
    before_timing : callable, optional
        Called once the microbenchmarks are compiled, before the first measurement.

    Returns
    -------
    MachineProfile
    """
    threads = _check_threads(threads)
    import numba

    before = numba.get_num_threads()
    numba.set_num_threads(threads)
    try:
        with _Progress(progress) as bar, mb.ThreadTeam(threads) as team:
            return _Profiler(quick=bool(quick), threads=threads, bar=bar, team=team,
                             before_timing=before_timing).run()
    finally:
        numba.set_num_threads(before)


# ---------------------------------------------------------------------------
# the measurement
# ---------------------------------------------------------------------------
class _Profiler:
    # Each timed call does milliseconds of work per thread (trips chosen so), so
    # that handing the call to the thread team (tens of microseconds) stays noise.
    def __init__(self, *, quick: bool, threads: int, bar: "_Progress", team: "mb.ThreadTeam",
                 before_timing: Optional[Callable[[], None]] = None):
        self.before_timing = before_timing
        self.quick = quick
        self.threads = threads
        self.team = team
        self.bar = bar
        self.cfg = _SETTINGS[quick]
        self.noisy: List[str] = []
        self.points: Dict[str, dict] = {}
        #: bytes of the shared operand the products' ceilings were measured with, in the
        #: last cache and past it (:meth:`winograd_products_cases`)
        self.consumed_operand_bytes: Dict[str, float] = {}

    # -- timing ------------------------------------------------------------------
    def rate(self, name: str, fn: Callable[[], object], work: float, *, use_best: bool = True,
             repeats: Optional[int] = None) -> float:
        """Units of ``work`` per second / 1e9 of ``fn``; re-measured if noisy, flagged if it stays so."""
        repeats = repeats or self.cfg["repeats"]
        best = None
        for attempt in range(RETRIES + 1):
            t = measure(fn, repeats=repeats, min_time=self.cfg["min_time"], warmup=1)
            if best is None or t.cv < best.cv:
                best = t
            if t.cv <= MAX_CV:
                break
        seconds = best.best if use_best else best.median
        value = work / seconds / 1e9
        noisy = best.cv > MAX_CV
        if noisy:
            self.noisy.append(name)
        self.points[name] = {"value": value, "cv": round(best.cv, 4), "samples": len(best.samples),
                             "calls_per_sample": best.calls_per_sample, "noisy": noisy,
                             "statistic": "best" if use_best else "median"}
        return value

    # -- stages ------------------------------------------------------------------
    def run(self) -> MachineProfile:
        t_start = time.perf_counter()
        os_caches = cache_sizes_from_os()
        self.bar.stage("compiling microbenchmarks (not timed)")
        self.compile_all()
        if self.before_timing is not None:
            self.bar.stage("waiting for the kernels' background compile (not timed)")
            self.before_timing()

        self.bar.stage("clock and FLOP peaks")
        clock_ghz = self.measure_clock()
        peaks = {}
        for dtype, key in (("float32", "fp32"), ("float64", "fp64")):
            for t in (1, self.threads):
                peaks[f"{key}_{t}t"] = self.measure_peak(dtype, t)
        theory = self.theoretical_peaks(clock_ghz)

        self.bar.stage("working-set sweep")
        sweep = self.sweep_result = self.measure_sweep(os_caches)
        self.bar.stage("DRAM (STREAM triad)")
        dram, dram_note, dram_bytes = self.measure_dram(os_caches)

        self.bar.stage("inner-loop ceilings")
        ceilings, by_level = self.measure_inner_loops()

        import psutil

        memory_bytes = float(psutil.virtual_memory().total)
        os_totals = self.os_cache_totals(os_caches)
        plateaus = find_plateaus(sweep["size_bytes"], sweep["gbs"])
        levels = name_levels(plateaus, os_totals, memory_bytes=memory_bytes)
        bandwidth, capacity, level_notes = self.assemble_levels(levels, os_totals, dram, memory_bytes)

        fp32 = peaks[f"fp32_{self.threads}t"]
        warnings = [f"{key} peak {peaks[f'{key}_{self.threads}t']:.1f} GFLOP/s is under a quarter of the "
                    f"datasheet peak {theory[f'{key}_gflops']:.1f}: the chains were probably not packed "
                    f"into SIMD registers (or the machine was busy); treat it as a lower bound"
                    for key in ("fp32", "fp64")
                    if peaks[f"{key}_{self.threads}t"] < 0.25 * theory[f"{key}_gflops"]]
        # above the datasheet: the compiler removed work from the chains (or the clock
        # or FMA-unit count behind the datasheet figure is off); the model's ceilings
        # would be too high
        warnings += [f"{key} peak {peaks[f'{key}_{self.threads}t']:.1f} GFLOP/s exceeds the datasheet "
                     f"peak {theory[f'{key}_gflops']:.1f} by more than 20 %: check the FMA-chain "
                     f"kernel's assembly; treat the peak with suspicion"
                     for key in ("fp32", "fp64")
                     if peaks[f"{key}_{self.threads}t"] > 1.2 * theory[f"{key}_gflops"]]
        compute = {"fma_peak": fp32, **ceilings}
        fingerprint = machine_fingerprint(self.threads)
        fingerprint["date"] = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
        extra = {
            "quick": self.quick,
            "wall_seconds": round(time.perf_counter() - t_start, 1),
            "peak_gflops_detail": peaks,
            "theoretical": theory,
            "byte_counting": ("reads + writes, no write-allocate traffic: the sweep and the DRAM "
                              "STREAM triad count 12 B per fp32 element (a = b + s*c)"),
            "sweep": sweep,
            "plateaus": [dataclasses.asdict(p) for p in plateaus],
            "levels": levels,
            "level_notes": level_notes,
            "os_cache_bytes_for_threads": os_totals,
            "dram_triad_gbs": dram,
            "dram_array_bytes": dram_bytes,
            "dram_note": dram_note,
            "points": self.points,
            "consumed_operand_bytes": self.consumed_operand_bytes,
            "noisy_points": self.noisy,
            "warnings": warnings,
            "max_cv": MAX_CV,
            "load_average": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
        }
        return MachineProfile(peak_gflops={"fp32": fp32, "fp64": peaks[f"fp64_{self.threads}t"]},
                              bandwidth_gbs=bandwidth, level_capacity_bytes=capacity,
                              compute_gflops=compute, compute_gflops_by_level=by_level,
                              threads=self.threads, fingerprint=fingerprint, extra=extra)

    def compile_all(self):
        for dtype in mb.FMA_CHAINS:
            mb.fma_chains_kernel(dtype)(1, 1.0)
        mb.clock_chain_kernel(1, 0.5, 0.5)
        x = np.ones(64, np.float32)
        mb.sweep_kernel(x, 1, np.float32(0.5))
        mb.triad_kernel(x[:16], x[16:32], x[32:48], np.float32(0.5))
        self.inner_loop_cases(compile_only=True)
        for _, _, _, fn, _, _ in self.sparse_products_runs(compile_only=True):
            fn()

    def measure_clock(self) -> float:
        iters = self.cfg["peak_iters"] * 10
        ghz_per_latency = self.rate("clock_chain", lambda: mb.clock_chain_kernel(iters, 0.9999, 1e-4), iters)
        return ghz_per_latency * FMA_LATENCY_CYCLES

    def measure_peak(self, dtype: str, threads: int) -> float:
        kernel = mb.fma_chains_kernel(dtype)
        iters = self.cfg["peak_iters"]
        flops = 2.0 * mb.FMA_CHAINS[dtype] * iters * threads
        args = [(iters, 1.0 + t * 1e-3) for t in range(threads)]
        self.bar.note(f"{dtype} peak, {threads} thread(s)")
        return self.rate(f"peak_{dtype}_{threads}t", lambda: self.team.run(kernel, args), flops)

    def theoretical_peaks(self, clock_ghz: float) -> dict:
        # the vectors Numba's code uses (the regime's, not every flag the CPU has), at the
        # width the units execute them
        target = current_isa()
        simd_bits = target.datapath_bits
        # The OS does not report FMA units per core.  Server cores with AVX-512
        # (Xeon Scalable) and recent desktop cores have two; we assume two where
        # FMA exists and say so.
        fma_units = 2 if target.fma else 1
        flops_per_fma = 2 if target.fma else 1
        out = {"clock_ghz_measured": clock_ghz, "simd_bits": simd_bits, "fma_units_assumed": fma_units,
               "cores": self.threads, "cpuinfo_mhz": _cpuinfo_mhz(),
               "formula": "cores x (simd_bits/element_bits) x fma_units x 2 x clock"}
        for key, bits in (("fp32", 32), ("fp64", 64)):
            out[f"{key}_gflops"] = self.threads * simd_bits / bits * fma_units * flops_per_fma * clock_ghz
        return out

    def sweep_sizes(self, os_caches) -> np.ndarray:
        lo = 4 * 1024 * self.threads   # well inside L1, so L1 gets enough points
        hi = self.cfg["sweep_max"]
        if hi is None:   # full: up to 4x the last-level cache (at most a quarter of memory)
            import psutil

            llc = largest_total(os_caches)
            hi = min(4 * llc, psutil.virtual_memory().total / 4)
        n = int(math.ceil(math.log(hi / lo) / math.log(self.cfg["sweep_step"]))) + 1   # last >= hi
        sizes = lo * self.cfg["sweep_step"] ** np.arange(n)
        quantum = 3 * 64 * self.threads          # each thread's triad thirds: whole cache lines
        return np.unique((sizes // quantum).astype(np.int64) * quantum)

    def measure_sweep(self, os_caches) -> dict:
        sizes = self.sweep_sizes(os_caches)
        # 64-byte (cache-line) aligned: numpy's large buffers start 16 B past a line, so
        # every 64-byte (zmm) load/store split two lines and L1 measured half its bandwidth
        # (one thread, 16 KiB: 143 GB/s misaligned vs 294 GB/s aligned).  Thread slices
        # and their triad thirds are whole multiples of 64 B (sweep_sizes), so they stay
        # aligned too.
        x = aligned_empty((int(sizes[-1]) // 4,), np.float32)
        # first touch by the threads that use the pages, then a value that stays normal
        self.team.run(mb.triad_kernel, [(c, c, c, np.float32(0.0)) for c in self.chunks(x)])
        x[:] = 1.0
        scalar = np.float32(0.5)
        out = {"size_bytes": [], "gbs": [], "cv": [], "trips": []}
        self.bar.start_points(len(sizes))
        for size in sizes:
            n = int(size) // 4
            trips = max(1, int(round(self.cfg["sweep_bytes"] / (4 * n))))
            trips = self.sweep_trips(x[:n], trips, scalar)
            args = [(xs, trips, scalar) for xs in self.chunks(x[:n])]
            moved = 4.0 * sum(3 * (xs.shape[0] // 3) for xs, _, _ in args) * trips
            gbs = self.rate(f"sweep_{int(size)}", lambda: self.team.run(mb.sweep_kernel, args), moved)
            out["size_bytes"].append(float(size))
            out["gbs"].append(gbs)
            out["cv"].append(self.points[f"sweep_{int(size)}"]["cv"])
            out["trips"].append(trips)
            self.bar.advance(f"sweep {format_bytes(size)}: {gbs:.0f} GB/s")
        self.bar.end_points()
        return out

    def sweep_trips(self, x, trips, scalar) -> int:
        """``trips`` raised so that one team run over ``x`` lasts :data:`MIN_SWEEP_RUN_S`
        (timed once, after a warm-up run)."""
        args = [(xs, trips, scalar) for xs in self.chunks(x)]
        self.team.run(mb.sweep_kernel, args)
        t0 = time.perf_counter()
        self.team.run(mb.sweep_kernel, args)
        seconds = time.perf_counter() - t0
        if seconds >= MIN_SWEEP_RUN_S:
            return trips
        return int(math.ceil(trips * MIN_SWEEP_RUN_S / max(seconds, 1e-6)))

    def measure_dram(self, os_caches):
        llc = largest_total(os_caches)
        total = self.cfg["dram_bytes"] or 4 * llc
        note = ("STREAM triad, 3 arrays totalling {} = {:.1f}x the last-level cache"
                .format(format_bytes(total), total / llc))
        if total < 4 * llc:
            note += " (quick profile: below STREAM's 4x rule, the value may be inflated by the cache)"
        n = int(total // 12)
        a = np.empty(n, np.float32)
        b = np.empty(n, np.float32)
        c = np.empty(n, np.float32)
        for arr in (a, b, c):   # first touch by the threads that will use the pages
            self.team.run(mb.triad_kernel, [(ch, ch, ch, np.float32(0.0)) for ch in self.chunks(arr)])
        b[:] = 1.0
        c[:] = 2.0
        args = list(zip(self.chunks(a), self.chunks(b), self.chunks(c), [np.float32(0.5)] * self.threads))
        self.team.run(mb.triad_kernel, args)   # discarded first run
        runs = []
        for _ in range(self.cfg["dram_runs"]):
            t0 = time.perf_counter()
            self.team.run(mb.triad_kernel, args)
            runs.append(time.perf_counter() - t0)
        gbs = 12.0 * n / min(runs) / 1e9
        cv = float(np.std(runs) / np.mean(runs))
        self.points["dram_triad"] = {"value": gbs, "cv": round(cv, 4), "samples": len(runs),
                                     "statistic": "best", "noisy": False}
        self.bar.note(f"DRAM triad {gbs:.1f} GB/s")
        return gbs, note, float(12 * n)

    def inner_loop_cases(self, compile_only: bool = False):
        """(name, level, callable, flops) of each inner-loop ceiling."""
        T = 1 if compile_only else self.threads
        rng = np.random.default_rng(0)
        cases = []
        # axpy and gemm: the direct kernels' own micro-kernels on synthetic operands -- a
        # pixel block of accumulators in registers fed from an input of the level's size
        # at random, unaligned offsets (as tap offsets are), 256 weights (taps) per call
        from ..kernels._direct_common import DENSE_BLOCK, DENSE_ROWS, SPARSE_BLOCK

        n_taps = 256
        for level, x_floats in (("L1", 4096), ("L2", 256 * 1024)):
            if compile_only and level == "L2":
                continue
            x = rng.random((T, x_floats + SPARSE_BLOCK), dtype=np.float32)
            offsets = rng.integers(0, x_floats, n_taps).astype(np.int64)
            values = rng.random(n_taps, dtype=np.float32)
            weights = rng.random((n_taps, DENSE_ROWS), dtype=np.float32)
            acc1 = np.zeros((T, SPARSE_BLOCK), np.float32)
            acc_dense = np.zeros((T, DENSE_ROWS, DENSE_BLOCK), np.float32)
            trips = 1 if compile_only else max(1, int(1e8 // (SPARSE_BLOCK * n_taps)))
            cases.append(("axpy", level, self.bind(mb.axpy_kernel, [(acc1[t], x[t], values, offsets, trips)
                                                                   for t in range(T)]),
                          2.0 * SPARSE_BLOCK * n_taps * trips * T))
            trips_dense = 1 if compile_only else max(1, int(4e8 // (DENSE_ROWS * DENSE_BLOCK * n_taps)))
            cases.append(("gemm", level, self.bind(mb.gemm_kernel, [(acc_dense[t], x[t], weights, offsets,
                                                                    trips_dense) for t in range(T)]),
                          2.0 * DENSE_ROWS * DENSE_BLOCK * n_taps * trips_dense * T))
        cases += self.winograd_products_cases(T, compile_only, rng)
        # stream: F(2,3)-input-transform-shaped add/sub rows, 31.5 KiB per thread in one
        # cache-aligned buffer, rows 64 B short of 4 KiB: with 4 KiB rows in two separate
        # arrays a row's loads aliased the stores of the row 4 KiB away (the store
        # buffer's 4K check), and the ceiling moved with where NumPy put the arrays:
        # 5.9-16.2 GFLOP/s on one Zen 4 core over 12 allocations, 27.6 in this layout
        length = 1008
        rows = []
        for _ in range(T):
            buf = aligned_empty((8, length))
            buf[:] = rng.random((8, length), dtype=np.float32)
            rows.append((buf[:4], buf[4:]))
        trips = 1 if compile_only else 16000
        cases.append(("stream", "L1", self.bind(mb.stream_transform_kernel,
                                                [(d, o, trips) for d, o in rows]),
                      4.0 * length * trips * T))
        if compile_only:
            for _, _, fn, _ in cases:
                fn()
        return cases

    def winograd_products_cases(self, T, compile_only, rng):
        """(name, level, callable, flops) of the dense Winograd products at each block width,
        F(4, 3)'s 36 positions, each thread its own V and M and all of one shared U, as the
        fused path's blocks run: U in the last cache (``None``: the ceiling itself; at most
        9.4 MB, a third of that cache) and twice that cache's size (the memory level's).
        A narrow block's broadcast of each weight outruns the stream from memory: 512 x 512
        (38 MB U) at tb 16 ran 1.4x slower than 256 x 256 (9.4 MB) on a 32 MiB L3."""
        from ..kernels import _winograd_common as wc
        from ..work import BLOCK_WIDTHS, winograd_products_ceiling

        a2 = 36
        llc = largest_total(cache_sizes_from_os())
        cases = []
        for level, u_bytes in ((None, min(9.4e6, llc / 3)), ("DRAM", 2 * llc)):
            if compile_only and level is not None:
                continue
            side = max(16, int(math.sqrt(u_bytes / (4 * a2))) // 16 * 16)  # K = C/g = side
            u = wc.pack_panels(rng.random((1, a2, side, side), dtype=np.float32))
            col_ranges = np.tile(np.array([0, side], dtype=np.int64), (a2, 1))
            self.consumed_operand_bytes["memory" if level else "cache"] = 4.0 * a2 * side * side
            for tb in BLOCK_WIDTHS:
                if compile_only and tb > 16:
                    continue
                kc = wc.k_chunk(side, 4, tb)
                v = [aligned_rows(a2, side * tb + wc.ROW_PAD) for _ in range(T)]
                m = [aligned_rows(a2, kc * tb + wc.ROW_PAD) for _ in range(T)]
                for vt in v:
                    vt[:] = rng.random(vt.shape, dtype=np.float32)
                flops = 2.0 * side * side * a2 * tb
                trips = 1 if compile_only else max(1, int(4e8 // flops))
                cases.append((winograd_products_ceiling(tb), level,
                              self.bind(mb.winograd_products_kernel,
                                        [(u, v[t], m[t], col_ranges, side, tb, kc, trips)
                                         for t in range(T)]),
                              flops * trips * T))
        return cases

    #: mean stored weights per row of the short and the long rows of
    #: :meth:`sparse_products_runs` (the long ones: half the window's columns)
    SPARSE_SHORT_ROW = 6

    def sparse_products_runs(self, compile_only: bool = False):
        """``(tb, kind, rows, callable, weights, trips)`` per block width and row kind
        (``"short"``, ``"long"``): the sparse Winograd products' micro-kernels over 64 CSR
        rows of one position, random sorted columns in one window of V of
        :func:`~winomodel.kernels._winograd_common.v_window_bytes` (as the kernel sizes its
        windows), row lengths uniform around a mean, the CSR shared by the threads and each
        thread its own V and M.  ``rows`` and ``weights`` are per thread and trip."""
        from ..kernels import _winograd_common as wc
        from ..work import BLOCK_WIDTHS

        T = 1 if compile_only else self.threads
        rng = np.random.default_rng(1)
        rows = 64
        runs = []
        for tb in BLOCK_WIDTHS:
            if compile_only and tb > 16:
                continue
            cols = wc.v_window_bytes() // (4 * tb)
            v = [aligned_rows(1, cols * tb + wc.ROW_PAD) for _ in range(T)]
            m = [aligned_rows(1, rows * tb + wc.ROW_PAD) for _ in range(T)]
            for vt in v:
                vt[:] = rng.random(vt.shape, dtype=np.float32)
            for kind, mean in (("short", self.SPARSE_SHORT_ROW), ("long", cols // 2)):
                lengths = rng.integers(1, 2 * mean, rows)
                indices = np.concatenate([np.sort(rng.choice(cols, n, replace=False))
                                          for n in lengths]).astype(np.int32)
                indptr = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
                values = rng.random(indices.size, dtype=np.float32)
                bounds, indices, values = wc.window_major(indptr, indices, values, cols, 1, rows)
                # about 2e6 weights' or visits' worth per call: milliseconds per thread
                trips = 1 if compile_only else max(1, int(2e6 // (indices.size + 16 * rows)))
                fn = self.bind(mb.winograd_sparse_products_kernel,
                               [(bounds, indices, values, v[t], m[t], rows, tb, trips) for t in range(T)])
                runs.append((tb, kind, rows, fn, int(indices.size), trips))
        return runs

    def sparse_products_ceilings(self) -> Dict[str, float]:
        """``wsparse<tb>`` and ``wrows<tb>`` (GFLOP/s of the team): per block width, the
        short- and long-row runs of :meth:`sparse_products_runs` solved for the time per
        stored weight and per row visit (``t = visits * t_visit + weights * t_weight``),
        each turned into a rate of 2 * tb flops per weight or visit."""
        times: Dict[tuple, tuple] = {}
        for tb, kind, rows, fn, weights, trips in self.sparse_products_runs():
            self.bar.note(f"wsparse{tb}, {kind} rows")
            per_trip = 1.0 / (1e9 * self.rate(f"wsparse{tb}_{kind}_rows", fn, float(trips)))
            times[(tb, kind)] = (per_trip, rows, weights)
        out = {}
        for tb in sorted({tb for tb, _ in times}):
            (t_s, rows, w_s), (t_l, _, w_l) = times[(tb, "short")], times[(tb, "long")]
            t_weight = max((t_l - t_s) / (w_l - w_s), 1e-12)
            # a visit costs at least what a weight does: noise must not make it free
            t_visit = max((t_s - w_s * t_weight) / rows, t_weight)
            out[f"wsparse{tb}"] = self.threads * 2.0 * tb / t_weight / 1e9
            out[f"wrows{tb}"] = self.threads * 2.0 * tb / t_visit / 1e9
        return out

    def level_from_os_range(self, name, os_totals):
        """(median GB/s, OS size, points) of the sweep points between the previous cache's
        OS size and this one's (the middle half of that range, away from transitions)."""
        names = sorted(os_totals, key=lambda k: int(k[1:]))
        hi = os_totals[name]
        lo = os_totals[names[names.index(name) - 1]] if names.index(name) > 0 else 0.0
        sizes = np.asarray(self.sweep_result["size_bytes"])
        gbs = np.asarray(self.sweep_result["gbs"])
        inside = (sizes > lo * 1.2) & (sizes < hi * 0.8)
        if not inside.any():
            return None, None, 0
        return float(np.median(gbs[inside])), float(hi), int(inside.sum())

    def chunks(self, arr):
        """``arr`` split into one contiguous slice per thread (equal, multiples of 16)."""
        per = (arr.shape[0] // (16 * self.threads)) * 16
        return [arr[t * per:(t + 1) * per] for t in range(self.threads)]

    def bind(self, fn, per_thread_args):
        """A no-argument callable running ``fn`` on every thread's arguments at once."""
        return lambda: self.team.run(fn, per_thread_args)

    def measure_inner_loops(self):
        ceilings, by_level = {}, {}
        for name, level, fn, flops in self.inner_loop_cases():
            self.bar.note(f"{name} from {level}" if level else name)
            value = self.rate(f"{name}_{level}" if level else name, fn, flops)
            if level is None:  # one ceiling, operands where the real loop keeps them
                ceilings[name] = value
                continue
            by_level.setdefault(name, {})[level] = value
            if level == "L1":
                ceilings[name] = value
        ceilings.update(self.sparse_products_ceilings())
        return ceilings, by_level

    def os_cache_totals(self, os_caches) -> Dict[str, float]:
        """Bytes of each cache level the measuring threads can use together."""
        totals = {}
        for level, info in os_caches.items():
            instances = max(1, int(info.get("instances", 1)))
            # private caches: one per core; the threads use min(threads, instances) of them
            totals[level] = float(info["size"]) * min(instances, self.threads)
        return totals

    def assemble_levels(self, levels, os_totals, dram_gbs, memory_bytes):
        """bandwidth_gbs and level_capacity_bytes in LEVELS order, plus notes on each level."""
        bandwidth, capacity, notes = {}, {}, {}
        for name in LEVELS:
            if name == "DRAM":
                bandwidth["DRAM"] = dram_gbs
                capacity["DRAM"] = memory_bytes
                if "DRAM" in levels:
                    notes["DRAM"] = (f"sweep plateau {levels['DRAM']['bandwidth']:.1f} GB/s beyond "
                                     f"{format_bytes(levels['DRAM']['size_lo'])}; value is the STREAM triad")
                else:
                    notes["DRAM"] = "not reached by the sweep; value is the STREAM triad"
                continue
            if name in levels:
                info = levels[name]
                bandwidth[name] = info["bandwidth"]
                capacity[name] = info["capacity"]
                notes[name] = ("agrees with OS size" if info["agrees"] else
                               f"DISAGREES with OS size {format_bytes(info['os_bytes'] or 0)}")
            elif name in os_totals:
                # no clean plateau (noise, or a level the sweep could not resolve):
                # fall back on the sweep points inside the level's OS size range
                bw, cap, n = self.level_from_os_range(name, os_totals)
                if bw:
                    bandwidth[name], capacity[name] = bw, cap
                    notes[name] = (f"NO PLATEAU found: median of {n} sweep point(s) inside the OS "
                                   f"size range; capacity = OS size")
        return bandwidth, capacity, notes




def _check_threads(threads) -> int:
    import numba

    available = numba.config.NUMBA_NUM_THREADS
    if threads is None:
        return int(numba.get_num_threads())
    if isinstance(threads, bool) or not isinstance(threads, (int, np.integer)) or not 1 <= threads <= available:
        raise WinomodelError(f"threads must be an integer in 1..{available}, got {threads!r}")
    return int(threads)


def load_matching(path, *, quick: bool = False, threads: Optional[int] = None) -> Optional[MachineProfile]:
    """The profile at ``path`` if it fits this machine, thread count and thoroughness, else None.

    Raises
    ------
    ProfileError
        If the file is missing, corrupt, truncated, foreign or of a future schema.
    """
    threads = _check_threads(threads)
    profile = MachineProfile.load(path, check_machine=False)   # corrupt/foreign/future: raises
    from .profile import fingerprint_mismatch

    if fingerprint_mismatch(profile.fingerprint, machine_fingerprint(threads)):
        return None
    if profile.extra.get("quick") and not quick:
        return None
    return profile


def _cpuinfo_mhz() -> Optional[float]:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("cpu MHz"):
                    return float(line.split(":")[1])
    except (OSError, ValueError):
        pass
    return None



class _Progress(contextlib.AbstractContextManager):
    """Progress on stderr with rich (a no-op when disabled)."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self._progress = None
        self._task = None
        self._t0 = time.perf_counter()

    def __enter__(self):
        if self.enabled:
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

            self._progress = Progress(TextColumn("{task.description}"), BarColumn(),
                                      TextColumn("{task.completed}/{task.total}"), TimeElapsedColumn(),
                                      console=Console(stderr=True), transient=True)
            self._progress.start()
        return self

    def __exit__(self, *exc):
        if self._progress is not None:
            self._progress.stop()
        return False

    def stage(self, text: str):
        if self._progress is not None:
            self._progress.console.print(f"[bold]{time.perf_counter() - self._t0:6.1f}s[/] {text}")

    def note(self, text: str):
        if self._progress is not None:
            self._progress.console.print(f"        {text}", highlight=False)

    def start_points(self, total: int):
        if self._progress is not None:
            self._task = self._progress.add_task("sweep", total=total)

    def advance(self, text: str):
        if self._progress is not None and self._task is not None:
            self._progress.update(self._task, advance=1, description=text)

    def end_points(self):
        if self._progress is not None and self._task is not None:
            self._progress.remove_task(self._task)
            self._task = None


__all__ = ["run_profile", "get_profile", "load_matching", "machine_slug", "reports_root", "report_dir",
           "default_profile_path", "ProfileError"]

