"""The vector ISA Numba compiles for, and the register-block sizes that follow from it.

One module owns these facts; kernels, code generators and the profiler ask it instead of
assuming a width.  The ISA is read from what Numba's code generator targets: the host's
CPU name and features from LLVM, or the user's ``NUMBA_CPU_NAME`` / ``NUMBA_CPU_FEATURES``
overrides (e.g. an AVX-512 host limited to AVX2, see the README), and ``NUMBA_ENABLE_AVX``.

Sizes are chosen so the accumulators of a register block, its input vectors and its
broadcast weights fit the register file: 6 rows x 3 zmm (27 of 32 registers) on
AVX-512, 3 rows x 3 ymm (15 of 16) on AVX2, 6 x 3 q-registers on NEON.  A block that
needs more registers than exist spills every step (AVX-512's 6 x 48 pixels are 36 ymm
accumulators on AVX2: dense_direct ran at 0.30-0.40x PyTorch on a Zen 3).
"""

from __future__ import annotations

import dataclasses
import functools
import os
import platform
from typing import FrozenSet, Optional

#: LLVM CPU names whose feature sets are implied when features are given as "" (Numba
#: then passes no features and LLVM uses the name's own)
_AVX512_CPUS = frozenset({
    "x86-64-v4", "skylake-avx512", "cascadelake", "cooperlake", "cannonlake", "icelake-client",
    "icelake-server", "tigerlake", "rocketlake", "sapphirerapids", "emeraldrapids",
    "graniterapids", "graniterapids-d", "diamondrapids", "znver4", "znver5", "knl", "knm"})
_AVX2_CPUS = frozenset({
    "x86-64-v3", "haswell", "broadwell", "skylake", "alderlake", "raptorlake", "meteorlake",
    "arrowlake", "arrowlake-s", "lunarlake", "gracemont", "sierraforest", "grandridge",
    "clearwaterforest", "znver1", "znver2", "znver3", "bdver4"})
#: Intel AVX-512 CPUs LLVM tunes with prefer-256-bit: its vectorizers then emit ymm code
#: unless the features say ``-prefer-256-bit`` (winomodel._config adds it on such hosts)
_PREFER_256_CPUS = _AVX512_CPUS - {"znver4", "znver5", "knl", "knm", "x86-64-v4"}

#: FMA chains that hide the FMA latency on two FMA ports need >= 8 vectors; 12 leave
#: room for the loop's own registers even in a 16-register file (fp32)
_PEAK_VECTORS = 12
#: CPUs whose vector units are narrower than their widest registers: AMD Zen 4 runs each
#: 512-bit operation as two 256-bit halves (its AVX-512 peak equals its AVX2 peak:
#: 232 vs 232 GFLOP/s on 2 cores with benchmarks/probes/run_probes.sh, native vs avx2)
_DATAPATH_BITS = {"znver4": 256}
#: most rows (output channels) of a dense direct register block: each input vector
#: loaded feeds this many FMAs, each broadcast weight as many as the block has vectors
_DENSE_MAX_ROWS = 6
#: accumulator vectors of a sparse direct block: 8 independent FMA chains
_SPARSE_VECTORS = 8


