"""One place for the Numba compilation options every kernel uses.

Kernels import ``JIT`` (serial helpers) or ``PARALLEL_JIT`` (kernels with a
``prange`` outer loop) instead of scattering literals, so a flag changes in one
place (the stumpy pattern).
"""

import os

# LLVM's SLP vectorizer is off by default in Numba; with it on, independent scalar
# FMA chains (register-blocked accumulators) are packed into vector registers.  It is
# read when numba is first imported, so set it before that import.  A user's own
# setting wins.
os.environ.setdefault("NUMBA_SLP_VECTORIZE", "1")


#: whether winomodel itself set NUMBA_CPU_FEATURES (to lift prefer-256-bit), so
#: :mod:`winomodel.machine.isa` does not report the host's own features as an override
SET_CPU_FEATURES = False


def _prefer_512_bit_vectors() -> None:
    """Let LLVM use 512-bit (zmm) vectors on Intel AVX-512 CPUs.

    LLVM tunes Intel AVX-512 targets (Skylake-X .. Sapphire Rapids; this machine reports
    itself as "rocketlake") with ``prefer-256-bit``, so Numba's loops came out as ymm
    code at half the FMA width.  Adding ``-prefer-256-bit`` to the host's feature string
    gives zmm FMAs (checked with ``inspect_asm``).  Only done where the host has AVX-512F
    and the user has not set ``NUMBA_CPU_FEATURES`` themselves.
    """
    if "NUMBA_CPU_FEATURES" in os.environ:
        return
    try:
        import llvmlite.binding as llvm

        features = llvm.get_host_cpu_features().flatten()
    except Exception:  # pragma: no cover - no LLVM host info: keep Numba's defaults
        return
    if "+avx512f" in features.split(","):
        global SET_CPU_FEATURES
        os.environ["NUMBA_CPU_FEATURES"] = features + ",-prefer-256-bit"
        SET_CPU_FEATURES = True


_prefer_512_bit_vectors()

import numba  # noqa: E402  (must follow the environment setup above)

#: options for serial jitted helpers
JIT = dict(fastmath=True, cache=True, nogil=True)

#: options for jitted kernels whose outer loop is a ``prange``
PARALLEL_JIT = dict(fastmath=True, cache=True, nogil=True, parallel=True)

#: dtype every kernel computes in
DTYPE = "float32"


def clear_jit_cache(root=None) -> int:
    """Delete Numba's cached machine code of this package (the ``*.nbi``/``*.nbc`` files
    in its ``__pycache__`` folders, and its mirror under ``NUMBA_CACHE_DIR``) or, given
    ``root``, under that folder; returns the number of files removed.

    Numba checks a cached function against its own source file only: after a
    generated module changes, its callers' cached code (in other files) would still
    run the old version.  The code generators call this after they write."""
    import pathlib

    if root is None:
        roots = [pathlib.Path(__file__).resolve().parent]
        if numba.config.CACHE_DIR:
            roots.append(pathlib.Path(numba.config.CACHE_DIR))
    else:
        roots = [pathlib.Path(root)]
    removed = 0
    for top in roots:
        mirror = top != roots[0]  # NUMBA_CACHE_DIR holds other packages' code too
        for pattern in ("*.nbi", "*.nbc"):
            for f in top.rglob(pattern):
                if not mirror or "winomodel" in f.parts:
                    f.unlink(missing_ok=True)
                    removed += 1
    return removed


def num_threads() -> int:
    """Number of threads Numba's parallel kernels use now."""
    return numba.get_num_threads()


def set_num_threads(n: int) -> None:
    """Set the number of threads for Numba's parallel kernels (1 .. available cores)."""
    if not isinstance(n, (int,)) or n < 1 or n > numba.config.NUMBA_NUM_THREADS:
        from .errors import WinomodelError

        raise WinomodelError(
            f"threads must be an integer in 1..{numba.config.NUMBA_NUM_THREADS}, got {n!r}"
        )
    numba.set_num_threads(n)
