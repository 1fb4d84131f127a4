"""Work accounting: what a kernel does on a layer, phase by phase.

Every kernel states, for a layer and a density, the floating-point operations and
the bytes each of its phases moves, and how large the data is that the phase keeps
re-reading (its working set).  The performance model reads only these values, so
the model and the kernels cannot drift apart.

Conventions
-----------
* ``flops`` counts the floating-point operations the code really executes, an FMA
  counting 2 (a multiply and an add), additions and subtractions 1 each.
* ``bytes`` counts reads plus writes of the phase's streamed operands in float32
  (int32 for index arrays), each element once per time the loop nest touches it
  from outside registers.  Write-allocate traffic is not counted.
* ``working_set_bytes`` is the footprint the phase re-reads, per thread: each thread
  of a parallel phase re-reads its own part (a Winograd block's V, a CSR chunk's input
  window).  A phase whose threads share one footprint (a stream over a whole array)
  says so with ``shared=True``.  The model places the phase on the roofline of the
  smallest memory level that holds the whole team's footprint (the profiler's level
  capacities are the team's: its sweeps run every thread on its own slice).
* ``compute`` names the compute ceiling the phase's inner loop lives under, one of
  :data:`COMPUTE_CEILINGS`; the profiler measures a ceiling for each name.
"""

from __future__ import annotations

import dataclasses
from typing import Optional, Tuple

from .layer import ConvLayer

#: compute ceilings a phase can name.  The profiler measures each with a
#: microbenchmark of the same loop shape (never by running a conv kernel):
#:   "fma_peak"  register-resident FMA chains (the machine's fp32 peak)
#:   "gemm"      register-blocked small dense matrix product (Winograd/direct dense products)
#:   "axpy"      broadcast-scalar x contiguous-vector FMA stream (direct sparse conv)
#:   "stream"    add/sub/copy work bound by moving data (transforms, packing, padding)
#:   "wgemm16", "wgemm32", "wgemm64"
#:               the dense Winograd products' micro-kernel at 16, 32 and 64 tile lanes
#:               per block, weights streamed from beyond the L2 as the layers' are: each
#:               weight is one broadcast load for tb / lanes FMAs, so narrow blocks run
#:               under the load ports, not the FMA units (512 x 512 products, one Zen 4
#:               core: 107, 87, 78 GFLOP/s at tb 64, 32, 16;
#:               ``python benchmarks/winograd_products.py``)
#:   "wsparse16", "wsparse32", "wsparse64"
#:               the sparse Winograd products' micro-kernel per stored weight at 16, 32
#:               and 64 lanes: one broadcast weight (value and column loaded) times tb
#:               lanes of an L1 window of V, rows of random sorted columns
#:   "wrows16", "wrows32", "wrows64"
#:               the same micro-kernel's cost per row visit (its tb lanes set up and
#:               stored, the loop over the row's weights entered and left), counted
#:               as 2 * tb flops per visit.  Both come from one pair of runs, rows short
#:               and long (:meth:`~winomodel.machine.profiler._Profiler.sparse_products_ceilings`):
#:               two Zen 4 cores, 110 / 144 / 165 GFLOP/s per weight at 16 / 32 / 64 lanes
#:               (0.58 / 0.89 / 1.55 ns a weight per core), 20 / 33 / 69 per visit (3.2 /
#:               3.9 / 3.7 ns): a visit costs what 5 weights at 16 lanes do
COMPUTE_CEILINGS = ("fma_peak", "gemm", "axpy", "stream", "wgemm16", "wgemm32", "wgemm64",
                    "wsparse16", "wsparse32", "wsparse64", "wrows16", "wrows32", "wrows64")
#: block widths (tile lanes) the Winograd products' micro-kernels exist for
BLOCK_WIDTHS = (16, 32, 64)
#: ceilings a profile may lack (measured by older profilers; synthetic profiles), and
#: the ceiling that stands in for each
CEILING_FALLBACK = {**{f"wgemm{tb}": "gemm" for tb in BLOCK_WIDTHS},
                    **{f"wsparse{tb}": "axpy" for tb in BLOCK_WIDTHS},
                    **{f"wrows{tb}": "axpy" for tb in BLOCK_WIDTHS}}


def winograd_products_ceiling(tb: int, sparse: bool = False) -> str:
    """Name of the compute ceiling of dense (``wgemm<tb>``) or sparse (``wsparse<tb>``)
    Winograd products over ``tb``-lane blocks."""
    return _block_ceiling("wsparse" if sparse else "wgemm", tb)