@dataclasses.dataclass(frozen=True)
class VectorISA:
    """The SIMD facts of the target Numba compiles for.

    Attributes
    ----------
    name : str
        ``"avx512"``, ``"avx2"``, ``"avx"``, ``"sse"``, ``"neon"`` or ``"scalar"``.
    arch : str
        Machine architecture (``platform.machine()``).
    cpu : str
        LLVM CPU name Numba targets.
    vector_bits : int
        Width of the vectors LLVM's vectorizers emit (a tuning choice, e.g. 256 on an
        Intel AVX-512 CPU left at ``prefer-256-bit``).
    registers : int
        Architectural vector registers (16 on x86 without AVX-512, 32 with; 32 on Arm).
    fma : bool
        Whether fused multiply-add instructions exist.
    source : str
        ``"host"``, or the Numba environment variables that overrode it.
    """

    name: str
    arch: str
    cpu: str
    vector_bits: int
    registers: int
    fma: bool
    source: str = "host"

    # ---- lanes -------------------------------------------------------------------
    @property
    def datapath_bits(self) -> int:
        """Width of the vector units: ``vector_bits``, less where a CPU splits its widest
        operations (Zen 4's 512-bit FMAs take two 256-bit passes).  Sets the datasheet peak."""
        return min(self.vector_bits, _DATAPATH_BITS.get(self.cpu, self.vector_bits))

    @property
    def f32_lanes(self) -> int:
        """float32 lanes of one vector register."""
        return max(1, self.vector_bits // 32)

    def lanes(self, dtype: str = "float32") -> int:
        """Lanes of one vector of ``dtype`` (``"float32"`` or ``"float64"``)."""
        return max(1, self.vector_bits // (32 if dtype == "float32" else 64))

    # ---- register blocks -------------------------------------------------------------
    def fma_chains(self, dtype: str = "float32") -> int:
        """Independent FMA chains of the profiler's peak kernel: 12 vectors of ``dtype``
        (fewer where the register file is small), enough to hide a 4-cycle FMA latency
        on two FMA ports (8 needed) and few enough to stay in registers.  The chains are
        explicit vectors (:func:`winomodel.machine.microbench.fma_chains_kernel`), so
        this count is what runs: 12 x 8 fp32 or 12 x 4 fp64 lanes on AVX2."""
        return self.lanes(dtype) * self.peak_vectors

    @property
    def peak_vectors(self) -> int:
        """Vector accumulators of the profiler's peak kernel (see :meth:`fma_chains`)."""
        return max(1, min(_PEAK_VECTORS, self.registers - 4))

    @property
    def dense_block(self) -> tuple:
        """``(rows, vectors)`` of a dense direct register block: the most accumulators
        (rows x vectors) such that they, the row's input vectors and the rows' broadcast
        weights (LLVM hoists every broadcast of a step) leave a register spare; at most 6
        rows and 3 vectors (wider blocks waste more of a short output run).  AVX-512: 6 x 3
        (27 of 32 registers); AVX2: 3 x 3 (15 of 16).  On a Zen 3 one core ran AVX2's 6 x 2
        at 39 GFLOP/s (spilling), 4 x 2 at 91 and 3 x 3 at 97 (/tmp-free rerun:
        ``benchmarks/direct_bench.py --micro``)."""
        fits = [(r, v) for r in range(1, _DENSE_MAX_ROWS + 1) for v in range(1, 4)
                if r * v + v + r <= self.registers - 1]
        return max(fits, key=lambda rv: (rv[0] * rv[1], rv[0]))

    @property
    def dense_vectors(self) -> int:
        """Vectors per row of a dense direct register block."""
        return self.dense_block[1]

    @property
    def dense_rows(self) -> int:
        """Output channels of a dense direct register block."""
        return self.dense_block[0]

    @property
    def dense_widths(self) -> tuple:
        """Output-pixel widths of the dense direct micro-kernels (the widest is the block)."""
        return tuple(self.f32_lanes * v for v in range(1, self.dense_vectors + 1))

    @property
    def sparse_widths(self) -> tuple:
        """Output-pixel widths of the sparse direct micro-kernels (8 vectors at most)."""
        return tuple(self.f32_lanes * v for v in range(1, _SPARSE_VECTORS + 1))

    def accumulator_sets(self, width: int) -> int:
        """Independent accumulator sets of a sparse Winograd micro-kernel over ``width``
        lanes: enough for 8 vector FMA chains (the FMA latency on two ports), at most 4.
        AVX-512: 4, 4, 2 sets for 16, 32, 64 lanes; AVX2: 4, 2, 1."""
        return max(1, min(4, 8 // max(1, width // self.f32_lanes)))

    @property
    def direct_key(self) -> str:
        """Name suffix of the generated direct micro-kernel family for this ISA."""
        return f"r{self.dense_rows}l{self.f32_lanes}v{self.dense_vectors}"

    def as_dict(self) -> dict:
        """JSON-ready facts, derived sizes included (for profiles and reports)."""
        d = dataclasses.asdict(self)
        d.update(regime=regime(), f32_lanes=self.f32_lanes, f64_lanes=self.lanes("float64"),
                 fma_chains_f32=self.fma_chains("float32"),
                 dense_block=f"{self.dense_rows}x{self.dense_widths[-1]}",
                 sparse_block=self.sparse_widths[-1])
        return d

    def describe(self) -> str:
        """One line for people: ``avx2 (znver3): 256-bit vectors, 8 fp32 lanes, 16 registers, FMA``."""
        via = "" if self.source == "host" else f", set by {self.source}"
        return (f"{self.name} ({self.cpu}): {self.vector_bits}-bit vectors, {self.f32_lanes} fp32 "
                f"lanes, {self.registers} registers{', FMA' if self.fma else ''}{via}")


def classify(arch: str, cpu: str, features: Optional[FrozenSet[str]],
             disabled: FrozenSet[str] = frozenset()) -> tuple:
    """``(name, vector_bits, registers, fma)`` of a target.

    ``features``: the enabled LLVM features (names without ``+``), or None where none
    are given and the CPU name implies them; ``disabled``: the ``-`` ones."""
    arch = arch.lower()
    if arch in ("aarch64", "arm64"):
        # NEON: 32 x 128-bit registers with FMA; Numba's LLVM does not emit scalable SVE
        return "neon", 128, 32, True
    if arch not in ("x86_64", "amd64", "i386", "i686", "x86"):
        return "scalar", 128, 16, False
    if features is None:
        if cpu in _AVX512_CPUS:
            features = frozenset({"avx512f", "avx2", "avx", "fma"})
        elif cpu in _AVX2_CPUS:
            features = frozenset({"avx2", "avx", "fma"})
        else:
            features = frozenset({"sse2"})
    fma = "fma" in features or "avx512f" in features
    if "avx512f" in features:
        bits = 256 if (cpu in _PREFER_256_CPUS and "prefer-256-bit" not in disabled) else 512
        return "avx512", bits, 32, fma
    if "avx2" in features:
        return "avx2", 256, 16, fma
    if "avx" in features:
        return "avx", 256, 16, fma
    return "sse", 128, 16, fma


def _parse_features(text: str):
    """Enabled and disabled feature names of an LLVM feature string ``+a,-b,...``."""
    on, off = set(), set()
    for item in text.split(","):
        item = item.strip()
        if item.startswith("+"):
            on.add(item[1:])
        elif item.startswith("-"):
            off.add(item[1:])
    return frozenset(on), frozenset(off)


@functools.lru_cache(maxsize=None)
def current() -> VectorISA:
    """The ISA Numba compiles for in this process (host, or Numba's overrides), classified
    for the architecture :data:`SIZE_FOR_VARIABLE` names where it is set (arm-sizes)."""
    from .. import _config  # noqa: F401  (sets Numba's environment before numba is imported)
    import llvmlite.binding as llvm
    from numba.core import config

    sources = []
    cpu = config.CPU_NAME
    if cpu is None:
        cpu = llvm.get_host_cpu_name()
    else:
        sources.append("NUMBA_CPU_NAME")
    if config.CPU_FEATURES is not None:
        if not _config.SET_CPU_FEATURES:
            sources.append("NUMBA_CPU_FEATURES")
        text = config.CPU_FEATURES
    else:
        try:
            text = llvm.get_host_cpu_features().flatten()
        except RuntimeError:  # pragma: no cover - LLVM cannot read this host's features
            text = ""
    on, off = _parse_features(text) if text else (None, frozenset())
    if on is not None and not config.ENABLE_AVX:
        on = frozenset(f for f in on if not f.startswith("avx"))
        sources.append("NUMBA_ENABLE_AVX=0")
    arch = os.environ.get(SIZE_FOR_VARIABLE) or platform.machine()
    if arch != platform.machine():
        sources.append(SIZE_FOR_VARIABLE)
    name, bits, regs, fma = classify(arch, cpu, on, off)
    return VectorISA(name=name, arch=arch, cpu=cpu, vector_bits=bits,
                     registers=regs, fma=fma, source=" + ".join(sources) or "host")


#: ISA regimes a user can run winomodel (and PyTorch beside it) in: the host's own, AVX2
#: on an x86 host that has it (an AVX-512 host limited to AVX2), baseline x86-64 (SSE2), and
#: arm-sizes: every block sized for an AArch64 NEON core (128-bit, 32 registers) while Numba
#: compiles baseline x86-64, so the Arm-sized code paths run and are checked on x86 (their
#: speed there means nothing: SSE2 has 16 registers and no FMA)
REGIMES = ("native", "avx2", "generic", "arm-sizes")
#: environment variable naming the architecture the kernels are sized for, where it is not
#: the host's (set by the arm-sizes regime)
SIZE_FOR_VARIABLE = "WINOMODEL_SIZE_FOR_ARCH"


def regime_env(regime: str) -> dict:
    """Environment variables that limit Numba and PyTorch to ``regime``.

    ``"avx2"``: Numba keeps the host CPU's name and features less every AVX-512 one
    (LLVM then emits no zmm code), PyTorch's ATen kernels use their AVX2 build
    (``ATEN_CPU_CAPABILITY``) and oneDNN stops at AVX2 (``ONEDNN_MAX_CPU_ISA``).
    ``"generic"``: Numba compiles for baseline x86-64 (SSE2), PyTorch for its default
    capability and SSE4.1; ``"arm-sizes"`` the same, with the kernels sized for AArch64
    NEON (:data:`SIZE_FOR_VARIABLE`).  ``"native"``: nothing.  The variables must be set
    before numba and torch are imported: ``winomodel --isa avx2 COMMAND`` runs the command in a
    new process with them, ``winomodel isa --env avx2`` prints them for a shell.

    Raises
    ------
    WinomodelError
        For an unknown regime, or one the host cannot run (AVX2 on a CPU without it).
    """
    from ..errors import WinomodelError

    if regime not in REGIMES:
        raise WinomodelError(f"unknown ISA regime {regime!r}; expected one of {', '.join(REGIMES)}")
    if regime == "native":
        return {"WINOMODEL_REGIME": "native"}
    if platform.machine().lower() not in ("x86_64", "amd64"):
        raise WinomodelError(f"the {regime} regime needs an x86-64 host; this is {platform.machine()}")
    import llvmlite.binding as llvm

    if regime in ("generic", "arm-sizes"):
        env = {"WINOMODEL_REGIME": regime, "NUMBA_CPU_NAME": "generic", "NUMBA_CPU_FEATURES": "",
               "ATEN_CPU_CAPABILITY": "default", "ONEDNN_MAX_CPU_ISA": "SSE41"}
        if regime == "arm-sizes":
            env[SIZE_FOR_VARIABLE] = "aarch64"
        return env
    features = llvm.get_host_cpu_features()
    if not features.get("avx2") or not features.get("fma"):
        raise WinomodelError("the avx2 regime needs a CPU with AVX2 and FMA; this one has neither")
    for name in list(features):
        if name.startswith("avx512") or name in ("amx-tile", "amx-int8", "amx-bf16", "amx-fp16",
                                                 "amx-complex", "evex512", "avx10.1-256",
                                                 "avx10.1-512"):
            features[name] = False
    return {"WINOMODEL_REGIME": "avx2", "NUMBA_CPU_NAME": llvm.get_host_cpu_name(),
            "NUMBA_CPU_FEATURES": features.flatten(), "ATEN_CPU_CAPABILITY": "avx2",
            "ONEDNN_MAX_CPU_ISA": "AVX2"}


def regime() -> str:
    """The regime this process runs in: ``WINOMODEL_REGIME`` where ``winomodel --isa`` set
    it, ``"native"`` without Numba target overrides, else ``"custom"``."""
    import os

    named = os.environ.get("WINOMODEL_REGIME")
    if named in REGIMES:
        return named
    return "native" if current().source == "host" else "custom"
