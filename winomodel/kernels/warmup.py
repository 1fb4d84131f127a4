"""Fill Numba's on-disk cache for every kernel, in background processes.

A fresh install compiles the four kernels on first use: about 50 s on the 2-core
Zen 5, a third of ``winomodel report --quick``.  The report starts one process per
kernel family (:data:`FAMILIES`) while its own process compiles the profiler's
microbenchmarks, and waits for them before it times anything; the kernels then load
from the cache.  ``python -c "from winomodel.kernels.warmup import main; main()"
[KERNEL,...]`` does the same in the foreground.

Where the cache cannot be written (a read-only install without ``NUMBA_CACHE_DIR``)
the background work is lost and each kernel compiles on first use as before.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Iterable, List, Optional, Sequence

import numpy as np

#: kernels compiled together in one background process (the direct ones share most
#: of their jitted code; the Winograd ones only the transforms, and each takes longer)
FAMILIES = (("dense_direct", "sparse_direct"), ("dense_winograd",), ("sparse_winograd",))
#: layers (N, C, H, K) whose runs reach every jitted path: the smaller pads on one
#: thread and takes the Winograd kernels' split path (one tile block), the larger pads
#: on all threads and takes the fused path (several blocks)
WARM_SHAPES = ((1, 16, 7, 16), (2, 64, 32, 32))
#: longest wait for a background compile, in seconds (a family's cold compile took
#: 20-45 s here, three at once on 2 cores)
WAIT_SECONDS = 600


def compile_kernels(names: Iterable[str]) -> None:
    """Plan and run each named kernel once on every :data:`WARM_SHAPES` layer (3x3,
    padding 1; the sparse kernels at density 0.5), which compiles (or loads) all of
    its jitted code."""
    from .. import api
    from . import get_kernel

    rng = np.random.default_rng(0)
    for name in names:
        for n, c, h, k in WARM_SHAPES:
            x = rng.standard_normal((n, c, h, h)).astype(np.float32)
            w = rng.standard_normal((k, c, 3, 3)).astype(np.float32)
            density = 0.5 if get_kernel(name).sparse else None
            api.plan(w, x.shape, padding=1, kernel=name, density=density)(x)


def _child_code() -> str:
    """The background process's program: it imports this very copy of winomodel.  Left to
    ``python -c``'s own path, the current folder comes first: run from a checkout after
    ``pip install .`` (the quick start), the children compiled the checkout's copy into its
    cache while the installed copy compiled everything again in the foreground (2 min of
    a 4 min 17 s fresh ``report --quick`` on a Zen 4)."""
    package_parent = str(Path(__file__).resolve().parents[2])
    return (f"import sys; sys.path.insert(0, {package_parent!r}); "
            "from winomodel.kernels.warmup import main; main()")


class BackgroundCompile:
    """One process per kernel family running :func:`main`.

    Use :meth:`start`, then :meth:`wait` before timing anything (the compiling
    processes would share the cores with the measurement).  ``wait`` is idempotent.
    """

    def __init__(self, families: Sequence[Sequence[str]] = FAMILIES):
        self.families = [tuple(f) for f in families]
        self.procs: List[subprocess.Popen] = []
        #: exit status of every finished process (0: its kernels are in the cache)
        self.returncodes: List[int] = []

    def start(self) -> "BackgroundCompile":
        for family in self.families:
            try:
                # "-c", not "-m": run with -m the same compile spent 4x the system
                # time (in mmap/munmap) and took 30-40 % longer
                self.procs.append(subprocess.Popen(
                    [sys.executable, "-c", _child_code(), ",".join(family)],
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            except OSError:  # no subprocesses here: the kernels compile on first use
                break
        return self

    def wait(self, timeout: Optional[float] = WAIT_SECONDS) -> None:
        """Wait for every process (killing one that outlives ``timeout``)."""
        for proc in self.procs:
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            self.returncodes.append(proc.returncode)
        self.procs = []


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    names = args[0].split(",") if args else [n for family in FAMILIES for n in family]
    compile_kernels(names)
    return 0


if __name__ == "__main__":
    sys.exit(main())
