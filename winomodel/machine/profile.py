"""The machine profile: measured roofline ceilings of one machine, saved as JSON.

The profiler (:mod:`winomodel.machine.profiler`) fills a :class:`MachineProfile`;
the performance model reads it.  Files carry a schema version and the machine's
fingerprint, and a profile is only reused on the machine it was measured on.

Units: GFLOP/s and GB/s are 10^9 per second; capacities are bytes.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import json
import math
import os
import platform
from pathlib import Path
from typing import Dict, Optional

from ..errors import ProfileError
from ..fileio import write_json
from ..work import CEILING_FALLBACK, COMPUTE_CEILINGS
from .caches import cache_sizes_from_os

#: bump when the JSON layout changes incompatibly
SCHEMA_VERSION = 1
#: marks the JSON as ours (a foreign JSON file is refused)
FORMAT_TAG = "winomodel-machine-profile"
#: memory levels, fastest first
LEVELS = ("L1", "L2", "L3", "DRAM")
#: fingerprint keys that must match for a profile to be reused
#: ``vector_isa`` is the target Numba compiles for (name, width, registers): a profile
#: measured with AVX-512 code does not stand for an AVX2-regime run on the same CPU;
#: ``kernels`` is the code the ceilings and the calibration measured (:func:`kernels_hash`)
FINGERPRINT_KEYS = ("cpu_model", "isa_flags_hash", "threads", "cache_sizes", "numba", "llvmlite",
                    "vector_isa", "kernels")
#: the package's files whose code a profile's ceilings and calibration measure: the kernels
#: (with their work counts), the profiler's micro-kernels, the calibration, the phases
KERNEL_SOURCES = ("kernels/*.py", "machine/microbench.py", "machine/calibration.py", "work.py")


def positive(value, what: str) -> None:
    """Raise :class:`ProfileError` unless ``value`` is a finite number > 0."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or value <= 0:
        raise ProfileError(f"profile field {what} must be a finite positive number, got {value!r}")


def table(value, what: str) -> None:
    """Raise :class:`ProfileError` unless ``value`` is a JSON object (dict) with text keys."""
    if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
        raise ProfileError(f"profile field {what} must be a table (JSON object), "
                           f"got {type(value).__name__} {_short(value)}")


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