def winograd_rows_ceiling(tb: int) -> str:
    """Name of the compute ceiling of the sparse Winograd products' row visits over
    ``tb``-lane blocks (``wrows<tb>``)."""
    return _block_ceiling("wrows", tb)


def _block_ceiling(prefix: str, tb: int) -> str:
    if tb not in BLOCK_WIDTHS:
        raise ValueError(f"no {prefix} ceiling for {tb}-lane blocks; blocks have "
                         f"{', '.join(map(str, BLOCK_WIDTHS))} lanes")
    return f"{prefix}{int(tb)}"


@dataclasses.dataclass(frozen=True)
class Phase:
    """One phase of a kernel's execution (e.g. input transform, products, output transform).

    Attributes
    ----------
    name : str
        Short name, e.g. ``"pad_input"``, ``"input_transform"``, ``"products"``.
    flops : float
        Floating-point operations executed (FMA = 2).
    bytes : float
        Bytes read plus written by the phase (no write-allocate).
    working_set_bytes : float
        Footprint the phase re-reads per thread (the whole team's if ``shared``);
        selects the memory level in the model.
    compute : str
        Compute ceiling of the inner loop, one of :data:`COMPUTE_CEILINGS`.
    shared : bool
        ``working_set_bytes`` is one footprint all threads share (e.g. a whole array
        streamed once), not each thread's.
    items : int
        Equal work items the phase's parallel loop deals out to the threads (0: as many
        as make the split even).  With 7 items on 2 threads one thread runs 4: the model
        charges ``ceil(items / threads) * threads / items`` times the even split.
    consumed_bytes : float
        Size of one operand all threads share that the inner loop streams while it
        computes (dense Winograd's U), 0 for none.  Its memory level, not the working
        set's, selects the compute ceiling's value (:meth:`MachineProfile.compute_ceiling`):
        the profiler measures such a loop with the operand in the last cache and past it.
    """

    name: str
    flops: float
    bytes: float
    working_set_bytes: float
    compute: str = "stream"
    shared: bool = False
    items: int = 0
    consumed_bytes: float = 0.0

    def __post_init__(self):
        if self.compute not in COMPUTE_CEILINGS:
            raise ValueError(f"unknown compute ceiling {self.compute!r}; use one of {COMPUTE_CEILINGS}")
        for field in ("flops", "bytes", "working_set_bytes", "items", "consumed_bytes"):
            if getattr(self, field) < 0:
                raise ValueError(f"phase {self.name}: {field} must be >= 0")

    @property
    def arithmetic_intensity(self) -> float:
        """FLOPs per byte (infinite for a phase that moves no bytes)."""
        return self.flops / self.bytes if self.bytes else float("inf")


@dataclasses.dataclass(frozen=True)
class WorkEstimate:
    """The work one kernel does on one layer at one density.

    Attributes
    ----------
    kernel : str
        Registered kernel name.
    layer : ConvLayer
        The layer (batch size included).
    density : float
        Fraction of nonzero weights in the kernel's own domain (1 for dense kernels).
    phases : tuple of Phase
        Phases in execution order; the model adds their times.
    tile : int or None
        Winograd output tile ``m`` of F(m x m, 3 x 3), None for direct kernels.
    """

    kernel: str
    layer: ConvLayer
    density: float
    phases: Tuple[Phase, ...]
    tile: Optional[int] = None

    @property
    def real_flops(self) -> float:
        """FLOPs the code executes, all phases."""
        return float(sum(p.flops for p in self.phases))

    @property
    def effective_flops(self) -> float:
        """Dense direct-convolution FLOPs of the layer (the 'dense-equivalent' work)."""
        return float(self.layer.dense_flops)

    @property
    def total_bytes(self) -> float:
        return float(sum(p.bytes for p in self.phases))

    def phase(self, name: str) -> Phase:
        """The phase called ``name`` (KeyError if absent)."""
        for p in self.phases:
            if p.name == name:
                return p
        raise KeyError(f"{self.kernel} has no phase {name!r}; phases: {[p.name for p in self.phases]}")

    def rows(self) -> list:
        """One dict per phase, for CSV reports."""
        base = {"layer": self.layer.name, "kernel": self.kernel, "density": self.density,
                "tile": self.tile}
        return [dict(base, phase=p.name, flops=p.flops, bytes=p.bytes,
                     working_set_bytes=p.working_set_bytes, shared=p.shared,
                     items=p.items, compute=p.compute, consumed_bytes=p.consumed_bytes)
                for p in self.phases]