@dataclasses.dataclass
class MachineProfile:
    """Roofline ceilings of a machine.

    Attributes
    ----------
    peak_gflops : dict
        ``{"fp32": x, "fp64": y}``: empirical FLOP/s peak on all threads used.
    bandwidth_gbs : dict
        Bandwidth of each memory level found, fastest first, e.g.
        ``{"L1": .., "L2": .., "L3": .., "DRAM": ..}`` (all threads; reads + writes
        counted, no write-allocate).
    level_capacity_bytes : dict
        Largest working set (all threads together) each level serves at its
        bandwidth; ``DRAM`` is the memory size.  The model places a phase on the
        first level whose capacity holds its working set.
    compute_gflops : dict
        fp32 ceilings of inner-loop shapes, all threads, operands in L1, keyed by
        :data:`winomodel.work.COMPUTE_CEILINGS` (``fma_peak``, ``gemm``, ``axpy``, ``stream``;
        ``wgemm16/32/64`` optional).
    compute_gflops_by_level : dict
        Optional refinement: ``{"axpy": {"L1": .., "L2": ..}, ...}`` for ceilings measured
        with their operands streamed from a given level.
    threads : int
        Threads the measurements used.
    fingerprint : dict
        Machine identity (see :func:`machine_fingerprint`).
    extra : dict
        Everything else the profiler recorded (single-thread peaks, theoretical
        peaks, sweep points, spreads, byte-counting convention...).
    calibration : dict
        Optional (empty: the pure roofline).  ``{"factors": {kernel: {phase: f}}, ...}``
        from :func:`winomodel.machine.calibration.calibrate`: each phase's roofline
        time is multiplied by ``f``, fitted on calibration layers disjoint from the
        validation layers.
    """

    peak_gflops: Dict[str, float]
    bandwidth_gbs: Dict[str, float]
    level_capacity_bytes: Dict[str, float]
    compute_gflops: Dict[str, float]
    threads: int
    fingerprint: Dict[str, object]
    compute_gflops_by_level: Dict[str, Dict[str, float]] = dataclasses.field(default_factory=dict)
    extra: Dict[str, object] = dataclasses.field(default_factory=dict)
    calibration: Dict[str, object] = dataclasses.field(default_factory=dict)
    created: str = dataclasses.field(
        default_factory=lambda: datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"))

    def __post_init__(self):
        self.validate()

    # ---- checks ----------------------------------------------------------------
    def validate(self) -> None:
        """Raise :class:`ProfileError` naming the field if a table is not a table, a ceiling
        is missing, not a finite positive number, or a count is not a positive integer."""
        table(self.peak_gflops, "peak_gflops")
        for key in ("fp32", "fp64"):
            if key not in self.peak_gflops:
                raise ProfileError(f"profile lacks peak_gflops.{key}")
            positive(self.peak_gflops[key], f"peak_gflops.{key}")
        table(self.bandwidth_gbs, "bandwidth_gbs")
        table(self.level_capacity_bytes, "level_capacity_bytes")
        if not self.bandwidth_gbs:
            raise ProfileError("profile has no memory level in bandwidth_gbs")
        for level, bw in self.bandwidth_gbs.items():
            positive(bw, f"bandwidth_gbs.{level}")
            if level not in self.level_capacity_bytes:
                raise ProfileError(f"profile lacks level_capacity_bytes.{level}")
            positive(self.level_capacity_bytes[level], f"level_capacity_bytes.{level}")
        table(self.compute_gflops, "compute_gflops")
        for name in COMPUTE_CEILINGS:
            if name in CEILING_FALLBACK and name not in self.compute_gflops:
                continue
            if name not in self.compute_gflops:
                raise ProfileError(f"profile lacks compute_gflops.{name}")
            positive(self.compute_gflops[name], f"compute_gflops.{name}")
        table(self.compute_gflops_by_level, "compute_gflops_by_level")
        for name, by_level in self.compute_gflops_by_level.items():
            table(by_level, f"compute_gflops_by_level.{name}")
            for level, value in by_level.items():
                positive(value, f"compute_gflops_by_level.{name}.{level}")
        if isinstance(self.threads, bool) or not isinstance(self.threads, int) or self.threads < 1:
            raise ProfileError(f"profile field threads must be a positive integer, got {self.threads!r}")
        table(self.fingerprint, "fingerprint")
        table(self.extra, "extra")
        if not isinstance(self.created, str):
            raise ProfileError(f"profile field created must be a date string, got {self.created!r}")
        table(self.calibration, "calibration")
        factors = self.calibration.get("factors", {})
        table(factors, "calibration.factors")
        for kernel, by_phase in factors.items():
            table(by_phase, f"calibration.factors.{kernel}")
            for phase, value in by_phase.items():
                positive(value, f"calibration.factors.{kernel}.{phase}")
        overheads = self.calibration.get("overhead_s", {})
        table(overheads, "calibration.overhead_s")
        for kernel, value in overheads.items():
            positive(value, f"calibration.overhead_s.{kernel}")

    @property
    def levels(self):
        """Memory levels present, fastest first."""
        return [lvl for lvl in self.bandwidth_gbs]

    def level_for(self, working_set_bytes: float) -> str:
        """The fastest level whose capacity holds ``working_set_bytes`` (the last level otherwise)."""
        for level in self.levels:
            if working_set_bytes <= self.level_capacity_bytes[level]:
                return level
        return self.levels[-1]

    def compute_ceiling(self, name: str, level: Optional[str] = None) -> float:
        """GFLOP/s ceiling ``name`` with operands in ``level`` (falls back to the L1 value;
        a ceiling the profile lacks to its :data:`~winomodel.work.CEILING_FALLBACK`)."""
        if name not in self.compute_gflops and name in CEILING_FALLBACK:
            name = CEILING_FALLBACK[name]
        if level is not None and level in self.compute_gflops_by_level.get(name, {}):
            return self.compute_gflops_by_level[name][level]
        return self.compute_gflops[name]

    @property
    def calibrated(self) -> bool:
        """Whether phase factors from a calibration run are present."""
        return bool(self.calibration.get("factors"))

    def phase_factor(self, kernel: str, phase: str) -> float:
        """Calibration factor of ``kernel``'s ``phase`` (1.0 when not calibrated)."""
        return float(self.calibration.get("factors", {}).get(kernel, {}).get(phase, 1.0))

    def call_overhead(self, kernel: str) -> float:
        """Measured fixed seconds per call of ``kernel`` (0.0 when not calibrated)."""
        return float(self.calibration.get("overhead_s", {}).get(kernel, 0.0))

    # ---- (de)serialisation ----------------------------------------------------------
    def to_dict(self) -> dict:
        d = dataclasses.asdict(self)
        d = {"format": FORMAT_TAG, "schema_version": SCHEMA_VERSION, **d}
        return d

    def save(self, path) -> Path:
        """Write the profile as JSON, atomically."""
        return write_json(path, self.to_dict())

    @classmethod
    def from_dict(cls, d: dict, source: str = "profile") -> "MachineProfile":
        if not isinstance(d, dict) or d.get("format") != FORMAT_TAG:
            raise ProfileError(f"{source} is not a winomodel machine profile")
        version = d.get("schema_version")
        if isinstance(version, bool) or not isinstance(version, int):
            raise ProfileError(f"{source} has no valid schema_version (an integer)")
        if version > SCHEMA_VERSION:
            raise ProfileError(
                f"{source} has schema version {version}, newer than this winomodel "
                f"understands ({SCHEMA_VERSION}); upgrade winomodel or re-run `winomodel profile --force`")
        if version < SCHEMA_VERSION:
            raise ProfileError(
                f"{source} has old schema version {version}; re-run `winomodel profile --force`")
        fields = dataclasses.fields(cls)
        missing = [f.name for f in fields if f.name not in d
                   and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]
        if missing:
            raise ProfileError(f"{source} is incomplete: it lacks {', '.join(missing)}")
        kwargs = {f.name: d[f.name] for f in fields if f.name in d}
        try:
            return cls(**kwargs)
        except ProfileError as exc:  # name the file, not only the field
            message = str(exc)
            message = message[len("profile "):] if message.startswith("profile ") else message
            raise ProfileError(f"{source}: {message}") from None

    @classmethod
    def load(cls, path, *, check_machine: bool = True) -> "MachineProfile":
        """Read a profile from JSON.

        Raises
        ------
        ProfileError
            If the file is missing, not JSON (corrupt or truncated), not a winomodel
            profile, of another schema version, or (with ``check_machine``) measured on
            another machine.
        """
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ProfileError(f"no machine profile at {path}; run `winomodel profile` first") from None
        except UnicodeDecodeError:
            raise ProfileError(f"profile {path} is corrupt (not UTF-8 text)") from None
        except OSError as exc:
            raise ProfileError(f"cannot read profile {path}: {exc}") from None
        try:
            d = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ProfileError(f"profile {path} is corrupt or truncated (not valid JSON: {exc})") from None
        profile = cls.from_dict(d, source=f"profile {path}")
        if check_machine:
            mismatch = fingerprint_mismatch(profile.fingerprint, machine_fingerprint(profile.threads))
            if mismatch:
                raise ProfileError(
                    f"profile {path} was measured on another machine or setup ({mismatch}); "
                    f"re-run `winomodel profile --force`")
        return profile

    @classmethod
    def synthetic(cls, *, peak_gflops: float = 500.0, bandwidth_gbs=None, capacity_bytes=None,
                  compute_gflops=None, threads: int = 2) -> "MachineProfile":
        """A made-up profile for tests and what-if studies (no measurement).

        Defaults resemble the 2-core AVX-512 machine of the design brief.
        """
        bandwidth_gbs = bandwidth_gbs or {"L1": 940.0, "L2": 440.0, "L3": 210.0, "DRAM": 36.0}
        capacity_bytes = capacity_bytes or {"L1": 96e3, "L2": 4e6, "L3": 32e6, "DRAM": 24e9}
        ceilings = {"fma_peak": peak_gflops, "gemm": 0.9 * peak_gflops,
                    "axpy": 0.6 * peak_gflops, "stream": 0.25 * peak_gflops}
        ceilings.update(compute_gflops or {})
        return cls(peak_gflops={"fp32": peak_gflops, "fp64": peak_gflops / 2},
                   bandwidth_gbs=dict(bandwidth_gbs), level_capacity_bytes=dict(capacity_bytes),
                   compute_gflops=ceilings, threads=threads,
                   fingerprint={"synthetic": True}, extra={"synthetic": True})


@functools.lru_cache(maxsize=1)
def kernels_hash() -> str:
    """A hash of the :data:`KERNEL_SOURCES`' text: a profile measured with other kernels (an
    older or newer winomodel) is not reused, its ceilings and factors are theirs (AVX2's
    products ceilings moved from 167 / 159 to about 200 GFLOP/s with one change of
    micro-kernel)."""
    return sources_hash(Path(__file__).resolve().parent.parent, KERNEL_SOURCES)


def sources_hash(root: Path, patterns) -> str:
    """16 hex digits of a SHA-1 over the names and bytes of the files under ``root`` that
    the glob ``patterns`` match, in sorted order."""
    import hashlib

    digest = hashlib.sha1()
    for pattern in patterns:
        for path in sorted(root.glob(pattern)):
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def machine_fingerprint(threads: Optional[int] = None) -> dict:
    """Identity of this machine and software stack, as a profile records it."""
    import hashlib

    import llvmlite
    import numba
    import psutil

    from .isa import current as current_isa

    cpu_model, flags = _cpu_model_and_flags()
    target = current_isa()
    return {
        "cpu_model": cpu_model,
        "isa_flags_hash": hashlib.sha1(" ".join(sorted(flags)).encode()).hexdigest()[:16],
        "threads": int(threads if threads is not None else numba.get_num_threads()),
        "logical_cpus": os.cpu_count(),
        "cache_sizes": cache_sizes_from_os(),
        "memory_bytes": int(psutil.virtual_memory().total),
        "numba": numba.__version__,
        "llvmlite": llvmlite.__version__,
        "threading_layer": _threading_layer(),
        "vector_isa": f"{target.name}-{target.vector_bits}x{target.registers}",
        "kernels": kernels_hash(),
        "isa": target.as_dict(),
        "platform": platform.platform(),
        "python": platform.python_version(),
    }


def fingerprint_mismatch(recorded: dict, current: dict) -> str:
    """Empty string if ``recorded`` matches ``current`` on :data:`FINGERPRINT_KEYS`; else what differs."""
    if recorded.get("synthetic"):
        return "the profile is synthetic, not measured"
    diffs = [f"{k}: {recorded.get(k)!r} != {current.get(k)!r}"
             for k in FINGERPRINT_KEYS if recorded.get(k) != current.get(k)]
    return "; ".join(diffs)


def _cpu_model_and_flags():
    model, flags = platform.processor() or platform.machine(), []
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                key, _, value = line.partition(":")
                key = key.strip()
                if key == "model name" and model in ("", platform.machine(), platform.processor()):
                    model = value.strip()
                elif key == "flags" and not flags:
                    flags = value.split()
    except OSError:
        pass
    return model, flags


def isa_flags() -> list:
    """CPU feature flags the OS reports (empty where unknown)."""
    return _cpu_model_and_flags()[1]


def _threading_layer() -> str:
    import numba

    try:
        return numba.threading_layer()
    except ValueError:  # no parallel function has run yet
        return str(numba.config.THREADING_LAYER)
